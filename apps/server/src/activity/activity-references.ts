import { and, eq, inArray, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows, schema } from '@xk/db';
import type { ActivityInput } from '@xk/contract';

const { people, stations, teams, shifts, units, campaignServices, memberships } = schema;

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
}

type Thunks = readonly (() => Promise<unknown> | unknown)[];
async function inSequence<T extends Thunks>(thunks: T): Promise<{ -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
  const out: unknown[] = [];
  for (const thunk of thunks) out.push(await thunk());
  return out as never;
}

const ids = (values: Array<number | undefined>) => [...new Set(values.filter((v): v is number => typeof v === 'number'))];

export async function loadReferences(tx: DbOrTx, campaignId: number, scopeUnitId: number, items: ActivityInput[]): Promise<References> {
  const personIds = ids(items.map((i) => i.personId));
  const stationIds = ids(items.flatMap((i) => [i.stationId, i.kind === 'reassignment' ? i.toStationId : undefined]));
  const teamIds = ids(items.flatMap((i) => [i.teamId, i.kind === 'reassignment' ? i.toTeamId : undefined]));
  const shiftIds = ids(items.map((i) => (i.kind === 'check_in' ? i.shiftId : undefined)));
  const correctsIds = [...new Set(items.flatMap((i) => (i.kind === 'correction' ? [i.correctsId] : [])))];
  const adoptionPeople = ids(items.map((i) => (i.kind === 'adoption' ? i.personId : undefined)));

  const [scope] = await tx.select({ path: units.path }).from(units).where(eq(units.id, scopeUnitId));
  const scopePath = scope?.path ?? '/';
  const stationRows = stationIds.length ? await tx.select({ id: stations.id, unitId: stations.unitId, campaignId: stations.campaignId }).from(stations).where(inArray(stations.id, stationIds)) : [];
  const teamRows = teamIds.length ? await tx.select({ id: teams.id, unitId: teams.unitId }).from(teams).where(inArray(teams.id, teamIds)) : [];
  const unitIds = ids([...items.map((i) => i.unitId), ...stationRows.map((s) => s.unitId), ...teamRows.map((t) => t.unitId)]);

  // One after another: a transaction is one connection, which runs one query at a time anyway.
  const [peopleRows, shiftRows, unitRows, serviceRows, homeRows, correctedRows, adoptionRows] = await inSequence([
    () => personIds.length ? tx.select({ id: people.id }).from(people).where(inArray(people.id, personIds)) : [],
    () => shiftIds.length ? tx.select({ id: shifts.id, stationId: shifts.stationId, endsAt: shifts.endsAt }).from(shifts).where(inArray(shifts.id, shiftIds)) : [],
    () => unitIds.length ? tx.select({ id: units.id, path: units.path }).from(units).where(inArray(units.id, unitIds)) : [],
    () => tx.select({ code: campaignServices.code }).from(campaignServices).where(and(eq(campaignServices.campaignId, campaignId), eq(campaignServices.isActive, true))),
    () => personIds.length
      ? tx
          .select({ personId: memberships.personId, unitId: memberships.unitId, path: units.path })
          .from(memberships)
          .innerJoin(units, eq(units.id, memberships.unitId))
          .where(inArray(memberships.personId, personIds))
          .orderBy(memberships.personId, memberships.createdAt)
      : [],
    () => correctsIds.length
      ? queryRows<Omit<CorrectableEntry, 'countedAt'> & { countedAt: Date | string }>(
          tx,
          sql`select a.id, a.campaign_id as "campaignId", a.kind, a.tally, a.person_id as "personId", a.unit_id as "unitId",
                     a.station_id as "stationId", a.team_id as "teamId", a.service_code as "serviceCode", a.beneficiary,
                     a.session_kind as "sessionKind", a.counted_at as "countedAt",
                     (a.quantity + coalesce(c.quantity, 0))::int as quantity, (a.attendance + coalesce(c.attendance, 0))::int as attendance
              from activity a
              left join lateral (select sum(quantity) as quantity, sum(attendance) as attendance from activity where corrects_id = a.id) c on true
              where a.id in (${sql.join(correctsIds.map((id) => sql`${id}::uuid`), sql`, `)})`,
        )
      : [],
    () => adoptionPeople.length
      ? queryRows<{ personId: number; serviceCode: string; net: number }>(
          tx,
          sql`select person_id as "personId", service_code as "serviceCode", sum(quantity)::int as net
              from activity where campaign_id = ${campaignId} and tally = 'adoption'
                and person_id in (${sql.join(adoptionPeople.map((id) => sql`${id}::int`), sql`, `)})
              group by 1, 2`,
        )
      : [],
  ] as const);

  const homeUnits = new Map<number, number>();
  for (const h of homeRows) if (!homeUnits.has(h.personId) && h.path.startsWith(scopePath)) homeUnits.set(h.personId, h.unitId);

  return {
    scopePath,
    people: new Set(peopleRows.map((p) => p.id)),
    stations: new Map(stationRows.map((s) => [s.id, s])),
    teams: new Map(teamRows.map((t) => [t.id, t])),
    shifts: new Map(shiftRows.map((s) => [s.id, s])),
    units: new Map(unitRows.map((u) => [u.id, u])),
    services: new Set(serviceRows.map((s) => s.code)),
    homeUnits,
    corrected: new Map(correctedRows.map((r) => [r.id, { ...r, countedAt: new Date(r.countedAt) }])),
    adoptions: new Map(adoptionRows.map((a) => [`${a.personId}:${a.serviceCode}`, a.net])),
  };
}
