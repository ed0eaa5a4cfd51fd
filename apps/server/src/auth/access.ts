import { eq, inArray } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { type Db, schema } from '@xk/db';
import { forbidden } from '../errors';
import { type Actor, covers, overlaps, type Role, rankOf, scopesOf, unitPaths } from './scope';

/** A unit id the request touches; null/undefined entries are skipped (the handler answers 404 for what does not exist). */
export type UnitRefs = Array<number | null | undefined>;
export type UnitResolver = (req: FastifyRequest, refs: UnitLookups) => Promise<UnitRefs> | UnitRefs;

/**
 * Every route's access policy (`config.access`); a route under /api/v1 without one fails the
 * hub's start. Read it as: who may call, over which units.
 */
export interface Access {
  /** Anyone, signed in or not (health, sign-in). */
  public?: true;
  /** Anyone signed in: a person, a board or a token (who am I, sign out). */
  signedIn?: true;
  /** The weakest role a person needs, over the units below (volunteer < coordinator < organizer < admin). */
  role?: Role;
  /** Units the request acts on: each must lie inside a subtree where the person holds `role`. */
  units?: UnitResolver;
  /** Units whose subtree must overlap the person's (either contains the other): a district's coordinator reads a province campaign. */
  overlaps?: UnitResolver;
  /** The person the request is for: that person may call it themself, whatever their role. */
  self?: (req: FastifyRequest) => number | undefined;
  /** Read-only screens that may call it (GET only): a board (its campaign, its subtree), an integration token (its subtree). */
  screens?: Array<'board' | 'token'>;
  /**
   * Units whose figures a screen reads: they must lie inside the screen's own subtree. A person may
   * read a campaign's progress above their units; a district's board may not show the province.
   */
  screenUnits?: UnitResolver;
  /** The campaign a board may read (boards are bound to one). */
  campaign?: (req: FastifyRequest) => number | undefined;
  /** What the handler itself narrows to the caller's scope (lists); documents the policy. */
  filtered?: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
}

/** Where things sit in the tree: the unit ids behind campaigns, stations, teams, people. */
export function unitLookups(db: Db) {
  return {
    async campaign(id: number | undefined): Promise<number | undefined> {
      if (!id) return undefined;
      const [row] = await db.select({ unitId: schema.campaigns.scopeUnitId }).from(schema.campaigns).where(eq(schema.campaigns.id, id));
      return row?.unitId;
    },
    async station(id: number | undefined): Promise<number | undefined> {
      if (!id) return undefined;
      const [row] = await db.select({ unitId: schema.stations.unitId }).from(schema.stations).where(eq(schema.stations.id, id));
      return row?.unitId;
    },
    async team(id: number | undefined): Promise<number | undefined> {
      if (!id) return undefined;
      const [row] = await db.select({ unitId: schema.teams.unitId }).from(schema.teams).where(eq(schema.teams.id, id));
      return row?.unitId;
    },
    /**
     * The units a person belongs to; `[0]` (the top of the tree, which only whole-tree roles cover)
     * for someone who belongs nowhere, so that no subtree's role reaches them.
     */
    async person(id: number | undefined): Promise<number[]> {
      if (!id) return [];
      const rows = await db.select({ unitId: schema.memberships.unitId }).from(schema.memberships).where(eq(schema.memberships.personId, id));
      return rows.length ? rows.map((r) => r.unitId) : [0];
    },
    /**
     * The units a move acts on when undone: its people's (`0` for someone who belongs nowhere), and
     * those of the stations and teams it took them from. Empty for an unknown move.
     */
    async moveOrigins(moveId: string): Promise<number[]> {
      const rows = await db
        .select({ personId: schema.moves.personId, stationUnit: schema.stations.unitId, teamUnit: schema.teams.unitId })
        .from(schema.moves)
        .leftJoin(schema.stations, eq(schema.stations.id, schema.moves.fromStationId))
        .leftJoin(schema.teams, eq(schema.teams.id, schema.moves.fromTeamId))
        .where(eq(schema.moves.id, moveId.toLowerCase()));
      const people = await this.people(rows.map((r) => r.personId));
      return [...[...people.values()].flatMap((units) => (units.length ? units : [0])), ...rows.flatMap((r) => [r.stationUnit, r.teamUnit].filter((id): id is number => id !== null))];
    },
    async people(ids: number[]): Promise<Map<number, number[]>> {
      const out = new Map<number, number[]>(ids.map((id) => [id, []]));
      if (ids.length === 0) return out;
      const rows = await db.select({ personId: schema.memberships.personId, unitId: schema.memberships.unitId }).from(schema.memberships).where(inArray(schema.memberships.personId, ids));
      for (const r of rows) out.get(r.personId)?.push(r.unitId);
      return out;
    },
  };
}
export type UnitLookups = ReturnType<typeof unitLookups>;

