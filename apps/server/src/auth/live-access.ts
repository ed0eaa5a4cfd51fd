import type { LiveSubscribe, RosterSubscribe } from '@xk/contract';
import type { Db } from '@xk/db';
import type { UnitLookups } from './access';
import { type Actor, covers, overlaps, scopesOf, unitPaths } from './scope';

/**
 * Whether an actor may watch a live view; the reason when not. People: a unit, station or team
 * whose unit overlaps their subtrees (a volunteer sees their unit, the units above it — the
 * campaign's progress — and below); a person's own view, or anyone's their coordinator role
 * covers. Boards: their campaign, inside their subtree, no person views. Tokens: none (they read
 * the raw activity stream).
 */
export async function mayWatch(db: Db, lookups: UnitLookups, actor: Actor, req: LiveSubscribe): Promise<string | null> {
  if (actor.kind === 'token') return 'integration tokens read /api/v1/activity/stream, not live views';
  if (actor.kind === 'board' && req.campaignId !== actor.campaignId) return 'this board shows another campaign';
  const { kind, id } = req.scope;
  if (kind === 'person') {
    if (actor.kind === 'board') return 'a board shows no one person';
    if (id === actor.personId) return null;
    const units = await lookups.person(id);
    const paths = await unitPaths(db, units);
    return [...paths.values()].some((p) => covers(scopesOf(actor, 'coordinator'), p)) ? null : 'this person is outside your units';
  }
  const unitId = kind === 'unit' ? id : kind === 'station' ? await lookups.station(id) : await lookups.team(id);
  if (unitId === undefined) return null; // unknown: the subscription answers not_found
  const path = (await unitPaths(db, [unitId])).get(unitId);
  if (path === undefined) return null;
  if (actor.kind === 'board') return covers([actor.path], path) ? null : 'outside this board’s units';
  return overlaps(scopesOf(actor, 'volunteer'), path) ? null : 'outside your units';
}

/**
 * Whether an actor may watch a unit's roster; the reason when not. It names people and their phone
 * numbers: only a person with the coordinator role over the unit (their own subtree, not above it).
 */
export async function mayWatchRoster(db: Db, actor: Actor, req: RosterSubscribe): Promise<string | null> {
  if (actor.kind !== 'person') return 'a roster is for coordinators, not for screens or tokens';
  const scopes = scopesOf(actor, 'coordinator');
  if (scopes.length === 0) return 'a roster needs the coordinator role';
  const path = (await unitPaths(db, [req.unitId])).get(req.unitId);
  if (path === undefined) return null; // unknown: the subscription answers not_found
  return covers(scopes, path) ? null : 'outside your units';
}
