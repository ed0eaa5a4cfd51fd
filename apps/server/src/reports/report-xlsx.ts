import ExcelJS from 'exceljs';
import { type CellKind, type CellValue, type Column, kindOf, type Sheet } from './report-sheets';

/** Excel number formats by kind; Excel shows them with the reader's separators (1.081 in Việt Nam). */
export const numberFormats: Record<CellKind, string | undefined> = {
  text: undefined,
  id: '0',
  integer: '0',
  count: '#,##0',
  hours: '0.0',
  share: '0.0%',
  date: 'dd/mm/yyyy',
  datetime: 'dd/mm/yyyy hh:mm:ss',
};

const defaultWidths: Record<CellKind, number> = { text: 16, id: 10, integer: 8, count: 12, hours: 10, share: 10, date: 12, datetime: 20 };

export const columnWidth = <R>(column: Column<R>, kind: CellKind) => Math.min(60, Math.max(column.width ?? defaultWidths[kind], column.header.length + 2));

const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2}))?$/;

/**
 * A cell's value as the workbook stores it: a local day or time becomes a Date whose UTC fields
 * are the local ones (Excel dates have no zone; exceljs writes the UTC fields).
 */
export function xlsxValue(value: CellValue, kind: CellKind): ExcelJS.CellValue {
  if (value === null) return null;
  if ((kind === 'date' || kind === 'datetime') && typeof value === 'string') {
    const m = LOCAL_TIME.exec(value);
    if (m) return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)));
  }
  return value;
}

/** Widths from the first row's kinds (a column of mixed kinds — targets — is as wide as its widest). */
export function worksheetColumns(sheet: Sheet): Array<Partial<ExcelJS.Column>> {
  return sheet.columns.map((c) => ({ width: columnWidth(c, sheet.rows.length ? kindOf(c, sheet.rows[0]) : typeof c.kind === 'string' ? c.kind : 'count') }));
}

/** Writes the header row (bold) and one sheet's rows, each cell with its kind's number format. */
export function fillWorksheet(ws: ExcelJS.Worksheet, sheet: Sheet, rows: Iterable<unknown> = sheet.rows) {
  const header = ws.addRow(sheet.columns.map((c) => c.header));
  header.font = { bold: true };
  for (const r of rows) addCells(ws, sheet.columns, r);
}

/** One row of cells; returns the row (a streaming worksheet's caller commits it). */
export function addCells<R>(ws: ExcelJS.Worksheet, columns: Array<Column<R>>, row: R): ExcelJS.Row {
  const kinds = columns.map((c) => kindOf(c, row));
  const added = ws.addRow(columns.map((c, i) => xlsxValue(c.value(row), kinds[i]!)));
  kinds.forEach((kind, i) => {
    const format = numberFormats[kind];
    if (format) added.getCell(i + 1).numFmt = format;
  });
  return added;
}

export const frozenHeader: Partial<ExcelJS.AddWorksheetOptions> = { views: [{ state: 'frozen', ySplit: 1 }] };

/** The whole report as one workbook: a worksheet per table. */
export async function reportWorkbook(sheets: Sheet[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Xung Kích';
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheet.name, frozenHeader);
    ws.columns = worksheetColumns(sheet);
    fillWorksheet(ws, sheet);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
