import type { Me, Unit } from '@xk/contract';
import type { SelectOption } from './select-field';

/** Units as the tree reads, top down (a path holds every ancestor's id); merged units left out: their successors stand for them. */
export const liveInTreeOrder = (units: readonly Unit[]): Unit[] => units.filter((u) => u.successorId === null).sort((a, b) => a.path.localeCompare(b.path));

/** The unit and everything under it, in tree order. */
export const subtreeOf = (units: readonly Unit[], unitId: number): Unit[] => liveInTreeOrder(units).filter((u) => u.path.includes(`/${unitId}/`));

/** The units a campaign may be set up over: those inside a subtree where the person is an organizer (or an admin). */
export function organizedUnits(units: readonly Unit[], me: Me | null | undefined): Unit[] {
  const grants = (me?.grants ?? []).filter((g) => g.role === 'organizer' || g.role === 'admin');
  if (grants.some((g) => g.unitId === null)) return liveInTreeOrder(units);
  return liveInTreeOrder(units).filter((u) => grants.some((g) => u.path.includes(`/${g.unitId}/`)));
}

/** The unit's own children (not merged), in tree order. */
export const childrenOf = (units: readonly Unit[], unitId: number): Unit[] => liveInTreeOrder(units).filter((u) => u.parentId === unitId);

/** Members of the unit's whole subtree: what a split by members weighs a child by (the hub's rule too). */
export const subtreeMembers = (units: readonly Unit[], unitId: number): number => subtreeOf(units, unitId).reduce((sum, u) => sum + u.memberCount, 0);

/** Select options indented by depth below the first unit's, so the tree shows in a plain <select>. */
export function unitOptions(units: readonly Unit[]): SelectOption[] {
  const top = Math.min(...units.map((u) => u.depth));
  return units.map((u) => ({ value: String(u.id), label: `${'\u00a0\u00a0\u00a0'.repeat(Math.max(0, u.depth - top))}${u.name}` }));
}

export const unitName = (units: readonly Unit[], id: number): string => units.find((u) => u.id === id)?.name ?? `#${id}`;
