import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import { sql } from 'drizzle-orm';
import { queryRows } from '@xk/db';
import type { Caller, TestApp } from '../helpers/test-app';

export type Cell = string | number | null;

/** A workbook with the given sheets (name → rows, the first row being the headers). */
export async function xlsx(sheets: Record<string, Cell[][]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const row of rows) ws.addRow(row);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A CSV file as Excel saves one: UTF-8 with BOM by default, `;` or `,` between cells. */
export function csv(rows: Cell[][], options: { delimiter?: string; bom?: boolean } = {}): Buffer {
  const text = stringify(rows.map((r) => r.map((c) => (c === null ? '' : String(c)))), { delimiter: options.delimiter ?? ',', record_delimiter: '\r\n' });
  return Buffer.from((options.bom === false ? '' : '\ufeff') + text, 'utf8');
}

const typeOf = (file: Buffer) => (file[0] === 0x50 && file[1] === 0x4b ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv');

export async function send(t: TestApp, step: 'preview' | 'apply', file: Buffer, query: Record<string, string | number> = {}, as?: Caller) {
  const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();
  return t.call({ method: 'POST', url: `/api/v1/imports/${step}${qs ? `?${qs}` : ''}`, payload: file, headers: { 'content-type': typeOf(file) }, ...(as ? { as } : {}) });
}

/** Row counts of everything an import may write: equal before and after means nothing was written. */
export interface TableCounts {
  units: number;
  teams: number;
  people: number;
  memberships: number;
  grants: number;
  assignments: number;
  members: number;
  imports: number;
}

export async function tableCounts(t: TestApp): Promise<TableCounts> {
  const [row] = await queryRows<TableCounts>(
    t.app.database.db,
    sql`select (select count(*) from units)::int as units, (select count(*) from teams)::int as teams, (select count(*) from people)::int as people,
               (select count(*) from memberships)::int as memberships, (select count(*) from grants)::int as grants, (select count(*) from assignments)::int as assignments,
               (select coalesce(sum(member_count), 0) from units)::int as members, (select count(*) from audit_log where action = 'import.apply')::int as imports`,
  );
  return row!;
}

/** Errors as `row:code` for compact, exact assertions. */
export const errorKeys = (preview: { errors: Array<{ row: number; code: string; sheet: string }> }) => preview.errors.map((e) => `${e.sheet}:${e.row}:${e.code}`);
