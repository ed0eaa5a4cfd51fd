import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ActivityInput, ActivityResult } from '@xk/contract';
import {
  BACKOFF_CAP_MS,
  backoffDelay,
  decideFailure,
  mayTakeLease,
  type OutboxItem,
  pickBatch,
  pointlessCorrections,
  settle,
  summarize,
} from '../../src/phone/outbox';

const test = suite('phone outbox decisions');
let n = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
const AT = '2025-03-01T08:00:00.000Z';

function item(fields: Omit<Partial<OutboxItem>, 'entry'> & { entry?: Record<string, unknown> } = {}): OutboxItem {
  const id = fields.id ?? uuid();
  const entry = { id, campaignId: 1, personId: 7, occurredAt: AT, kind: 'assistance', serviceCode: 'vneid', ...fields.entry } as ActivityInput;
  return { id, queuedAt: fields.queuedAt ?? n, attempts: fields.attempts ?? 0, state: fields.state ?? 'waiting', entry, ...(fields.problem ? { problem: fields.problem } : {}) };
}
const correction = (of: OutboxItem, fields: Omit<Partial<OutboxItem>, 'entry'> = {}) =>
  item({ ...fields, entry: { kind: 'correction', correctsId: of.id, action: 'void', reason: 'bấm nhầm' } });

test('back-off: 1 s doubling to a 60 s cap, each jittered down by at most half', () => {
  const low = () => 0;
  const high = () => 0.999_999;
  assert.equal([1, 2, 3, 4, 5, 6, 7, 8, 20].map((f) => backoffDelay(f, high)), [1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000, 60_000]);
  assert.equal([1, 2, 3, 7, 100].map((f) => backoffDelay(f, low)), [500, 1000, 2000, 30_000, 30_000]);
  for (let f = 1; f < 40; f++) {
    const d = backoffDelay(f);
    assert.ok(d >= 500 && d <= BACKOFF_CAP_MS, `failure ${f}: ${d}`);
  }
  assert.is(backoffDelay(0, high), 1000, 'never below the first step');
});

test('failures: no answer and 5xx back off; 429 waits Retry-After; 401 stops; a refused client report is dropped', () => {
  const half = () => 0.5;
  assert.equal(decideFailure({ kind: 'unreachable' }, 3, half), { kind: 'retry', delayMs: 3000, reachable: false, counts: true });
  assert.equal(decideFailure({ kind: 'http', status: 503, code: 'unavailable' as never, message: 'x' }, 1, half), { kind: 'retry', delayMs: 750, reachable: true, counts: true });
  assert.equal(decideFailure({ kind: 'http', status: 429, code: 'rate_limited' as never, message: 'x', retryAfter: 17 }, 5, half), { kind: 'retry', delayMs: 17_000, reachable: true, counts: false });
  assert.equal(decideFailure({ kind: 'http', status: 429, code: 'rate_limited' as never, message: 'x' }, 2, half), { kind: 'retry', delayMs: 1500, reachable: true, counts: true });
  assert.equal(decideFailure({ kind: 'http', status: 401, code: 'unauthorized' as never, message: 'x' }, 1), { kind: 'signed-out' });
  assert.equal(decideFailure({ kind: 'http', status: 400, code: 'validation' as never, message: 'x', field: 'body/client/campaignId' }, 1), { kind: 'drop-client' });
  // A 403 (stale CSRF cookie) or another 400 is never a reason to drop items: retried with back-off.
  assert.is(decideFailure({ kind: 'http', status: 403, code: 'forbidden' as never, message: 'x' }, 1).kind, 'retry');
  assert.is(decideFailure({ kind: 'http', status: 400, code: 'validation' as never, message: 'x', field: 'body/items' }, 1).kind, 'retry');
});

test('results: accepted and duplicate are sent; rejected and conflict kept with the reason; missing ones stay waiting', () => {
  const [a, b, c, d, e] = [item(), item(), item(), item(), item()];
  const results: ActivityResult[] = [
    { id: a.id, status: 'accepted', seq: 1 },
    { id: b.id.toUpperCase(), status: 'duplicate', seq: 2 },
    { id: c.id, status: 'rejected', field: 'serviceCode', reason: 'not in the catalogue' },
    { id: d.id, status: 'conflict', field: 'id', reason: 'id already used' },
  ];
  assert.equal(settle([a, b, c, d, e], results, AT), {
    sent: [a.id, b.id],
    refused: [
      { id: c.id, problem: { status: 'rejected', field: 'serviceCode', reason: 'not in the catalogue', at: AT } },
      { id: d.id, problem: { status: 'conflict', field: 'id', reason: 'id already used', at: AT } },
    ],
    unanswered: [e.id],
  });
  // Out of order (or a null id in place) still matches by id.
  const shuffled = settle([a, b], [{ id: null, status: 'rejected', reason: 'no id' }, { id: a.id, status: 'accepted' }], AT);
  assert.equal(shuffled, { sent: [a.id], refused: [], unanswered: [b.id] });
  assert.equal(settle([a], [], AT), { sent: [], refused: [], unanswered: [a.id] });
});

test('batches: this person’s waiting items, oldest first, ≤ 100; refused ones are never picked again', () => {
  const mine = Array.from({ length: 130 }, (_, i) => item({ queuedAt: 1000 - i }));
  const other = item({ entry: { personId: 8 }, queuedAt: 0 });
  const refused = item({ state: 'rejected', queuedAt: 0, problem: { status: 'rejected', reason: 'x', at: AT } });
  const all = [other, refused, ...mine];
  const batch = pickBatch(all, 7, 500);
  assert.is(batch.length, 100);
  assert.equal(batch.map((i) => i.queuedAt), mine.map((i) => i.queuedAt).sort((x, y) => x - y).slice(0, 100));
  assert.is(pickBatch(all, 7, 10).length, 10);
  assert.ok(!batch.includes(refused) && !batch.includes(other));
  assert.equal(pickBatch(all, 8), [other]);
  const s = summarize(all, 7);
  assert.is(s.waiting.length, 130);
  assert.equal(s.rejected, [refused]);
});

test('a correction goes in a later batch than the entry it corrects (the server checks it against stored entries)', () => {
  const tap = item({ queuedAt: 1 });
  const undo = correction(tap, { queuedAt: 2 });
  const later = item({ queuedAt: 3 });
  assert.equal(pickBatch([tap, undo, later], 7).map((i) => i.id), [tap.id, later.id]);
  assert.equal(pickBatch([undo, later], 7).map((i) => i.id), [undo.id, later.id], 'once the tap is answered and gone');
  // A correction of an entry the server holds already (not in the outbox) goes at once.
  assert.equal(pickBatch([correction(item()), later], 7).length, 2);
});

test('corrections of a refused entry are pointless (it never counted) and are dropped', () => {
  const tap = item({ state: 'rejected', problem: { status: 'rejected', reason: 'x', at: AT } });
  const undo = correction(tap);
  const other = correction(item());
  assert.equal(pointlessCorrections([tap, undo, other]), [undo.id]);
  assert.equal(pointlessCorrections([{ ...tap, state: 'waiting' }, undo]), []);
});

test('the sender lease: free, own, or run out', () => {
  assert.ok(mayTakeLease(undefined, 'a', 10));
  assert.ok(mayTakeLease({ owner: 'a', until: 100 }, 'a', 10));
  assert.not.ok(mayTakeLease({ owner: 'b', until: 100 }, 'a', 10));
  assert.ok(mayTakeLease({ owner: 'b', until: 100 }, 'a', 100));
});

test.run();
