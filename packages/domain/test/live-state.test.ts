import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { applyPatch, createLiveState, diffPatch, localDayBounds } from '../src/index';

const patches = suite('diffPatch / applyPatch');

patches('a patch carries only what changed, and applying it gives the new value', () => {
  const a = { n: 1, by: { x: 1, y: 2 }, list: [1, 2], keep: 'k', gone: 3 };
  const b = { n: 2, by: { x: 1, y: 3, z: 1 }, list: [1, 2], keep: 'k' };
  const p = diffPatch(a, b);
  assert.equal(p, { gone: null, n: 2, by: { y: 3, z: 1 } });
  assert.equal(applyPatch(a, p), b);
  assert.equal(diffPatch(b, b), {});
  assert.equal(applyPatch(b, diffPatch(b, { ...b, list: [1, 2, 3] })).list, [1, 2, 3]);
  assert.equal(a.n, 1, 'the target is not changed');
});

patches.run();

const live = suite('createLiveState');
const snap = { room: 'r', seq: 10, view: { total: 5 }, feed: ['a'] };

live('applies ordered deltas and detects a gap', () => {
  const s = createLiveState<{ total: number }, string>();
  assert.is(s.delta({ room: 'r', seq: 11, prevSeq: 10, patch: {}, feed: [] }), 'not-subscribed');
  s.snapshot(snap);
  assert.is(s.delta({ room: 'r', seq: 12, prevSeq: 10, patch: { total: 7 }, feed: ['b'] }), 'applied');
  assert.equal(s.get()!.view, { total: 7 });
  assert.equal(s.get()!.feed, ['b', 'a']);
  assert.is(s.delta({ room: 'r', seq: 15, prevSeq: 13, patch: { total: 9 }, feed: [] }), 'gap');
  assert.equal(s.get()!.view, { total: 7 }, 'a gap changes nothing');
  assert.is(s.delta({ room: 'r', seq: 11, prevSeq: 10, patch: { total: 6 }, feed: [] }), 'stale');
});

live.run();

const days = suite('localDayBounds');

days('the local day of an instant as UTC bounds', () => {
  const b = localDayBounds(new Date('2025-10-09T17:30:00Z'), 'Asia/Ho_Chi_Minh');
  assert.equal(b, { day: '2025-10-10', start: Date.parse('2025-10-09T17:00:00Z'), end: Date.parse('2025-10-10T17:00:00Z') });
  const ny = localDayBounds(new Date('2025-03-09T12:00:00Z'), 'America/New_York');
  assert.is(ny.end - ny.start, 23 * 3600_000, 'a spring-forward day has 23 hours');
});

days.run();
