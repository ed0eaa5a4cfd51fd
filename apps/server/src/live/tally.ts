/** What one scope (a unit's subtree, a station, a team, a person) has counted. */
export class Tally {
  readonly residents = new Map<string, number>();
  readonly shops = new Map<string, number>();
  residentsToday = 0;
  shopsToday = 0;
  readonly outreach = { count: 0, attendance: 0 };
  readonly training = { count: 0, attendance: 0 };
  readonly adopters = new Map<string, number>();
  onDutyNow = 0;
  readonly checkedInToday = new Set<number>();
  /** Residents helped per 10 minutes today, from local midnight. */
  readonly buckets = new Array<number>(144).fill(0);
}

export const bump = (m: Map<string, number>, key: string, n: number) => m.set(key, (m.get(key) ?? 0) + n);
export const sumValues = (m: Map<string, number>) => {
  let n = 0;
  for (const v of m.values()) n += v;
  return n;
};
