import { sql } from 'drizzle-orm';
import { type DbOrTx, pgArray, queryRows } from '@xk/db';
import type { ActivityInput } from '@xk/contract';
import { parsePosterToken } from '../stations/poster-code';

export interface CorrectableEntry {
  id: string;
  campaignId: number;
  kind: string;
  tally: string | null;
  personId: number;
  unitId: number;
  stationId: number | null;
  teamId: number | null;
  serviceCode: string | null;
  beneficiary: string | null;
  sessionKind: string | null;
  countedAt: Date;
  /** Net after earlier corrections. */
  quantity: number;
  attendance: number;
}

/** Everything a batch of entries refers to, loaded with one query per table instead of one per entry. */
export interface References {
  scopePath: string;
  people: Set<number>;
  stations: Map<number, { unitId: number; campaignId: number }>;
  teams: Map<number, { unitId: number }>;
  shifts: Map<number, { stationId: number; endsAt: Date }>;
  units: Map<number, { path: string }>;
  /** Active services of the campaign. */
  services: Set<string>;
  /** The first unit each person belongs to inside the campaign's scope. */
  homeUnits: Map<number, number>;
  corrected: Map<string, CorrectableEntry>;
  /** `personId:serviceCode` → net adoption (1 adopted, 0 not). */
  adoptions: Map<string, number>;
  /** Entries already stored under ids of this batch. */
  stored: Map<string, { bodyHash: string; seq: number; receivedAt: Date }>;
  /** Public keys (base64 SPKI) of the poster keys the batch's check-ins name, by id. */
  posterKeys: Map<number, string>;
}

const ids = (values: Array<number | undefined>) => [...new Set(values.filter((v): v is number => typeof v === 'number'))];

interface ReferenceRow {
  scopePath: string | null;
  stored: Array<{ id: string; bodyHash: string; seq: number; receivedAt: string }>;
  people: number[];
  stations: Array<{ id: number; unitId: number; campaignId: number }>;
  teams: Array<{ id: number; unitId: number }>;
  shifts: Array<{ id: number; stationId: number; endsAt: string }>;
  units: Array<{ id: number; path: string }>;
  services: string[];
  homes: Array<{ personId: number; unitId: number; path: string }>;
  corrected: Array<Omit<CorrectableEntry, 'countedAt'> & { countedAt: string }>;
  adoptions: Array<{ personId: number; serviceCode: string; net: number }>;
  posterKeys: Array<{ id: number; spki: string }>;
}

/**
 * Everything a batch refers to — and which of its ids are already stored — in ONE statement:
 * on the write path every round trip is paid inside the campaign lock, so there is only one.
 * Run it after taking the lock, so the ids it sees stored are all that will ever be there.
 */
