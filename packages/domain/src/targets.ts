/** Arithmetic of campaign targets: progress bars, adoption shares and splitting a target down the tree. */

/** Rounded so the same ratio compares equal on server and browser and serialises compactly. */
function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

/**
 * actual / target, rounded to 4 decimals. Not capped: 1.25 means the target was beaten by 25 %,
 * which the big screen shows. 0 when there is no (positive) target, rather than Infinity or NaN.
 */
export function progressOf(actual: number, target: number): number {
  if (!Number.isFinite(actual) || !Number.isFinite(target) || target <= 0) return 0;
  return round4(actual / target);
}

/**
 * Share of members who adopted a service themselves (e.g. 100 % of members on VNeID level 2),
 * between 0 and 1, rounded to 4 decimals. Capped at 1 because adopters can outnumber the member
 * count when the headcount is stale, and a share above 100 % would be nonsense.
 */
export function adoptionShare(adopters: number, members: number): number {
  if (!Number.isFinite(adopters) || !Number.isFinite(members) || members <= 0) return 0;
  return round4(Math.min(1, Math.max(0, adopters / members)));
}

/**
 * Splits an integer target among children in proportion to `weights` (e.g. member headcounts)
 * by the largest-remainder method: each child gets the floor of its exact share, and the units
 * left over go to the largest fractional remainders (ties to the earlier child). The parts are
 * integers summing exactly to `total`. All-zero weights split equally; no weights give [].
 *
 * Throws a RangeError for a total that is not a non-negative integer or a weight that is negative
 * or not finite: neither can be split meaningfully, and a silently wrong target is worse.
 */
export function splitTarget(total: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(total) || total < 0) {
    throw new RangeError(`splitTarget: total must be a non-negative integer, got ${total}`);
  }
  for (const w of weights) {
    if (!Number.isFinite(w) || w < 0) throw new RangeError(`splitTarget: weights must be finite and >= 0, got ${w}`);
  }
  if (weights.length === 0) return [];

  const sum = weights.reduce((a, b) => a + b, 0);
  const effective = sum > 0 ? weights : weights.map(() => 1);
  const divisor = sum > 0 ? sum : weights.length;

  const parts: number[] = [];
  const remainders: number[] = [];
  for (const w of effective) {
    // Work on total * w and compare remainders against the divisor instead of on total * w / sum:
    // with integer weights this is exact, whereas the quotient could come out as 2.9999999 and floor to 2.
    const numerator = total * w;
    let floor = Math.floor(numerator / divisor);
    let remainder = numerator - floor * divisor;
    if (remainder < 0) { floor -= 1; remainder += divisor; }
    else if (remainder >= divisor) { floor += 1; remainder -= divisor; }
    parts.push(floor);
    remainders.push(remainder);
  }

  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = remainders.map((_, i) => i).sort((a, b) => (remainders[b] ?? 0) - (remainders[a] ?? 0) || a - b);
  for (const i of order) {
    if (left <= 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    left -= 1;
  }
  return parts;
}

/** How a parent's target is shared among its children: by their member headcounts, or equally. */
export type SplitBy = 'members' | 'equal';

/**
 * The values a parent's target gives its children, in the children's order. A count target
 * (residents, shops, sessions, attendance) is split into whole parts summing exactly to it
 * (`splitTarget`): by `members` (each child's subtree headcount; equally when all are 0) or
 * `equal`ly. An adoption share is a share of each unit's own members, not a count: every child
 * gets the same share (80 % of the district's members means 80 % of each commune's).
 */
export function childTargets(kind: string, value: number, members: readonly number[], by: SplitBy): number[] {
  if (kind === 'adoption_share') {
    if (!Number.isFinite(value) || value < 0 || value > 1) throw new RangeError(`childTargets: a share is between 0 and 1, got ${value}`);
    return members.map(() => value);
  }
  return splitTarget(value, by === 'equal' ? members.map(() => 1) : members);
}

/** What a scope has counted, in the shape target progress needs. */
export interface TargetFigures {
  residents: { total: number; byService: Readonly<Record<string, number>> };
  shops: { total: number; byService: Readonly<Record<string, number>> };
  adopters: Readonly<Record<string, number>>;
  members: number;
  sessions: number;
  attendance: number;
}

/**
 * The figure a target of `kind` is measured against: one service's count (or all services' when
 * the target names none), the share of members who adopted the service, or sessions and attendance.
 * One rule for the REST totals and the live views, so the two can never disagree on a target.
 */
export function targetActual(kind: string, serviceCode: string, f: TargetFigures): number {
  switch (kind) {
    case 'residents':
      return serviceCode ? (f.residents.byService[serviceCode] ?? 0) : f.residents.total;
    case 'shops':
      return serviceCode ? (f.shops.byService[serviceCode] ?? 0) : f.shops.total;
    case 'adoption_share':
      return adoptionShare(f.adopters[serviceCode] ?? 0, f.members);
    case 'sessions':
      return f.sessions;
    default:
      return f.attendance;
  }
}

/** How far a unit is towards its own count targets, for ranking units by % of target. */
export interface CountTargetProgress {
  target: number;
  actual: number;
  progress: number;
}

/**
 * A unit's progress against its own count targets (residents and shops helped, per service or for
 * all services): the sum of what each target measures over the sum of the targets, so units with
 * targets of different sizes rank fairly on one board. A target for all services of a kind stands
 * for that kind (its per-service targets are parts of it, not more of it). Member-adoption shares,
 * sessions and attendance are not counts of people helped and stay out. null when the unit has no
 * such target.
 */
export function countTargetProgress(
  targets: ReadonlyArray<{ kind: string; serviceCode: string; value: number }>,
  figures: TargetFigures,
): CountTargetProgress | null {
  let target = 0;
  let actual = 0;
  for (const kind of ['residents', 'shops'] as const) {
    const ofKind = targets.filter((t) => t.kind === kind && t.value > 0);
    const whole = ofKind.find((t) => t.serviceCode === '');
    for (const t of whole ? [whole] : ofKind) {
      target += t.value;
      actual += targetActual(t.kind, t.serviceCode, figures);
    }
  }
  return target > 0 ? { target, actual, progress: progressOf(actual, target) } : null;
}

/** Whether a target is met: its figure reached, not its rounded ratio (19,999 of 20,000 is not met). */
export const isTargetMet = (t: { target: number; actual: number }): boolean => t.target > 0 && t.actual >= t.target;

/** The progress to show: as it is once met, else below 1, so no screen reads 100 % before the target is met. */
export const shownProgress = (t: { target: number; actual: number; progress: number }): number =>
  isTargetMet(t) ? t.progress : Math.min(t.progress, 0.9999);