/**
 * Decides a request against its policy; throws 401/403. The scope is the actor's: a person's grants
 * of at least `role`, a board's or token's own subtree.
 */
export async function enforce(db: Db, lookups: UnitLookups, access: Access, req: FastifyRequest, actor: Actor): Promise<void> {
  if (access.signedIn) return;
  if (actor.kind !== 'person') {
    if (!access.screens?.includes(actor.kind) || req.method !== 'GET') throw forbidden('This screen may only read its own live totals');
    if (actor.kind === 'board' && access.campaign && access.campaign(req) !== actor.campaignId) throw forbidden('This board shows another campaign');
    await checkUnits(db, lookups, access, req, [actor.path], true);
    return;
  }
  const self = access.self?.(req);
  if (self !== undefined && self === actor.personId) return;
  if (!access.role) throw forbidden('Only the person concerned may do this');
  const scopes = scopesOf(actor, access.role);
  if (scopes.length === 0) throw forbidden(`This needs the ${access.role} role`);
  await checkUnits(db, lookups, access, req, scopes);
}

/** `screen`: a board's or token's request, whose figures (`screenUnits`) must lie inside its own subtree. */
async function checkUnits(db: Db, lookups: UnitLookups, access: Access, req: FastifyRequest, scopes: Array<string | null>, screen = false) {
  const [inside0, near] = await Promise.all([access.units?.(req, lookups) ?? [], access.overlaps?.(req, lookups) ?? []]);
  const inside = screen && access.screenUnits ? [...inside0, ...(await access.screenUnits(req, lookups))] : inside0;
  const ids = [...inside, ...near].filter((id): id is number => typeof id === 'number');
  if (ids.length === 0 || scopes.includes(null)) return;
  const paths = await unitPaths(db, ids);
  paths.set(0, '/'); // above every unit: only a whole-tree scope covers it
  for (const id of inside) {
    const path = typeof id === 'number' ? paths.get(id) : undefined;
    if (path !== undefined && !covers(scopes, path)) throw forbidden(`Unit ${id} is outside your units`);
  }
  for (const id of near) {
    const path = typeof id === 'number' ? paths.get(id) : undefined;
    if (path !== undefined && !overlaps(scopes, path)) throw forbidden(`Unit ${id} is outside your units`);
  }
}

/** For handlers that narrow a list: whether the actor sees a unit (by path) with at least `role`. */
export function seesUnit(actor: Actor, role: Role, path: string, mode: 'covers' | 'overlaps' = 'covers'): boolean {
  const scopes = actor.kind === 'person' ? scopesOf(actor, role) : [actor.path];
  return mode === 'covers' ? covers(scopes, path) : overlaps(scopes, path);
}

/**
 * A command made in one's own name or in none (a move's `requestedById`, a message's `senderId`):
 * the person named, when one is, must be the caller. The audit log names the real caller either way.
 */
export function mustBeCaller(actor: Actor, personId: number | undefined, field: string, otherwise = 'left out') {
  if (personId !== undefined && (actor.kind !== 'person' || personId !== actor.personId)) throw forbidden(`${field} must be you (or ${otherwise})`);
}

export const isAtLeast = (actor: Actor, role: Role) => actor.kind === 'person' && actor.grants.some((g) => rankOf(g.role) >= rankOf(role));
