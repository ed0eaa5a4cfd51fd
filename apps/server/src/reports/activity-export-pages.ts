import { setImmediate as nextTurn } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { type Db, pgArray, queryRows } from '@xk/db';

/** One activity row as the export writes it: names instead of ids, times local to the campaign. */
export interface ExportRow {
  seq: number;
  /** `YYYY-MM-DD HH:MM:SS`: the instant the row counts on (a correction: its entry's). */
  countedAt: string;
  /** `YYYY-MM-DD HH:MM:SS`: when it happened by the device clock (a correction: when it was made). */
  occurredAt: string;
  kind: string;
  sessionKind: string | null;
  personName: string;
  phone: string;
  unitCode: string;
  unitName: string;
  stationName: string | null;
  teamName: string | null;
  serviceName: string | null;
  beneficiary: string | null;
  quantity: number;
  attendance: number;
  correctsId: string | null;
  reason: string | null;
}

/** Which rows an export holds: a campaign's, in a unit's subtree, up to the sequence number read when it started. */
export interface ExportCut {
  campaignId: number;
  /** The units of the subtree (merged ones included), read once at the start. */
  unitIds: number[];
  timezone: string;
  /** The campaign's sequence number at the start: rows written during the export are not in it. */
  upToSeq: number;
}

/** The subtree's units, by path prefix: what every rollup counts. */
export async function subtreeUnitIds(db: Db, path: string): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(db, sql`select id from units where path like ${`${path}%`} order by id`);
  return rows.map((r) => Number(r.id));
}

/**
 * The subtree as a list of ids rather than a join on unit paths: PGlite never runs ANALYZE, and
 * with a misjudged join the planner scanned and sorted the whole rest of the log for every page.
 * With a plain list it walks the (campaign_id, seq) index.
 */
const where = (cut: ExportCut) => sql`a.campaign_id = ${cut.campaignId} and a.seq <= ${cut.upToSeq} and a.unit_id = any(${pgArray(cut.unitIds, 'int')})`;

/** Sequence numbers per counting query: a million rows at once would hold PGlite's one connection for long. */
const countStride = 100_000;

/** How many rows the cut holds, counted in turns (each stride an index range). */
export async function countRows(db: Db, cut: ExportCut): Promise<number> {
  let total = 0;
  for (let after = 0; after < cut.upToSeq; after += countStride) {
    const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from activity a where ${where(cut)} and a.seq > ${after} and a.seq <= ${after + countStride}`);
    total += Number(row?.n ?? 0);
    await nextTurn();
  }
  return total;
}

const localTime = (column: string, timezone: string) => sql`to_char(${sql.raw(column)} at time zone ${timezone}, 'YYYY-MM-DD HH24:MI:SS')`;

export interface PageHooks {
  /** Whether the reader is gone. */
  stopped(): boolean;
  /** Runs before each page's query (tests hold an export between pages here). */
  beforePage?(page: number): Promise<void> | void;
  afterPage(): void;
}

/**
 * The rows of a cut in sequence order, a page at a time: each page is its own short query (keyset
 * on seq, no transaction held open: the embedded database serves writes in between), and the event
 * loop gets a turn between pages. Stops as soon as `stopped()` says the reader is gone.
 */
export async function* exportPages(db: Db, cut: ExportCut, pageSize: number, hooks: PageHooks): AsyncGenerator<ExportRow[]> {
  let after = 0;
  for (let n = 1; !hooks.stopped(); n++) {
    await hooks.beforePage?.(n);
    if (hooks.stopped()) return;
    const page = await queryRows<ExportRow>(
      db,
      sql`select a.seq, ${localTime('a.counted_at', cut.timezone)} as "countedAt", ${localTime('a.occurred_at', cut.timezone)} as "occurredAt",
                 a.kind, a.session_kind as "sessionKind", p.name as "personName", p.phone, u.code as "unitCode", u.name as "unitName",
                 s.name as "stationName", t.name as "teamName", coalesce(cs.name_vi, a.service_code) as "serviceName", a.beneficiary,
                 a.quantity, a.attendance, a.corrects_id as "correctsId", a.reason
          from activity a
          join people p on p.id = a.person_id
          join units u on u.id = a.unit_id
          left join stations s on s.id = a.station_id
          left join teams t on t.id = a.team_id
          left join campaign_services cs on cs.campaign_id = a.campaign_id and cs.code = a.service_code
          where ${where(cut)} and a.seq > ${after}
          order by a.seq
          limit ${pageSize}`,
    );
    hooks.afterPage();
    if (page.length === 0) return;
    for (const r of page) r.seq = Number(r.seq);
    yield page;
    if (page.length < pageSize) return;
    after = page[page.length - 1]!.seq;
    await nextTurn();
  }
}
