// The hub's clock as seen from the phone. Phones' clocks are often minutes (or a time zone) off; an
// action taken offline must still carry its true time, so every queued action is stamped with
// `serverNow()` = the phone's clock + the offset learnt from the hub.
//
// Samples: `serverTime` of a response body (ms resolution: /phone/today) and the `Date` header of
// every API answer (1 s resolution). A sample's error is at most half its round trip (+ half the
// resolution): the one with the smallest error wins, and an older one's error grows with its age
// (phone clocks drift). A new sample that disagrees with the kept one beyond both errors means a
// clock was changed (the user set the phone's time): the new one replaces it. The chosen sample is
// kept in the `cache` store so a reload while offline still knows the offset.
//
//   installServerClock()          once per page (createPhoneSync calls it): loads the kept offset and
//                                 reads the Date header of every answer api.ts receives
//   serverNow(): Date             now, by the hub's clock (the phone's own until a sample exists)
//   fetchWithClock(() => fetchPhoneToday())   times a call whose answer has `serverTime`, learns from it
import { observeResponses } from '../lib/api';
import { cacheGet, cacheSet } from './phone-db';

export interface ClockSample {
  /** Hub time − phone time, in ms. */
  offsetMs: number;
  /** How far off `offsetMs` may be, in ms, when it was taken. */
  errorMs: number;
  /** The phone's Date.now() when it was taken. */
  takenAt: number;
}

/** How fast a kept sample's error grows: 100 ppm (quartz drifts ~20–50 ppm), i.e. 0.36 s an hour. */
export const DRIFT_PER_MS = 1e-4;
const CACHE_KEY = 'server-clock';

/**
 * A sample from a server time `serverMs` seen by a request sent at `sentAt` and answered at
 * `receivedAt` (phone clock). The server read its clock somewhere in between: the midpoint is off by
 * at most half the round trip. `resolutionMs`: 1000 for a Date header (it truncates to the second,
 * so the true time is in [t, t + 1 s)), 0 for a millisecond timestamp.
 */
export function sampleFrom(serverMs: number, sentAt: number, receivedAt: number, resolutionMs = 0): ClockSample {
  const roundTrip = Math.max(0, receivedAt - sentAt);
  const midpoint = sentAt + roundTrip / 2;
  return { offsetMs: serverMs + resolutionMs / 2 - midpoint, errorMs: roundTrip / 2 + resolutionMs / 2, takenAt: receivedAt };
}

/** A kept sample's error now: it grows with age (and a phone clock set back makes it unusable). */
export function errorNow(sample: ClockSample, now: number): number {
  const age = now - sample.takenAt;
  return age < 0 ? Number.POSITIVE_INFINITY : sample.errorMs + age * DRIFT_PER_MS;
}

/** The sample to keep after `next` arrives: the more precise one, or `next` when they disagree (a clock was set). */
export function chooseSample(current: ClockSample | null, next: ClockSample, now: number = next.takenAt): ClockSample {
  if (!current) return next;
  const currentError = errorNow(current, now);
  if (!Number.isFinite(currentError)) return next;
  if (Math.abs(next.offsetMs - current.offsetMs) > next.errorMs + currentError) return next;
  return next.errorMs <= currentError ? next : current;
}

function isSample(value: unknown): value is ClockSample {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return [v.offsetMs, v.errorMs, v.takenAt].every((n) => typeof n === 'number' && Number.isFinite(n));
}

let best: ClockSample | null = null;
let installed: Promise<void> | null = null;

/** Hub time − phone time in ms (0 until a sample exists). */
export const serverOffsetMs = () => (best ? Math.round(best.offsetMs) : 0);

/** Now by the hub's clock. */
export const serverNow = () => new Date(Date.now() + serverOffsetMs());

function learn(sample: ClockSample) {
  const chosen = chooseSample(best, sample, Date.now());
  if (chosen === best) return;
  best = chosen;
  cacheSet(CACHE_KEY, chosen).catch(() => {}); // losing it costs only precision after a reload
}

/** Learns from a server timestamp (ISO string or ms) seen by a request sent at `sentAt`, answered at `receivedAt`. */
export function noteServerTime(serverTime: string | number | Date, sentAt: number, receivedAt: number) {
  const ms = serverTime instanceof Date ? serverTime.getTime() : typeof serverTime === 'number' ? serverTime : Date.parse(serverTime);
  if (Number.isFinite(ms)) learn(sampleFrom(ms, sentAt, receivedAt, 0));
}

/** Learns from an HTTP `Date` header (second resolution). */
export function noteDateHeader(header: string | null, sentAt: number, receivedAt: number) {
  const ms = header ? Date.parse(header) : Number.NaN;
  if (Number.isFinite(ms)) learn(sampleFrom(ms, sentAt, receivedAt, 1000));
}

/** Times `call` (whose answer carries `serverTime`) and learns from it; resolves with the answer. */
export async function fetchWithClock<T extends { serverTime: string }>(call: () => Promise<T>): Promise<T> {
  const sentAt = Date.now();
  const answer = await call();
  noteServerTime(answer.serverTime, sentAt, Date.now());
  return answer;
}

/** Loads the kept sample and starts reading the Date header of every API answer. Idempotent. */
export function installServerClock(): Promise<void> {
  if (installed) return installed;
  observeResponses((response, sentAt, receivedAt) => noteDateHeader(response.headers.get('date'), sentAt, receivedAt));
  installed = cacheGet<unknown>(CACHE_KEY)
    .then((kept) => {
      // A fresher sample may have arrived meanwhile: keep whichever is better.
      if (isSample(kept)) best = best ? chooseSample(kept, best, Date.now()) : errorNow(kept, Date.now()) < Number.POSITIVE_INFINITY ? kept : null;
    })
    .catch(() => {});
  return installed;
}
