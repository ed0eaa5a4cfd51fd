// The rate chart's data: today's 10-minute buckets over the window a hall wants to see. Pure.

/** The window shown, in minutes from local midnight: a working day, widened when the data is outside it. */
const DAY_START_MIN = 6 * 60;
const DAY_END_MIN = 21 * 60;
const BUCKET_MIN = 10;

/** The x (bucket start, minutes from midnight) and y (residents) series of the shown window. */
export function rateSeries(buckets: readonly number[], nowMinute: number): [number[], number[]] {
  const first = buckets.findIndex((n) => n > 0);
  let last = buckets.length - 1;
  while (last >= 0 && !(buckets[last]! > 0)) last--;
  const from = Math.min(DAY_START_MIN, first < 0 ? DAY_START_MIN : first * BUCKET_MIN);
  const to = Math.max(DAY_END_MIN, last < 0 ? 0 : (last + 1) * BUCKET_MIN, Math.min(24 * 60, nowMinute + BUCKET_MIN));
  const xs: number[] = [];
  const ys: number[] = [];
  for (let m = from; m < to; m += BUCKET_MIN) {
    xs.push(m);
    ys.push(buckets[m / BUCKET_MIN] ?? 0);
  }
  return [xs, ys];
}
