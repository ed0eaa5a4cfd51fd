// Milestone moments on the hall screen: every 1,000 residents helped, and a target reached. Pure, so
// that what counts as a milestone is tested without a browser.
import type { LiveView, TargetProgress } from '@xk/contract';
import { isTargetMet } from '@xk/domain';

export type Milestone =
  | { kind: 'residents'; key: string; value: number }
  | { kind: 'target'; key: string; target: TargetProgress };

export interface MilestoneWatch {
  /** The view the last call saw; null before the first. */
  seen: LiveView | null;
  /** The highest residents mark already shown: a correction that dips below and back never shows it again. */
  highestMark: number;
  /** Targets already shown as reached, by kind and service. */
  reached: Set<string>;
}

export const RESIDENTS_STEP = 1000;
export const targetKey = (t: Pick<TargetProgress, 'kind' | 'serviceCode'>) => `${t.kind}:${t.serviceCode}`;

export function createMilestoneWatch(): MilestoneWatch {
  return { seen: null, highestMark: 0, reached: new Set() };
}

/**
 * What the move from the last view to `next` crossed, oldest first. The first view of a screen is
 * its baseline: a board opened (or reloaded) on a campaign at 12,345 shows no milestone for the
 * twelve thousands already passed, and targets met by then count as shown. A jump over several
 * marks at once (a resync after a lost connection) is one milestone, the highest.
 */
export function milestonesBetween(watch: MilestoneWatch, next: LiveView, step = RESIDENTS_STEP): Milestone[] {
  const mark = Math.floor(next.residents.total / step) * step;
  const out: Milestone[] = [];
  if (watch.seen === null || watch.seen.campaignId !== next.campaignId || watch.seen.scope.id !== next.scope.id) {
    watch.highestMark = mark;
    watch.reached = new Set(next.targets.filter(isTargetMet).map(targetKey));
    watch.seen = next;
    return out;
  }
  if (mark > watch.highestMark && mark > 0) {
    out.push({ kind: 'residents', key: `residents:${mark}`, value: mark });
    watch.highestMark = mark;
  }
  for (const t of next.targets) {
    const key = targetKey(t);
    if (isTargetMet(t) && !watch.reached.has(key)) {
      watch.reached.add(key);
      out.push({ kind: 'target', key: `target:${key}`, target: t });
    }
  }
  watch.seen = next;
  return out;
}
