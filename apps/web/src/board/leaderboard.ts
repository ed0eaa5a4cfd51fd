// The board's two leaderboards of child units: by residents helped, and by % of their own count
// targets. Pure ranking, tested without a browser.
import type { LiveView } from '@xk/contract';
import { shownProgress } from '@xk/domain';

export type ChildUnit = LiveView['children'][number];

export interface Ranked {
  unit: ChildUnit;
  /** 0-based place in this leaderboard. */
  rank: number;
  /** The figure it is ranked by: residents helped, or progress (1 = 100 %). */
  score: number;
  /** The score as a share of the leader's (bars), 0–1. */
  share: number;
}

/** Ties keep a stable order (the name, then the id), so rows never flicker between equal places. */
const byName = (a: ChildUnit, b: ChildUnit) => a.name.localeCompare(b.name, 'vi') || a.unitId - b.unitId;

function rank(units: readonly ChildUnit[], score: (u: ChildUnit) => number, limit: number): Ranked[] {
  const sorted = [...units].sort((a, b) => score(b) - score(a) || byName(a, b)).slice(0, limit);
  const top = sorted.length > 0 ? score(sorted[0]!) : 0;
  return sorted.map((unit, rank) => ({ unit, rank, score: score(unit), share: top > 0 ? Math.min(1, score(unit) / top) : 0 }));
}

/** The child units with the most residents helped in the campaign. */
export const rankByTotal = (units: readonly ChildUnit[], limit: number) => rank(units, (u) => u.residents, limit);

/** The child units furthest towards their own count targets (only those with targets). */
export const rankByProgress = (units: readonly ChildUnit[], limit: number) =>
  rank(
    units.filter((u) => u.targetProgress !== null),
    (u) => (u.targetProgress ? shownProgress(u.targetProgress) : 0),
    limit,
  );
