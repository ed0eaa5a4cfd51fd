import { inArray } from 'drizzle-orm';
import { type Db, schema } from '@xk/db';

/** Roles of people, weakest first: each may do what the ones before it may, over its subtree. */
export const roles = ['volunteer', 'coordinator', 'organizer', 'admin'] as const;
export type Role = (typeof roles)[number];
export const rankOf = (role: Role) => roles.indexOf(role);

/** A role over a subtree: `path` is the unit's path (`/1/5/`), null for the whole tree. */
export interface Grant {
  role: Role;
  unitId: number | null;
  path: string | null;
}

/** Who is asking: a signed-in person (with their grants), a board screen, or an integration token. */
export type Actor =
  | { kind: 'person'; sessionId: number; secret: string; personId: number; grants: Grant[]; onPhone?: boolean }
  | { kind: 'board'; sessionId: number; secret: string; campaignId: number; unitId: number; path: string }
  | { kind: 'token'; sessionId: number; secret: string; unitId: number; path: string };

/** The subtrees (paths; null = everywhere) where the actor acts with at least `min`. */
export function scopesOf(actor: Actor, min: Role): Array<string | null> {
  if (actor.kind !== 'person') return [actor.path];
  return actor.grants.filter((g) => rankOf(g.role) >= rankOf(min)).map((g) => g.path);
}

/** Whether a unit (by its path) lies inside one of the scopes. */
export const covers = (scopes: Array<string | null>, path: string) => scopes.some((s) => s === null || path.startsWith(s));

/** Whether a unit's subtree and a scope overlap (one contains the other): a campaign over a province is visible to a district's coordinator. */
export const overlaps = (scopes: Array<string | null>, path: string) => scopes.some((s) => s === null || path.startsWith(s) || s.startsWith(path));

/** Paths of units by id (missing ids are absent). */
export async function unitPaths(db: Db, ids: number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.select({ id: schema.units.id, path: schema.units.path }).from(schema.units).where(inArray(schema.units.id, unique));
  return new Map(rows.map((r) => [r.id, r.path]));
}
