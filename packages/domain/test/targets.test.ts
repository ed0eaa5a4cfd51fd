import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { adoptionShare, childTargets, countTargetProgress, isTargetMet, progressOf, shownProgress, splitTarget, targetActual } from '../src/targets';

const progress = suite('progressOf');

progress('is actual / target rounded to 4 decimals', () => {
  assert.is(progressOf(2500, 5000), 0.5);
  assert.is(progressOf(1, 3), 0.3333);
  assert.is(progressOf(2, 3), 0.6667);
  assert.is(progressOf(0, 1000), 0);
});

progress('is not capped at 1', () => {
  assert.is(progressOf(6250, 5000), 1.25);
});

progress('is 0 without a positive target', () => {
  assert.is(progressOf(10, 0), 0);
  assert.is(progressOf(10, -5), 0);
  assert.is(progressOf(Number.NaN, 10), 0);
});

progress.run();

const share = suite('adoptionShare');

share('is adopters / members rounded to 4 decimals', () => {
  assert.is(adoptionShare(800, 1000), 0.8);
  assert.is(adoptionShare(1, 3), 0.3333);
  assert.is(adoptionShare(1081, 1081), 1);
});

share('is capped at 1 and 0 without members', () => {
  assert.is(adoptionShare(1200, 1000), 1);
  assert.is(adoptionShare(5, 0), 0);
  assert.is(adoptionShare(5, -1), 0);
  assert.is(adoptionShare(-5, 10), 0);
});

share.run();

const split = suite('splitTarget');

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

split('splits proportionally when the shares are whole', () => {
  assert.equal(splitTarget(100, [1, 1, 2]), [25, 25, 50]);
  assert.equal(splitTarget(5000, [219, 0, 781]), [1095, 0, 3905]);
});

split('gives leftovers to the largest remainders, ties to the earlier child', () => {
  // Exact shares 3.33…, 3.33…, 3.33… → one leftover to the first.
  assert.equal(splitTarget(10, [1, 1, 1]), [4, 3, 3]);
  // Exact shares 1.4, 2.8, 5.6 → floors 1, 2, 5 and the leftovers go to .8 and .6.
  assert.equal(splitTarget(10, [1, 2, 4]), [1, 3, 6]);
  assert.equal(splitTarget(1, [1, 2]), [0, 1]);
});

split('parts are integers that always add up to the total', () => {
  const weights = [1081, 4980, 11000, 53, 219, 996, 188, 7, 0, 1];
  for (const total of [0, 1, 7, 99, 1000, 5000, 70000, 123457]) {
    const parts = splitTarget(total, weights);
    assert.is(parts.length, weights.length);
    assert.is(sum(parts), total, `total ${total}`);
    assert.ok(parts.every((p) => Number.isInteger(p) && p >= 0));
    // Largest remainder never strays more than one unit from the exact share.
    const weightSum = sum(weights);
    parts.forEach((p, i) => assert.ok(Math.abs(p - (total * (weights[i] ?? 0)) / weightSum) < 1));
  }
  assert.is(sum(splitTarget(100, [0.1, 0.2, 0.3, 0.4])), 100);
  assert.equal(splitTarget(3, [0.1, 0.2]), [1, 2]);
});

split('splits equally when all weights are 0, and [] for no weights', () => {
  assert.equal(splitTarget(10, [0, 0, 0]), [4, 3, 3]);
  assert.equal(splitTarget(9, [0, 0, 0]), [3, 3, 3]);
  assert.equal(splitTarget(10, []), []);
  assert.equal(splitTarget(0, [5, 5]), [0, 0]);
});

split('rejects totals and weights that cannot be split', () => {
  assert.throws(() => splitTarget(10.5, [1, 1]), RangeError);
  assert.throws(() => splitTarget(-1, [1, 1]), RangeError);
  assert.throws(() => splitTarget(10, [1, -1]), RangeError);
  assert.throws(() => splitTarget(10, [1, Number.NaN]), RangeError);
});

split.run();

const children = suite('childTargets');

