import { sql } from 'drizzle-orm';
import { type Db, pgArray, queryRows } from '@xk/db';

/** A person as the roster keeps them between changes: what the activity log does not tell. */
export interface RosterPersonRecord {
  id: number;
  name: string;
  phone: string;
  unitIds: number[];
  assignment: { id: number; stationId: number | null; teamId: number | null; partnerId: number | null } | null;
  pendingMove: { id: string; at: Date; toStationId: number | null; toTeamId: number | null } | null;
  phoneStatus: { queueLength: number; lastSeenAt: Date } | null;
}

export interface RosterStationRecord {
  id: number;
  code: string;
  name: string;
  kind: string;
  unitId: number;
  lat: number | null;
  lng: number | null;
  peopleNeeded: number;
}

export interface RosterShiftRecord {
  id: number;
  stationId: number;
  startsAt: Date;
  endsAt: Date;
  peopleNeeded: number;
}

export interface RosterTeamRecord {
  id: number;
  code: string;
  name: string;
  kind: string;
  unitId: number;
}

/** One person's row of a move command. */
export interface RosterMoveRecord {
  id: string;
  personId: number;
  at: Date;
  fromStationId: number | null;
  fromTeamId: number | null;
  toStationId: number | null;
  toTeamId: number | null;
  acknowledged: boolean;
  requestedById: number | null;
  requestedBy: string | null;
  undoesId: string | null;
  /** The person's open placement is the one this move made. */
  isCurrent: boolean;
}

const date = (v: Date | string) => (v instanceof Date ? v : new Date(v));
const num = (v: number | string | null) => (v === null ? null : Number(v));

interface PersonRow {
  id: number;
  name: string;
  phone: string;
  unit_ids: number[] | null;
  assignment_id: number | null;
  station_id: number | null;
  team_id: number | null;
  partner_id: number | null;
  move_id: string | null;
  move_at: Date | string | null;
  move_station_id: number | null;
  move_team_id: number | null;
  queue_length: number | null;
  last_seen_at: Date | string | null;
}

/**
 * The roster's people of a campaign: those placed in it, those with entries in it (`active`, which
 * the live aggregates know), and the volunteers of its units (joined or imported, not placed yet).
 * With `only`, just those people (whatever made them change). One statement either way.
 */
export async function loadRosterPeople(db: Db, campaignId: number, scopePath: string, active: number[], only?: number[]): Promise<RosterPersonRecord[]> {
  const who = only
    ? sql`select unnest(${pgArray(only, 'int')}) as person_id`
    : sql`select person_id from assignments where campaign_id = ${campaignId} and ends_at is null
          union select unnest(${pgArray(active, 'int')})
          union select g.person_id from grants g join units u on u.id = g.unit_id
                where g.role = 'volunteer' and u.path like ${`${scopePath}%`}`;
  const rows = await queryRows<PersonRow>(
    db,
    sql`with who as (${who})
        select p.id, p.name, p.phone,
               (select array_agg(m.unit_id order by m.unit_id) from memberships m where m.person_id = p.id) as unit_ids,
               a.id as assignment_id, a.station_id, a.team_id, a.partner_id,
               mv.id as move_id, mv.created_at as move_at, mv.to_station_id as move_station_id, mv.to_team_id as move_team_id,
               ps.queue_length, ps.last_seen_at
        from (select distinct person_id from who) w
        join people p on p.id = w.person_id
        left join assignments a on a.campaign_id = ${campaignId} and a.person_id = p.id and a.ends_at is null
        left join lateral (
          -- The person's latest move, if their phone has not acknowledged it: an older one it superseded waits for nothing.
          select id, created_at, to_station_id, to_team_id, status from moves
          where campaign_id = ${campaignId} and person_id = p.id
          order by created_at desc limit 1
        ) mv on mv.status = 'pending'
        left join phone_status ps on ps.campaign_id = ${campaignId} and ps.person_id = p.id`,
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    phone: r.phone,
    unitIds: (r.unit_ids ?? []).map(Number),
    assignment: r.assignment_id === null ? null : { id: r.assignment_id, stationId: num(r.station_id), teamId: num(r.team_id), partnerId: num(r.partner_id) },
    pendingMove: r.move_id === null ? null : { id: r.move_id, at: date(r.move_at!), toStationId: num(r.move_station_id), toTeamId: num(r.move_team_id) },
    phoneStatus: r.queue_length === null ? null : { queueLength: r.queue_length, lastSeenAt: date(r.last_seen_at!) },
  }));
}

