import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { badRequest } from '../errors';

/** One line of a sheet: its number as the spreadsheet shows it, and its cells as text (trimmed). */
export interface SheetLine {
  n: number;
  cells: string[];
}
export interface ReadSheet {
  name: string;
  lines: SheetLine[];
}
export interface ReadFile {
  format: 'csv' | 'xlsx';
  sheets: ReadSheet[];
}

/** More than this many lines in one file is refused before any work (a province's members fit many times over). */
export const maxLines = 50_000;

/** A ZIP's local-file signature: every .xlsx starts with it. */
const isZip = (b: Buffer) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** The text a person sees in a cell: formulas by their result, rich text and links by their text, dates as YYYY-MM-DD. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value) return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
    if ('text' in value) return cellText((value as { text: ExcelJS.CellValue }).text);
    if ('error' in value) return '';
  }
  return String(value);
}

async function readXlsx(buffer: Buffer): Promise<ReadSheet[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw badRequest('body', 'the file is not a readable .xlsx workbook (save it again from Excel as "Excel Workbook (.xlsx)")');
  }
  const sheets: ReadSheet[] = [];
  let total = 0;
  workbook.eachSheet((ws) => {
    if (ws.state !== 'visible') return;
    const lines: SheetLine[] = [];
    ws.eachRow({ includeEmpty: false }, (row, n) => {
      const values = row.values as ExcelJS.CellValue[];
      // row.values is 1-based: index 0 is always empty.
      const cells = Array.from({ length: Math.max(0, values.length - 1) }, (_, i) => cellText(values[i + 1] ?? null).trim());
      if (cells.some((c) => c !== '')) lines.push({ n, cells });
    });
    total += lines.length;
    sheets.push({ name: ws.name, lines });
  });
  if (total > maxLines) throw badRequest('body', `the workbook has ${total} rows: at most ${maxLines} are imported at once — split it`);
  return sheets;
}

function readCsv(buffer: Buffer): ReadSheet[] {
  let records: string[][];
  const info = { lines: [] as number[] };
  try {
    const parsed = parse(buffer, {
      bom: true,
      // Excel set to Vietnamese saves CSV with ';' (the decimal separator there is ','); Google Sheets with ','.
      delimiter: [',', ';', '\t'],
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
      to: maxLines + 1,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
    records = parsed.map((r) => {
      info.lines.push(r.info.lines);
      return r.record;
    });
  } catch (err) {
    throw badRequest('body', `the CSV file cannot be read: ${(err as Error).message}`);
  }
  if (records.length > maxLines) throw badRequest('body', `the file has more than ${maxLines} rows: at most ${maxLines} are imported at once — split it`);
  const text = buffer.toString('utf8');
  if (text.includes('\ufffd')) throw badRequest('body', 'the CSV file is not UTF-8: save it as "CSV UTF-8 (Comma delimited)" so Vietnamese letters survive');
  const lines = records.map((cells, i) => ({ n: info.lines[i]!, cells })).filter((l) => l.cells.some((c) => c !== ''));
  return [{ name: 'CSV', lines }];
}

/** Reads an uploaded file: .xlsx (every visible sheet) or CSV (UTF-8, with or without BOM, `,` `;` or tab). */
export async function readSpreadsheet(buffer: Buffer): Promise<ReadFile> {
  if (buffer.length === 0) throw badRequest('body', 'the file is empty');
  if (isZip(buffer)) return { format: 'xlsx', sheets: await readXlsx(buffer) };
  if (buffer.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) {
    throw badRequest('body', 'old Excel 97–2003 (.xls) files are not read: save it as .xlsx or CSV UTF-8');
  }
  // Excel's "Unicode Text" is UTF-16 with a byte-order mark (tab-separated): read it as the same text in UTF-8.
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return { format: 'csv', sheets: readCsv(Buffer.from(buffer.subarray(2).toString('utf16le'), 'utf8')) };
  return { format: 'csv', sheets: readCsv(buffer) };
}