children('a count target is split by members, or equally when asked', () => {
  assert.equal(childTargets('residents', 5000, [219, 0, 781], 'members'), [1095, 0, 3905]);
  assert.equal(childTargets('residents', 5000, [219, 0, 781], 'equal'), [1667, 1667, 1666]);
  assert.equal(childTargets('sessions', 7, [10, 30], 'members'), [2, 5]);
  assert.is(sum(childTargets('shops', 1000, [3, 3, 3], 'equal')), 1000);
});

children('children without members share a count target equally', () => {
  assert.equal(childTargets('attendance', 1300, [0, 0, 0], 'members'), [434, 433, 433]);
});

children('an adoption share is the same share for every child, whatever the headcounts', () => {
  assert.equal(childTargets('adoption_share', 0.8, [1081, 0, 7], 'members'), [0.8, 0.8, 0.8]);
  assert.equal(childTargets('adoption_share', 1, [5, 5], 'equal'), [1, 1]);
  assert.throws(() => childTargets('adoption_share', 1.5, [5], 'members'), RangeError);
});

children('no children: nothing; a count that is not whole cannot be split', () => {
  assert.equal(childTargets('residents', 100, [], 'members'), []);
  assert.throws(() => childTargets('residents', 2.5, [1, 1], 'members'), RangeError);
});

children.run();

const actual = suite('targetActual');
const figures = {
  residents: { total: 12, byService: { vneid_level2: 7, vssid: 5 } },
  shops: { total: 3, byService: { cashless_payment: 3 } },
  adopters: { vneid_level2: 20 },
  members: 40,
  sessions: 4,
  attendance: 350,
};

actual('measures each kind of target against its own figure', () => {
  assert.is(targetActual('residents', 'vneid_level2', figures), 7);
  assert.is(targetActual('residents', '', figures), 12);
  assert.is(targetActual('residents', 'chip_id_card', figures), 0);
  assert.is(targetActual('shops', 'cashless_payment', figures), 3);
  assert.is(targetActual('adoption_share', 'vneid_level2', figures), 0.5);
  assert.is(targetActual('sessions', '', figures), 4);
  assert.is(targetActual('attendance', '', figures), 350);
});

actual('a unit’s progress against its own count targets: residents and shops only, summed', () => {
  const targets = [
    { kind: 'residents', serviceCode: 'vneid_level2', value: 10 },
    { kind: 'shops', serviceCode: '', value: 10 },
    { kind: 'adoption_share', serviceCode: 'vneid_level2', value: 1 },
    { kind: 'sessions', serviceCode: '', value: 4 },
  ];
  assert.equal(countTargetProgress(targets, figures), { target: 20, actual: 10, progress: 0.5 });
  assert.is(countTargetProgress([{ kind: 'sessions', serviceCode: '', value: 4 }], figures), null, 'no count target');
  assert.is(countTargetProgress([{ kind: 'residents', serviceCode: '', value: 0 }], figures), null, 'a zero target is none');
  assert.equal(countTargetProgress([{ kind: 'residents', serviceCode: '', value: 6 }], figures), { target: 6, actual: 12, progress: 2 }, 'beaten: above 1');
  assert.equal(
    countTargetProgress([{ kind: 'residents', serviceCode: '', value: 24 }, { kind: 'residents', serviceCode: 'vneid_level2', value: 10 }, { kind: 'shops', serviceCode: 'cashless_payment', value: 6 }], figures),
    { target: 30, actual: 15, progress: 0.5 },
    'an all-services target stands for its kind: its per-service parts are not counted again',
  );
});

actual('met means the figure reached, not the rounded ratio: 19,999 of 20,000 shows 99 %', () => {
  const almost = { target: 20_000, actual: 19_999, progress: progressOf(19_999, 20_000) };
  assert.is(almost.progress, 1, 'rounded to 4 decimals it reads 1');
  assert.not.ok(isTargetMet(almost));
  assert.ok(shownProgress(almost) < 1);
  const met = { target: 20_000, actual: 20_000, progress: 1 };
  assert.ok(isTargetMet(met));
  assert.is(shownProgress(met), 1);
  assert.is(shownProgress({ target: 10, actual: 15, progress: 1.5 }), 1.5, 'beaten: as it is');
  assert.not.ok(isTargetMet({ target: 0, actual: 5 }), 'no target is never met');
});

actual.run();
