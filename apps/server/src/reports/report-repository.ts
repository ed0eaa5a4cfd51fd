import { sql } from 'drizzle-orm';
import { type DbOrTx, pgArray, queryRows } from '@xk/db';
import { inSubtree, type RollupMeasures, rollupMeasures, upToSeq } from '../totals/totals-repository';

/** A rollup's measures from a left-joined aggregate `m`, as 0 where it has no row. */
const zeroFilled = sql.raw(['residents', 'shops', 'sessions', 'attendance', '"checkIns"'].map((c) => `coalesce(m.${c}, 0)::int as ${c}`).join(', '));

/** The local day and hour of `counted_at` in the campaign's timezone. */
const localDay = (timezone: string) => sql`to_char(counted_at at time zone ${timezone}, 'YYYY-MM-DD')`;
const localHour = (timezone: string) => sql`extract(hour from counted_at at time zone ${timezone})::int`;

export interface StationRollup extends RollupMeasures {
  stationId: number;
  code: string;
  name: string;
  unitId: number;
  unitCode: string;
  unitName: string;
}
export type TeamRollup = Omit<StationRollup, 'stationId'> & { teamId: number };

export interface VolunteerRow {
  personId: number;
  name: string;
  phone: string;
  unitId: number;
  unitCode: string;
  unitName: string;
  teamId: number | null;
  teamName: string | null;
  checkIns: number;
  residents: number;
  shops: number;
  /** Seconds on duty (see `volunteers`). */
  seconds: number;
}

/**
 * The report's breakdowns that the totals do not already have, straight over the activity log.
 * Every query reads the log up to the report's sequence number and nothing after it, so all of a
 * report's tables are one consistent cut.
 */