/** The campaign's stations, their shifts of the last day and to come, and the teams of its scope. */
export async function loadRosterPlaces(db: Db, campaignId: number, scopePath: string) {
  const stations = await queryRows<RosterStationRecord>(
    db,
    sql`select id, code, name, kind, unit_id as "unitId", lat, lng, people_needed as "peopleNeeded" from stations where campaign_id = ${campaignId}`,
  );
  const shifts = await queryRows<RosterShiftRecord>(
    db,
    sql`select s.id, s.station_id as "stationId", s.starts_at as "startsAt", s.ends_at as "endsAt", s.people_needed as "peopleNeeded"
        from shifts s join stations st on st.id = s.station_id
        where st.campaign_id = ${campaignId} and s.ends_at > now() - interval '1 day'`,
  );
  const teams = await queryRows<RosterTeamRecord>(
    db,
    sql`select t.id, t.code, t.name, t.kind, t.unit_id as "unitId" from teams t join units u on u.id = t.unit_id where u.path like ${`${scopePath}%`}`,
  );
  return {
    stations: stations.map((s) => ({ ...s, lat: s.lat === null ? null : Number(s.lat), lng: s.lng === null ? null : Number(s.lng) })),
    shifts: shifts.map((s) => ({ ...s, startsAt: date(s.startsAt), endsAt: date(s.endsAt) })),
    teams,
  };
}
export type RosterPlaces = Awaited<ReturnType<typeof loadRosterPlaces>>;

interface MoveRow {
  id: string;
  person_id: number;
  created_at: Date | string;
  from_station_id: number | null;
  from_team_id: number | null;
  to_station_id: number | null;
  to_team_id: number | null;
  status: string;
  requested_by_id: number | null;
  requested_by: string | null;
  undoes_id: string | null;
  is_current: boolean;
}

/**
 * The campaign's latest move commands (`limit` of them), a row per person. A person's placement is
 * the move's own while their open assignment started when the move was carried out, at its destination.
 */
export async function loadRecentMoves(db: Db, campaignId: number, limit = 200): Promise<RosterMoveRecord[]> {
  const rows = await queryRows<MoveRow>(
    db,
    sql`with latest as (
          select id from moves where campaign_id = ${campaignId} group by id order by max(created_at) desc limit ${limit}
        )
        select m.id, m.person_id, m.created_at, m.from_station_id, m.from_team_id, m.to_station_id, m.to_team_id, m.status,
               m.requested_by_id, rb.name as requested_by, m.undoes_id,
               exists (
                 select 1 from assignments a
                 where a.campaign_id = m.campaign_id and a.person_id = m.person_id and a.ends_at is null and a.starts_at = m.created_at
                   and (m.to_station_id is null or a.station_id = m.to_station_id) and (m.to_team_id is null or a.team_id = m.to_team_id)
               ) as is_current
        from moves m join latest l on l.id = m.id
        left join people rb on rb.id = m.requested_by_id`,
  );
  return rows.map((r) => ({
    id: r.id,
    personId: r.person_id,
    at: date(r.created_at),
    fromStationId: num(r.from_station_id),
    fromTeamId: num(r.from_team_id),
    toStationId: num(r.to_station_id),
    toTeamId: num(r.to_team_id),
    acknowledged: r.status === 'acknowledged',
    requestedById: num(r.requested_by_id),
    requestedBy: r.requested_by,
    undoesId: r.undoes_id,
    isCurrent: r.is_current === true,
  }));
}
