import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '@xk/db';

/** The unit's subtree, merged units included: they sit under their successors' paths. */
export const inSubtree = (path: string, column = sql`unit_id`) => sql`${column} in (select id from units where path like ${`${path}%`})`;

/** Rows up to a campaign's sequence number (a report's consistent cut), or all of them. */
export const upToSeq = (seq: number | undefined, column = sql`seq`) => (seq === undefined ? sql`` : sql` and ${column} <= ${seq}`);

/**
 * The measures of a rollup of activity rows (aliased `a` when given): residents and shops helped,
 * sessions held and their attendance, check-ins. SUMs, because corrections are stored as deltas.
 */
export const rollupMeasures = (a = '') => {
  const c = (column: string) => sql.raw(a ? `${a}.${column}` : column);
  return sql`coalesce(sum(${c('quantity')}) filter (where ${c('tally')} = 'assistance' and ${c('beneficiary')} = 'resident'), 0)::int as residents,
             coalesce(sum(${c('quantity')}) filter (where ${c('tally')} = 'assistance' and ${c('beneficiary')} = 'shop'), 0)::int as shops,
             coalesce(sum(${c('quantity')}) filter (where ${c('tally')} = 'session'), 0)::int as sessions,
             coalesce(sum(${c('attendance')}) filter (where ${c('tally')} = 'session'), 0)::int as attendance,
             count(*) filter (where ${c('kind')} = 'check_in')::int as "checkIns"`;
};

export interface RollupMeasures {
  residents: number;
  shops: number;
  sessions: number;
  attendance: number;
  checkIns: number;
}

/** Each person's latest check-in or check-out in the campaign, by device time (ties: the later write). */
const latestCheck = (campaignId: number, personId?: number) =>
  sql`select distinct on (person_id) person_id, kind, station_id, shift_id, unit_id, counted_at
      from activity where campaign_id = ${campaignId} and kind in ('check_in', 'check_out')${personId === undefined ? sql`` : sql` and person_id = ${personId}`}
      order by person_id, counted_at desc, seq desc`;

/**
 * Whether a latest event `l` (with its shift `s`, left-joined) keeps the person on duty now: a
 * check-in whose shift has not ended, or, without a shift, made today in the campaign's timezone.
 */
const stillOnDuty = (timezone: string, today: string) =>
  sql`l.kind = 'check_in' and case when s.id is null then (l.counted_at at time zone ${timezone})::date = ${today}::date else s.ends_at > now() end`;

export interface OnDuty {
  personId: number;
  stationId: number;
  shiftId: number | null;
  since: Date;
}

export interface TallyRow {
  tally: 'assistance' | 'adoption' | 'session';
  serviceCode: string | null;
  beneficiary: string | null;
  sessionKind: string | null;
  quantity: number;
  quantityToday: number;
  attendance: number;
}

/**
 * Rollup queries straight over the activity log: the reference the live aggregates are checked
 * against. Every measure is a SUM, because corrections are stored as deltas.
 */
