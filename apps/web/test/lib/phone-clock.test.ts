import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { chooseSample, DRIFT_PER_MS, errorNow, sampleFrom } from '../../src/phone/server-clock';

const test = suite('phone server clock');
const T = Date.UTC(2025, 2, 1, 8, 0, 0);

test('the offset is taken at the round trip’s midpoint; the error is half the round trip', () => {
  // The phone is 90 s behind; the request took 400 ms; the server read its clock half-way.
  const sentAt = T - 90_000;
  const s = sampleFrom(T + 200, sentAt, sentAt + 400);
  assert.is(s.offsetMs, 90_000);
  assert.is(s.errorMs, 200);
  assert.is(s.takenAt, sentAt + 400);
});

test('a Date header truncates to the second: half a second is added, and to the error', () => {
  const s = sampleFrom(T, T - 100, T + 100, 1000);
  assert.is(s.offsetMs, 500);
  assert.is(s.errorMs, 600);
});

test('the sample with the smallest round trip wins', () => {
  const slow = sampleFrom(T + 1000, T, T + 2000); // ±1000
  const fast = sampleFrom(T + 5050, T + 5000, T + 5100); // ±50
  assert.is(chooseSample(null, slow), slow);
  assert.is(chooseSample(slow, fast), fast);
  assert.is(chooseSample(fast, sampleFrom(T + 7000, T + 6000, T + 8000)), fast, 'a worse sample later does not replace it');
  const sameError = sampleFrom(T + 9050, T + 9000, T + 9100);
  assert.is(chooseSample(fast, sameError, T + 9100), sameError, 'equal round trips: the newer one (the old one has aged)');
});

test('a precise Date-header sample never beats a millisecond serverTime of similar round trip', () => {
  const serverTime = sampleFrom(T + 150, T, T + 300); // ±150
  const header = sampleFrom(T + 1000, T + 1000, T + 1100, 1000); // ±550
  assert.is(chooseSample(serverTime, header), serverTime);
});

test('a kept sample ages: its error grows, so a fresh one of the same quality replaces it', () => {
  const old = sampleFrom(T + 100, T, T + 200);
  const hourLater = T + 3_600_000;
  assert.is(errorNow(old, hourLater), 100 + (hourLater - (T + 200)) * DRIFT_PER_MS);
  const fresh = sampleFrom(hourLater + 150, hourLater, hourLater + 300); // ±150, agrees
  assert.is(chooseSample(old, fresh, hourLater + 300), fresh, 'after an hour the old ±100 is ±460');
  assert.is(chooseSample(old, fresh, T + 1000), old, 'a moment later the old one is still better');
});

test('samples that disagree beyond their errors mean a clock was set: the new one wins even if less precise', () => {
  const before = sampleFrom(T + 10, T, T + 20); // offset 0, ±10
  // The user moved the phone's clock 2 hours ahead: the hub now looks 2 h behind.
  const after = sampleFrom(T + 60_000, T + 7_260_000, T + 7_262_000); // ±1000
  const chosen = chooseSample(before, after, T + 7_262_000);
  assert.is(chosen, after);
  assert.ok(Math.abs(chosen.offsetMs + 7_200_000) < 2000);
});

test('a kept sample from the future (phone clock set back) is unusable', () => {
  const kept = sampleFrom(T, T, T);
  assert.is(errorNow(kept, T - 1), Number.POSITIVE_INFINITY);
  const next = sampleFrom(T - 60_000 + 500, T - 60_000, T - 59_000);
  assert.is(chooseSample(kept, next, T - 59_000), next);
});

test.run();
