import { and, eq, inArray, isNull } from 'drizzle-orm';
import { type DbOrTx, schema } from '@xk/db';

const { assignments, campaigns, grants, memberships, people, teams, units } = schema;

/** What an import is checked against: the hub's units and teams, and the people the file names (by phone). */
export interface Snapshot {
  units: Array<{ id: number; code: string; name: string; level: string; parentId: number | null; successorId: number | null; path: string; memberCount: number }>;
  teams: Array<{ id: number; code: string; name: string; kind: string; unitId: number }>;
  people: Map<string, { id: number; name: string; email: string | null }>;
  /** personId → unitId → role. */
  memberships: Map<number, Map<number, string>>;
  /** `personId:unitId` of volunteer grants. */
  volunteerGrants: Set<string>;
  /** personId → the open placement in the campaign. */
  placements: Map<number, { teamId: number | null; stationId: number | null }>;
  campaign: { id: number; scopePath: string } | null;
}

/** `xs` in runs of `size` (batches that stay far below PostgreSQL's 65,535 bind parameters). */
export const chunks = <T>(xs: T[], size: number) => Array.from({ length: Math.ceil(xs.length / size) }, (_, i) => xs.slice(i * size, (i + 1) * size));

export async function loadSnapshot(db: DbOrTx, phones: string[], campaignId: number | undefined): Promise<Snapshot> {
  const unitRows = await db
    .select({ id: units.id, code: units.code, name: units.name, level: units.level, parentId: units.parentId, successorId: units.successorId, path: units.path, memberCount: units.memberCount })
    .from(units);
  const teamRows = await db.select({ id: teams.id, code: teams.code, name: teams.name, kind: teams.kind, unitId: teams.unitId }).from(teams);
  const peopleByPhone: Snapshot['people'] = new Map();
  const memberOf: Snapshot['memberships'] = new Map();
  const volunteerGrants = new Set<string>();
  const placements: Snapshot['placements'] = new Map();
  let campaign: Snapshot['campaign'] = null;
  if (campaignId !== undefined) {
    const [row] = await db.select({ id: campaigns.id, path: units.path }).from(campaigns).innerJoin(units, eq(units.id, campaigns.scopeUnitId)).where(eq(campaigns.id, campaignId));
    if (row) campaign = { id: row.id, scopePath: row.path };
  }
  for (const batch of chunks([...new Set(phones)], 1000)) {
    const found = await db.select({ id: people.id, name: people.name, email: people.email, phone: people.phone }).from(people).where(inArray(people.phone, batch));
    for (const p of found) peopleByPhone.set(p.phone, { id: p.id, name: p.name, email: p.email });
    const ids = found.map((p) => p.id);
    if (ids.length === 0) continue;
    for (const m of await db.select().from(memberships).where(inArray(memberships.personId, ids))) {
      (memberOf.get(m.personId) ?? memberOf.set(m.personId, new Map()).get(m.personId)!).set(m.unitId, m.role);
    }
    for (const g of await db.select({ personId: grants.personId, unitId: grants.unitId }).from(grants).where(and(inArray(grants.personId, ids), eq(grants.role, 'volunteer')))) {
      volunteerGrants.add(`${g.personId}:${g.unitId}`);
    }
    if (campaign) {
      const open = await db
        .select({ personId: assignments.personId, teamId: assignments.teamId, stationId: assignments.stationId })
        .from(assignments)
        .where(and(eq(assignments.campaignId, campaign.id), inArray(assignments.personId, ids), isNull(assignments.endsAt)));
      for (const a of open) placements.set(a.personId, { teamId: a.teamId, stationId: a.stationId });
    }
  }
  return { units: unitRows, teams: teamRows, people: peopleByPhone, memberships: memberOf, volunteerGrants, placements, campaign };
}
