import { stringify } from 'csv-stringify/sync';
import { type CellValue, type Column, kindOf, type Sheet } from './report-sheets';

/**
 * CSV as machines and Excel both read it: UTF-8 with a byte-order mark (without it Excel on
 * Windows shows Vietnamese as mojibake), CRLF line ends, '.' decimals, ISO dates.
 */
export const csvOptions = { record_delimiter: 'windows' } as const;
export const BOM = '\uFEFF';

/** A text cell a spreadsheet would run as a formula (=, +, -, @) is prefixed with ' (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CellValue, kind: string): string | number | null {
  if (typeof value === 'string' && kind === 'text' && FORMULA_START.test(value)) return `'${value}`;
  return value;
}

/** The cells of rows, as CSV records. */
export const csvRecords = <R>(columns: Array<Column<R>>, rows: Iterable<R>) => Array.from(rows, (r) => columns.map((c) => csvCell(c.value(r), kindOf(c, r))));

/** One table: BOM, header row, rows. */
export function sheetCsv(sheet: Sheet): string {
  return BOM + stringify([sheet.columns.map((c) => c.header), ...csvRecords(sheet.columns, sheet.rows)], csvOptions);
}
