import { sql } from 'drizzle-orm';
import { type DbOrTx, pgArray, queryRows } from '@xk/db';
import type { ActivityInsert } from './activity-rows';

/** Column, SQL array type, and how to read it from a row: one array parameter per column. */
const columns: Array<[string, string, (r: ActivityInsert) => unknown]> = [
  ['id', 'uuid', (r) => r.id],
  ['campaign_id', 'int', (r) => r.campaignId],
  ['seq', 'bigint', (r) => r.seq],
  ['kind', 'text', (r) => r.kind],
  ['person_id', 'int', (r) => r.personId],
  ['unit_id', 'int', (r) => r.unitId],
  ['station_id', 'int', (r) => r.stationId ?? null],
  ['team_id', 'int', (r) => r.teamId ?? null],
  ['shift_id', 'int', (r) => r.shiftId ?? null],
  ['tally', 'text', (r) => r.tally ?? null],
  ['service_code', 'text', (r) => r.serviceCode ?? null],
  ['beneficiary', 'text', (r) => r.beneficiary ?? null],
  ['session_kind', 'text', (r) => r.sessionKind ?? null],
  ['quantity', 'int', (r) => r.quantity ?? 0],
  ['attendance', 'int', (r) => r.attendance ?? 0],
  ['tags', 'jsonb', (r) => (r.tags ? JSON.stringify(r.tags) : null)],
  ['corrects_id', 'uuid', (r) => r.correctsId ?? null],
  ['reason', 'text', (r) => r.reason ?? null],
  ['to_station_id', 'int', (r) => r.toStationId ?? null],
  ['to_team_id', 'int', (r) => r.toTeamId ?? null],
  ['occurred_at', 'timestamptz', (r) => (r.occurredAt as Date).toISOString()],
  ['counted_at', 'timestamptz', (r) => (r.countedAt as Date).toISOString()],
  ['received_at', 'timestamptz', (r) => (r.receivedAt as Date).toISOString()],
  ['recorded_by_id', 'int', (r) => r.recordedById ?? null],
  ['body_hash', 'text', (r) => r.bodyHash],
];

const columnList = sql.raw(columns.map(([c]) => c).join(', '));

/**
 * Inserts rows as one array parameter per column (`unnest`): the statement has 25 parameters
 * whatever the row count, so building and planning it costs the same for 1 row or 500 — an
 * ORM-built multi-row VALUES list costs milliseconds per hundred rows in JavaScript alone.
 * Returns the ids actually inserted (an id already present is skipped, not an error).
 * With `campaignSeq`, the same statement moves the campaign's counter to it: one round trip less
 * inside the campaign lock.
 */
export async function insertActivityRows(tx: DbOrTx, rows: ActivityInsert[], campaignSeq?: { campaignId: number; seq: number }): Promise<string[]> {
  const arrays = columns.map(([, type, get]) => pgArray(rows.map(get), type === 'jsonb' ? 'text' : type));
  const select = sql.raw(columns.map(([c, type]) => (type === 'jsonb' ? `${c}::jsonb` : c)).join(', '));
  const inserted = await queryRows<{ id: string }>(
    tx,
    sql`with inserted as (
          insert into activity (${columnList})
          select ${select} from unnest(${sql.join(arrays, sql`, `)}) as t(${columnList})
          on conflict (id) do nothing
          returning id
        )${campaignSeq ? sql`, advanced as (update campaigns set seq = ${campaignSeq.seq} where id = ${campaignSeq.campaignId})` : sql``}
        select id from inserted`,
  );
  return inserted.map((r) => r.id);
}