export function createTotalsRepository() {
  return {
    async today(db: DbOrTx, timezone: string): Promise<string> {
      const [row] = await queryRows<{ today: string }>(db, sql`select to_char((now() at time zone ${timezone})::date, 'YYYY-MM-DD') as today`);
      return row!.today;
    },

    /** `seq`: only rows up to it (a report's cut); all rows when absent. */
    async tallies(db: DbOrTx, campaignId: number, path: string, timezone: string, today: string, seq?: number): Promise<TallyRow[]> {
      return queryRows<TallyRow>(
        db,
        sql`select tally, service_code as "serviceCode", beneficiary, session_kind as "sessionKind",
                   coalesce(sum(quantity), 0)::int as quantity,
                   coalesce(sum(quantity) filter (where (counted_at at time zone ${timezone})::date = ${today}::date), 0)::int as "quantityToday",
                   coalesce(sum(attendance), 0)::int as attendance
            from activity
            where campaign_id = ${campaignId} and tally is not null and ${inSubtree(path)}${upToSeq(seq)}
            group by 1, 2, 3, 4`,
      );
    },

    /**
     * People on duty now: their latest check-in/out (by device time) is a check-in in the subtree
     * whose shift has not ended — or, without a shift, made today. A check-in elsewhere is a later
     * latest event, so it ends the earlier duty by itself.
     */
    async volunteers(db: DbOrTx, campaignId: number, path: string, timezone: string, today: string): Promise<{ onDutyNow: number; checkedInToday: number }> {
      const [row] = await queryRows<{ onDutyNow: number; checkedInToday: number }>(
        db,
        sql`with latest as (${latestCheck(campaignId)})
            select
              (select count(*) from latest l left join shifts s on s.id = l.shift_id
                where ${stillOnDuty(timezone, today)} and l.unit_id in (select id from units where path like ${`${path}%`}))::int as "onDutyNow",
              (select count(distinct person_id) from activity
                where campaign_id = ${campaignId} and kind = 'check_in' and ${inSubtree(path)}
                  and (counted_at at time zone ${timezone})::date = ${today}::date)::int as "checkedInToday"`,
      );
      return row ?? { onDutyNow: 0, checkedInToday: 0 };
    },

    /**
     * Who is on duty now, and where (the same rule as `volunteers`): everyone in the campaign, or
     * only `personId`. `since` is the check-in's time (device clock, as counted).
     */
    async onDuty(db: DbOrTx, campaignId: number, timezone: string, today: string, personId?: number): Promise<OnDuty[]> {
      const rows = await queryRows<{ personId: number; stationId: number; shiftId: number | null; since: string | Date }>(
        db,
        sql`with latest as (${latestCheck(campaignId, personId)})
            select l.person_id as "personId", l.station_id as "stationId", l.shift_id as "shiftId", l.counted_at as since
            from latest l left join shifts s on s.id = l.shift_id
            where ${stillOnDuty(timezone, today)}
            order by 1`,
      );
      return rows.map((r) => ({ personId: Number(r.personId), stationId: Number(r.stationId), shiftId: r.shiftId === null ? null : Number(r.shiftId), since: new Date(r.since) }));
    },

    /** Declared member headcount of the subtree; merged units are left out (their members now count in the successor). */
    async members(db: DbOrTx, path: string): Promise<number> {
      const [row] = await queryRows<{ n: number }>(db, sql`select coalesce(sum(member_count), 0)::int as n from units where path like ${`${path}%`} and successor_id is null`);
      return row?.n ?? 0;
    },

    async children(db: DbOrTx, campaignId: number, unitId: number) {
      return queryRows<{ unitId: number; code: string; name: string; residents: number; shops: number }>(
        db,
        sql`select c.id as "unitId", c.code, c.name,
                   coalesce(sum(a.quantity) filter (where a.beneficiary = 'resident'), 0)::int as residents,
                   coalesce(sum(a.quantity) filter (where a.beneficiary = 'shop'), 0)::int as shops
            from units c
            left join units d on d.path like c.path || '%'
            left join activity a on a.unit_id = d.id and a.campaign_id = ${campaignId} and a.tally = 'assistance'
            where c.parent_id = ${unitId} and c.successor_id is null
            group by c.id, c.code, c.name
            order by c.name, c.id`,
      );
    },

    /** `seq`: only rows up to it (a report's cut); all rows when absent. */
    async daily(db: DbOrTx, campaignId: number, path: string, timezone: string, seq?: number) {
      return queryRows<{ day: string } & RollupMeasures>(
        db,
        sql`select to_char((counted_at at time zone ${timezone})::date, 'YYYY-MM-DD') as day, ${rollupMeasures()}
            from activity
            where campaign_id = ${campaignId} and ${inSubtree(path)}${upToSeq(seq)}
            group by 1 order by 1`,
      );
    },
  };
}