export async function loadReferences(tx: DbOrTx, campaignId: number, scopeUnitId: number, items: ActivityInput[], entryIds: string[]): Promise<References> {
  const personIds = ids(items.map((i) => i.personId));
  const stationIds = ids(items.flatMap((i) => [i.stationId, i.kind === 'reassignment' ? i.toStationId : undefined]));
  const teamIds = ids(items.flatMap((i) => [i.teamId, i.kind === 'reassignment' ? i.toTeamId : undefined]));
  const shiftIds = ids(items.map((i) => (i.kind === 'check_in' ? i.shiftId : undefined)));
  const unitIds = ids(items.map((i) => i.unitId));
  const correctsIds = [...new Set(items.flatMap((i) => (i.kind === 'correction' ? [i.correctsId] : [])))];
  const adoptionPeople = ids(items.map((i) => (i.kind === 'adoption' ? i.personId : undefined)));
  const posterKeyIds = ids(items.map((i) => (i.kind === 'check_in' && i.posterCode !== undefined ? parsePosterToken(i.posterCode)?.keyId : undefined)));
  const agg = (inner: ReturnType<typeof sql>) => sql`coalesce((select json_agg(x) from (${inner}) x), '[]'::json)`;

  const [row] = await queryRows<ReferenceRow>(
    tx,
    sql`select
      (select path from units where id = ${scopeUnitId}) as "scopePath",
      ${agg(sql`select id, body_hash as "bodyHash", seq, received_at as "receivedAt" from activity where id = any(${pgArray(entryIds, 'uuid')})`)} as stored,
      (select coalesce(json_agg(id), '[]'::json) from people where id = any(${pgArray(personIds, 'int')})) as people,
      ${agg(sql`select id, unit_id as "unitId", campaign_id as "campaignId" from stations where id = any(${pgArray(stationIds, 'int')})`)} as stations,
      ${agg(sql`select id, unit_id as "unitId" from teams where id = any(${pgArray(teamIds, 'int')})`)} as teams,
      ${agg(sql`select id, station_id as "stationId", ends_at as "endsAt" from shifts where id = any(${pgArray(shiftIds, 'int')})`)} as shifts,
      ${agg(sql`select id, path from units where id = any(${pgArray(unitIds, 'int')})
                 or id in (select unit_id from stations where id = any(${pgArray(stationIds, 'int')}))
                 or id in (select unit_id from teams where id = any(${pgArray(teamIds, 'int')}))`)} as units,
      (select coalesce(json_agg(code), '[]'::json) from campaign_services where campaign_id = ${campaignId} and is_active) as services,
      ${agg(sql`select m.person_id as "personId", m.unit_id as "unitId", u.path from memberships m join units u on u.id = m.unit_id
                 where m.person_id = any(${pgArray(personIds, 'int')}) order by m.person_id, m.created_at`)} as homes,
      ${agg(sql`select a.id, a.campaign_id as "campaignId", a.kind, a.tally, a.person_id as "personId", a.unit_id as "unitId",
                     a.station_id as "stationId", a.team_id as "teamId", a.service_code as "serviceCode", a.beneficiary,
                     a.session_kind as "sessionKind", a.counted_at as "countedAt",
                     (a.quantity + coalesce((select sum(c.quantity) from activity c where c.corrects_id = a.id), 0))::int as quantity,
                     (a.attendance + coalesce((select sum(c.attendance) from activity c where c.corrects_id = a.id), 0))::int as attendance
                 from activity a where a.id = any(${pgArray(correctsIds, 'uuid')})`)} as corrected,
      ${agg(sql`select person_id as "personId", service_code as "serviceCode", sum(quantity)::int as net
                 from activity where campaign_id = ${campaignId} and tally = 'adoption' and person_id = any(${pgArray(adoptionPeople, 'int')})
                 group by 1, 2`)} as adoptions,
      ${agg(sql`select id, public_key as spki from poster_keys where id = any(${pgArray(posterKeyIds, 'int')})`)} as "posterKeys"`,
  );
  const r = parseJsonColumns(row!);
  const scopePath = r.scopePath ?? '/';
  const homeUnits = new Map<number, number>();
  for (const h of r.homes) if (!homeUnits.has(h.personId) && h.path.startsWith(scopePath)) homeUnits.set(h.personId, h.unitId);

  return {
    scopePath,
    people: new Set(r.people),
    stations: new Map(r.stations.map((s) => [s.id, s])),
    teams: new Map(r.teams.map((t) => [t.id, t])),
    shifts: new Map(r.shifts.map((s) => [s.id, { stationId: s.stationId, endsAt: new Date(s.endsAt) }])),
    units: new Map(r.units.map((u) => [u.id, u])),
    services: new Set(r.services),
    homeUnits,
    corrected: new Map(r.corrected.map((c) => [c.id, { ...c, countedAt: new Date(c.countedAt) }])),
    adoptions: new Map(r.adoptions.map((a) => [`${a.personId}:${a.serviceCode}`, a.net])),
    stored: new Map(r.stored.map((s) => [s.id, { bodyHash: s.bodyHash, seq: Number(s.seq), receivedAt: new Date(s.receivedAt) }])),
    posterKeys: new Map(r.posterKeys.map((k) => [k.id, k.spki])),
  };
}

/** node-postgres parses json columns; PGlite may hand them over as text. */
function parseJsonColumns(row: ReferenceRow): ReferenceRow {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'string' && k !== 'scopePath' ? JSON.parse(v) : v])) as unknown as ReferenceRow;
}