export function createReportRepository() {
  return {
    /** The names of the units on a path, from the top down. */
    async pathNames(db: DbOrTx, path: string): Promise<string[]> {
      const ids = path.split('/').filter(Boolean).map(Number);
      const rows = await queryRows<{ id: number; name: string }>(db, sql`select id, name from units where id = any(${pgArray(ids, 'int')})`);
      const names = new Map(rows.map((r) => [Number(r.id), r.name]));
      return ids.map((id) => names.get(id) ?? String(id));
    },

    async services(db: DbOrTx, campaignId: number) {
      return queryRows<{ code: string; nameVi: string; isActive: boolean }>(
        db,
        sql`select code, name_vi as "nameVi", is_active as "isActive" from campaign_services where campaign_id = ${campaignId} order by sort_order, code`,
      );
    },

    async byHour(db: DbOrTx, campaignId: number, path: string, timezone: string, seq: number) {
      return queryRows<{ day: string; hour: number } & RollupMeasures>(
        db,
        sql`select ${localDay(timezone)} as day, ${localHour(timezone)} as hour, ${rollupMeasures()}
            from activity
            where campaign_id = ${campaignId} and ${inSubtree(path)}${upToSeq(seq)}
            group by 1, 2 order by 1, 2`,
      );
    },

    /** The campaign's stations in the subtree (with nothing counted: zeros), and any other station an entry of the subtree names. */
    async byStation(db: DbOrTx, campaignId: number, path: string, seq: number) {
      return queryRows<StationRollup>(
        db,
        sql`select s.id as "stationId", s.code, s.name, s.unit_id as "unitId", u.code as "unitCode", u.name as "unitName", ${zeroFilled}
            from stations s
            join units u on u.id = s.unit_id
            left join (
              select station_id, ${rollupMeasures()} from activity
              where campaign_id = ${campaignId} and station_id is not null and ${inSubtree(path)}${upToSeq(seq)}
              group by station_id
            ) m on m.station_id = s.id
            where (s.campaign_id = ${campaignId} and ${inSubtree(path, sql`s.unit_id`)}) or m.station_id is not null
            order by s.code`,
      );
    },

    /** Teams named by entries of the subtree (teams belong to units, not campaigns: the others are left out). */
    async byTeam(db: DbOrTx, campaignId: number, path: string, seq: number) {
      return queryRows<TeamRollup>(
        db,
        sql`select t.id as "teamId", t.code, t.name, t.unit_id as "unitId", u.code as "unitCode", u.name as "unitName", ${zeroFilled}
            from (
              select team_id, ${rollupMeasures()} from activity
              where campaign_id = ${campaignId} and team_id is not null and ${inSubtree(path)}${upToSeq(seq)}
              group by team_id
            ) m
            join teams t on t.id = m.team_id
            join units u on u.id = t.unit_id
            order by t.code`,
      );
    },

    /** The unit's children that are not merged, each rolled up its own subtree (merged units sit under their successors). */
    async children(db: DbOrTx, campaignId: number, unitId: number, seq: number) {
      return queryRows<{ unitId: number; code: string; name: string; volunteers: number } & RollupMeasures>(
        db,
        sql`select c.id as "unitId", c.code, c.name, ${rollupMeasures('a')}, count(distinct a.person_id)::int as volunteers
            from units c
            left join units d on d.path like c.path || '%'
            left join activity a on a.unit_id = d.id and a.campaign_id = ${campaignId}${upToSeq(seq, sql`a.seq`)}
            where c.parent_id = ${unitId} and c.successor_id is null
            group by c.id, c.code, c.name
            order by c.name, c.id`,
      );
    },

    async sessionsByDay(db: DbOrTx, campaignId: number, path: string, timezone: string, seq: number) {
      return queryRows<{ day: string; outreach: number; outreachAttendance: number; training: number; trainingAttendance: number }>(
        db,
        sql`select ${localDay(timezone)} as day,
                   coalesce(sum(quantity) filter (where session_kind = 'outreach'), 0)::int as outreach,
                   coalesce(sum(attendance) filter (where session_kind = 'outreach'), 0)::int as "outreachAttendance",
                   coalesce(sum(quantity) filter (where session_kind = 'training'), 0)::int as training,
                   coalesce(sum(attendance) filter (where session_kind = 'training'), 0)::int as "trainingAttendance"
            from activity
            where campaign_id = ${campaignId} and tally = 'session' and ${inSubtree(path)}${upToSeq(seq)}
            group by 1 order by 1`,
      );
    },

    /**
     * Everyone with an entry in the subtree: where their latest entry counted, the team of their
     * latest entry naming one, their check-ins and people helped, and their time on duty.
     *
     * Duty: the person's check-ins and check-outs anywhere in the campaign, in (counted_at, seq)
     * order. A check-in in the subtree lasts until the first of: the person's next check-in or
     * check-out (lead()), its shift's end — without a shift, the end of that local day, so a
     * forgotten check-out never counts the night (the rule "on duty now" uses too) — and now.
     * Never negative (a check-in after its shift ended counts nothing).
     */
    async volunteers(db: DbOrTx, campaignId: number, path: string, timezone: string, seq: number) {
      const rows = await queryRows<VolunteerRow>(
        db,
        sql`with scoped as (
              select person_id, unit_id, team_id, kind, tally, beneficiary, quantity, counted_at, seq
              from activity where campaign_id = ${campaignId} and ${inSubtree(path)}${upToSeq(seq)}
            ),
            tallied as (
              select person_id,
                     count(*) filter (where kind = 'check_in')::int as "checkIns",
                     coalesce(sum(quantity) filter (where tally = 'assistance' and beneficiary = 'resident'), 0)::int as residents,
                     coalesce(sum(quantity) filter (where tally = 'assistance' and beneficiary = 'shop'), 0)::int as shops
              from scoped group by person_id
            ),
            last_unit as (select distinct on (person_id) person_id, unit_id from scoped order by person_id, counted_at desc, seq desc),
            last_team as (select distinct on (person_id) person_id, team_id from scoped where team_id is not null order by person_id, counted_at desc, seq desc),
            checks as (
              select person_id, unit_id, kind, shift_id, counted_at,
                     lead(counted_at) over (partition by person_id order by counted_at, seq) as next_at
              from activity where campaign_id = ${campaignId} and kind in ('check_in', 'check_out')${upToSeq(seq)}
            ),
            duty as (
              select c.person_id,
                     sum(greatest(0, extract(epoch from
                       least(coalesce(c.next_at, 'infinity'::timestamptz),
                             coalesce(s.ends_at, ((c.counted_at at time zone ${timezone})::date + 1)::timestamp at time zone ${timezone}),
                             now())
                       - c.counted_at)))::float8 as seconds
              from checks c left join shifts s on s.id = c.shift_id
              where c.kind = 'check_in' and ${inSubtree(path, sql`c.unit_id`)}
              group by c.person_id
            )
            select p.id as "personId", p.name, p.phone, u.id as "unitId", u.code as "unitCode", u.name as "unitName",
                   t.id as "teamId", t.name as "teamName", x."checkIns", x.residents, x.shops, coalesce(d.seconds, 0)::float8 as seconds
            from tallied x
            join people p on p.id = x.person_id
            join last_unit lu on lu.person_id = x.person_id
            join units u on u.id = lu.unit_id
            left join last_team lt on lt.person_id = x.person_id
            left join teams t on t.id = lt.team_id
            left join duty d on d.person_id = x.person_id
            order by p.name, p.id`,
      );
      return rows.map((r) => ({ ...r, seconds: Number(r.seconds) }));
    },
  };
}
