import { type SQL, sql } from 'drizzle-orm';

/** A PostgreSQL array literal: `{"a","b",NULL}`, every element quoted and escaped. */
export function arrayLiteral(values: readonly unknown[]): string {
  return `{${values.map((v) => (v === null || v === undefined ? 'NULL' : `"${String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)).join(',')}}`;
}

/**
 * One bound parameter holding a whole array, cast to `type[]`: `= any(${pgArray(ids, 'int')})` or
 * `unnest(…)`. Sent as a text literal, which node-postgres and PGlite both pass through unchanged,
 * so a statement's size and planning cost do not grow with the number of values.
 */
export const pgArray = (values: readonly unknown[], type: string): SQL => sql`${arrayLiteral(values)}::${sql.raw(type)}[]`;
