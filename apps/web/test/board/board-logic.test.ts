import type { FeedItem, LiveView } from '@xk/contract';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { countUpAt } from '../../src/board/count-up';
import { type ChildUnit, rankByProgress, rankByTotal } from '../../src/board/leaderboard';
import { createMilestoneWatch, milestonesBetween } from '../../src/board/milestones';
import { nextShown } from '../../src/board/paced-feed';
import { rateSeries } from '../../src/board/rate-series';

function view(total: number, targets: LiveView['targets'] = [], scopeId = 1): LiveView {
  return {
    campaignId: 7,
    scope: { kind: 'unit', id: scopeId },
    today: '2026-10-10',
    residents: { total, today: total, byService: {} },
    shops: { total: 0, today: 0, byService: {} },
    sessions: { outreach: { count: 0, attendance: 0 }, training: { count: 0, attendance: 0 } },
    adoption: { members: 0, byService: {} },
    volunteers: { onDutyNow: 0, checkedInToday: 0 },
    buckets: [],
    targets,
    children: [],
  };
}
const target = (actual: number, of: number) => ({ kind: 'residents' as const, serviceCode: 'vneid_level2', target: of, actual, progress: actual / of });

const milestones = suite('board milestones');
milestones('the first view is the baseline: marks already passed and targets already met are not shown', () => {
  const watch = createMilestoneWatch();
  assert.equal(milestonesBetween(watch, view(12_345, [target(600, 500)])), []);
  assert.equal(milestonesBetween(watch, view(12_999, [target(700, 500)])), []);
});
milestones('every 1,000 crossed is shown once; a jump over several is one (the highest); a dip and back is not shown again', () => {
  const watch = createMilestoneWatch();
  milestonesBetween(watch, view(980));
  assert.equal(milestonesBetween(watch, view(1001)), [{ kind: 'residents', key: 'residents:1000', value: 1000 }]);
  assert.equal(milestonesBetween(watch, view(1500)), []);
  assert.equal(milestonesBetween(watch, view(3200)), [{ kind: 'residents', key: 'residents:3000', value: 3000 }]);
  assert.equal(milestonesBetween(watch, view(2990)), [], 'a correction takes it below');
  assert.equal(milestonesBetween(watch, view(3010)), [], 'and back: 3,000 was shown already');
});
milestones('a target reached is shown once, even if it dips and comes back', () => {
  const watch = createMilestoneWatch();
  milestonesBetween(watch, view(10, [target(499, 500)]));
  const reached = milestonesBetween(watch, view(11, [target(500, 500)]));
  assert.is(reached.length, 1);
  assert.is(reached[0]!.kind, 'target');
  assert.equal(milestonesBetween(watch, view(12, [target(499, 500)])), []);
  assert.equal(milestonesBetween(watch, view(13, [target(501, 500)])), []);
});
milestones('a target is reached when its figure is, not when its rounded ratio reads 1', () => {
  const watch = createMilestoneWatch();
  milestonesBetween(watch, view(10, [target(19_000, 20_000)]));
  assert.equal(milestonesBetween(watch, view(11, [{ ...target(19_999, 20_000), progress: 1 }])), []);
  assert.is(milestonesBetween(watch, view(12, [target(20_000, 20_000)])).length, 1);
});
milestones('another unit or campaign starts a new baseline', () => {
  const watch = createMilestoneWatch();
  milestonesBetween(watch, view(900));
  assert.equal(milestonesBetween(watch, view(5_000, [], 2)), []);
});
milestones.run();

const child = (unitId: number, name: string, residents: number, progress: number | null): ChildUnit => ({
  unitId,
  code: `u${unitId}`,
  name,
  residents,
  shops: 0,
  onDutyNow: 0,
  targetProgress: progress === null ? null : { target: 100, actual: progress * 100, progress },
});
const leaders = suite('board leaderboards');
leaders('by total: most residents first, ties by name; the share of the leader for the bars; only the top N', () => {
  const units = [child(1, 'Phường 3', 50, 0.2), child(2, 'Phường 1', 80, 0.9), child(3, 'Phường 2', 50, null), child(4, 'Phường 4', 10, 0.95)];
  assert.equal(rankByTotal(units, 3).map((r) => [r.unit.unitId, r.rank, r.score, r.share]), [[2, 0, 80, 1], [3, 1, 50, 0.625], [1, 2, 50, 0.625]]);
});
leaders('by % of target: only units with targets, furthest first', () => {
  const units = [child(1, 'A', 50, 0.2), child(2, 'B', 80, 0.9), child(3, 'C', 500, null), child(4, 'D', 10, 0.95)];
  assert.equal(rankByProgress(units, 5).map((r) => r.unit.unitId), [4, 2, 1]);
  assert.equal(rankByProgress([child(3, 'C', 5, null)], 5), []);
});
leaders.run();

const item = (seq: number): FeedItem => ({ seq, at: '2026-10-10T03:00:00Z', kind: 'assistance', person: 'An N.', unitId: 1, unitName: 'P1', stationName: null, teamName: null, serviceCode: 'x', beneficiary: 'resident', sessionKind: null, quantity: 1, attendance: 0 });
const ticker = suite('board ticker pacing');
ticker('one line per beat: the oldest waiting while few wait, the newest when many do; nothing new, nothing changes', () => {
  let shown = [item(10)];
  shown = nextShown(shown, [item(12), item(11), item(10)], 5);
  assert.equal(shown.map((i) => i.seq), [11, 10], 'two waiting: the older first');
  shown = nextShown(shown, [item(12), item(11), item(10)], 5);
  assert.equal(shown.map((i) => i.seq), [12, 11, 10]);
  const same = nextShown(shown, [item(12), item(11)], 5);
  assert.is(same, shown, 'nothing newer: the same lines');
  shown = nextShown(shown, [item(40), item(39), item(38), item(37)], 3);
  assert.equal(shown.map((i) => i.seq), [40, 12, 11], 'far behind: skip to the newest, keep the limit');
});
ticker.run();

const counting = suite('board count-up');
counting('eases from the shown value to the new one, whole numbers, exact at the end, never past it', () => {
  assert.is(countUpAt(100, 200, 0, 900), 100);
  const mid = countUpAt(100, 200, 450, 900);
  assert.ok(mid > 150 && mid < 200 && Number.isInteger(mid), `${mid}`);
  assert.is(countUpAt(100, 200, 900, 900), 200);
  assert.is(countUpAt(100, 200, 5000, 900), 200);
  assert.ok(countUpAt(200, 190, 899, 900) >= 190, 'down (a correction): never past it');
  assert.is(countUpAt(200, 190, 900, 900), 190, 'and exact at the end');
  for (let t = 0; t <= 900; t += 30) assert.ok(countUpAt(0, 7, t, 900) <= 7);
});
counting.run();

const rate = suite('board rate chart data');
rate('a working day from 06:00 to 21:00, widened to early or late data and to now', () => {
  const buckets = Array.from({ length: 144 }, () => 0);
  buckets[54] = 12; // 09:00
  const [xs, ys] = rateSeries(buckets, 10 * 60);
  assert.is(xs[0], 360);
  assert.is(xs.at(-1), 21 * 60 - 10);
  assert.is(ys[xs.indexOf(540)], 12);
  buckets[30] = 3; // 05:00
  buckets[135] = 4; // 22:30
  const [wide, wideYs] = rateSeries(buckets, 23 * 60 + 15);
  assert.is(wide[0], 300);
  assert.is(wide.at(-1), 23 * 60 + 20);
  assert.is(wideYs.reduce((a, b) => a + b, 0), 19);
});
rate.run();
