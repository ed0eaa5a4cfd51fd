import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { type DbOrTx, schema } from '@xk/db';
import { createUnitsRepository } from '../units/units-repository';
import type { Actions, PersonRef, TeamRef, UnitRef } from './import-plan';
import { chunks } from './import-snapshot';

const { assignments, grants, memberships, people, teams, units } = schema;
const chunk = 1000;

export interface Applied {
  created: { units: number; teams: number; people: number; memberships: number; placements: number };
  updated: { units: number; teams: number; people: number; memberships: number; placements: number };
  /** Ids of the people the plan created, by phone. */
  personIds: Map<string, number>;
  renamedPeople: Array<{ id: number; name: string }>;
  renamedTeams: Array<{ id: number; name: string }>;
  treeChanged: boolean;
}

/**
 * Writes a plan inside the caller's transaction, in batches of 1,000 rows: units (parents first,
 * then every path rebuilt once), teams, people, memberships, volunteer grants, placements.
 */
export async function applyActions(tx: DbOrTx, a: Actions, campaignId: number | undefined, at: Date): Promise<Applied> {
  const unitIds = new Map<string, number>();
  const teamIds = new Map<string, number>();
  const personIds = new Map<string, number>();
  const unit = (r: UnitRef) => ('id' in r ? r.id : unitIds.get(r.code)!);
  const team = (r: TeamRef) => ('id' in r ? r.id : teamIds.get(r.code)!);
  const person = (r: PersonRef) => ('id' in r ? r.id : personIds.get(r.phone)!);
  const out: Applied = {
    created: { units: 0, teams: 0, people: 0, memberships: 0, placements: 0 },
    updated: { units: 0, teams: 0, people: 0, memberships: 0, placements: 0 },
    personIds,
    renamedPeople: [],
    renamedTeams: [],
    treeChanged: false,
  };

  // Creates are sorted parents first: insert each run whose parents all exist already.
  for (let i = 0; i < a.unitCreates.length; ) {
    const run: Actions['unitCreates'] = [];
    while (i < a.unitCreates.length && run.length < chunk) {
      const c = a.unitCreates[i]!;
      if ('code' in c.parent && !unitIds.has(c.parent.code)) break;
      run.push(c);
      i++;
    }
    const rows = await tx
      .insert(units)
      .values(run.map((c) => ({ code: c.code, name: c.name, level: c.level, parentId: unit(c.parent), memberCount: c.memberCount })))
      .returning({ id: units.id, code: units.code });
    for (const r of rows) unitIds.set(r.code, r.id);
  }
  out.created.units = a.unitCreates.length;
  for (const u of a.unitUpdates) {
    await tx
      .update(units)
      .set({
        ...(u.name !== undefined ? { name: u.name } : {}),
        ...(u.level !== undefined ? { level: u.level } : {}),
        ...(u.memberCount !== undefined ? { memberCount: u.memberCount } : {}),
        ...(u.parent !== undefined ? { parentId: unit(u.parent) } : {}),
      })
      .where(eq(units.id, u.id));
  }
  out.updated.units = a.unitUpdates.length;
  if (a.unitCreates.length || a.unitUpdates.some((u) => u.parent !== undefined)) await createUnitsRepository().rebuildPaths(tx);
  out.treeChanged = a.unitCreates.length > 0 || a.unitUpdates.length > 0;

  for (const batch of chunks(a.teamCreates, chunk)) {
    const rows = await tx.insert(teams).values(batch.map((t) => ({ code: t.code, name: t.name, kind: t.kind, unitId: unit(t.unit) }))).returning({ id: teams.id, code: teams.code });
    for (const r of rows) teamIds.set(r.code, r.id);
  }
  out.created.teams = a.teamCreates.length;
  for (const t of a.teamUpdates) {
    await tx
      .update(teams)
      .set({ ...(t.name !== undefined ? { name: t.name } : {}), ...(t.kind !== undefined ? { kind: t.kind } : {}), ...(t.unit !== undefined ? { unitId: unit(t.unit) } : {}) })
      .where(eq(teams.id, t.id));
    if (t.name !== undefined) out.renamedTeams.push({ id: t.id, name: t.name });
  }
  out.updated.teams = a.teamUpdates.length;

  for (const batch of chunks(a.personCreates, chunk)) {
    const rows = await tx.insert(people).values(batch.map((p) => ({ name: p.name, phone: p.phone, email: p.email }))).returning({ id: people.id, phone: people.phone });
    for (const r of rows) personIds.set(r.phone, r.id);
  }
  out.created.people = a.personCreates.length;
  for (const p of a.personUpdates) {
    await tx.update(people).set({ ...(p.name !== undefined ? { name: p.name } : {}), ...(p.email !== undefined ? { email: p.email } : {}) }).where(eq(people.id, p.id));
    if (p.name !== undefined) out.renamedPeople.push({ id: p.id, name: p.name });
  }
  out.updated.people = a.personUpdates.length;

  for (const batch of chunks(a.memberships, chunk)) {
    const rows = await tx
      .insert(memberships)
      .values(batch.map((m) => ({ personId: person(m.person), unitId: unit(m.unit), role: m.role })))
      .onConflictDoUpdate({ target: [memberships.personId, memberships.unitId], set: { role: sql`excluded.role` } })
      // xmax = 0: the row was inserted, not updated.
      .returning({ inserted: sql<boolean>`(xmax = 0)` });
    const inserted = rows.filter((r) => r.inserted).length;
    out.created.memberships += inserted;
    out.updated.memberships += rows.length - inserted;
  }
  for (const batch of chunks(a.volunteerGrants, chunk)) {
    await tx.insert(grants).values(batch.map((g) => ({ personId: person(g.person), role: 'volunteer', unitId: unit(g.unit) }))).onConflictDoNothing();
  }

  if (campaignId !== undefined) {
    for (const batch of chunks(a.placements, chunk)) {
      const ids = batch.map((p) => person(p.person));
      // The open placement ends (history is kept) and the new one keeps its station, as placePerson does.
      const ended = await tx
        .update(assignments)
        .set({ endsAt: at })
        .where(and(eq(assignments.campaignId, campaignId), inArray(assignments.personId, ids), isNull(assignments.endsAt)))
        .returning({ personId: assignments.personId, stationId: assignments.stationId, partnerId: assignments.partnerId, role: assignments.role });
      const open = new Map(ended.map((e) => [e.personId, e]));
      await tx.insert(assignments).values(
        batch.map((p) => {
          const id = person(p.person);
          const was = open.get(id);
          return { campaignId, personId: id, teamId: team(p.team), stationId: was?.stationId ?? null, partnerId: was?.partnerId ?? null, role: was?.role ?? 'volunteer', startsAt: at };
        }),
      );
      out.updated.placements += ended.length;
      out.created.placements += batch.length - ended.length;
    }
  }
  return out;
}
