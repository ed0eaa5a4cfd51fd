// The outbox: queued actions in IndexedDB (store `outbox`), and the pure decisions about them
// (what to send next, what an answer or a failure means). sync.ts drives it; the decisions are pure
// functions so they are tested without a browser (apps/web/test/lib/phone-outbox.test.ts).
import type { ActivityInput, ActivityResult } from '@xk/contract';
import type { ApiProblem } from '../lib/api';
import { CACHE, OUTBOX, req, transact } from './phone-db';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** What the screen hands to `enqueue`: an entry without id and occurredAt (made there); person and campaign default to the sync's. */
export type NewEntry = DistributiveOmit<ActivityInput, 'id' | 'occurredAt' | 'personId' | 'campaignId'> & { personId?: number; campaignId?: number };

/** The server's answer for an item it did not take. */
export interface ItemProblem {
  status: 'rejected' | 'conflict';
  field?: string;
  reason?: string;
  /** When the answer came (ISO, server clock). */
  at: string;
}

export interface OutboxItem {
  /** The client UUID, also `entry.id`. */
  id: string;
  /** Exactly what is sent. */
  entry: ActivityInput;
  /** Phone clock (ms) when queued: the sending order. */
  queuedAt: number;
  /** Sends tried. Above 0 the server may hold it already, so it can no longer be dropped silently. */
  attempts: number;
  state: 'waiting' | 'rejected';
  /** For `rejected` (status rejected or conflict). */
  problem?: ItemProblem;
}

export const BATCH_LIMIT = 100;
export const BACKOFF_FIRST_MS = 1000;
export const BACKOFF_CAP_MS = 60_000;
/** How long a sender's IndexedDB lease lasts without renewal (browsers without navigator.locks). */
export const LEASE_MS = 15_000;

// --- Pure decisions -------------------------------------------------------------------------------

const byQueue = (a: OutboxItem, b: OutboxItem) => a.queuedAt - b.queuedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** This person's items: waiting (oldest first) and rejected (oldest first). */
export function summarize(items: OutboxItem[], personId: number): { waiting: OutboxItem[]; rejected: OutboxItem[] } {
  const mine = items.filter((i) => i.entry.personId === personId).sort(byQueue);
  return { waiting: mine.filter((i) => i.state === 'waiting'), rejected: mine.filter((i) => i.state === 'rejected') };
}

/**
 * The next batch: this person's waiting items, oldest first, up to `limit`. A correction waits while
 * the entry it corrects is still in the outbox: the server checks a correction against entries it
 * already holds, so it must go in a later batch than its target.
 */
export function pickBatch(items: OutboxItem[], personId: number, limit = BATCH_LIMIT): OutboxItem[] {
  const inOutbox = new Set(items.map((i) => i.id));
  return summarize(items, personId)
    .waiting.filter((i) => !(i.entry.kind === 'correction' && inOutbox.has(i.entry.correctsId)))
    .slice(0, Math.max(1, Math.min(limit, BATCH_LIMIT)));
}

/** Waiting corrections of an entry the server refused: it never counted, nothing to correct, so they are dropped. */
export function pointlessCorrections(items: OutboxItem[]): string[] {
  const refused = new Set(items.filter((i) => i.state === 'rejected').map((i) => i.id));
  return items.filter((i) => i.state === 'waiting' && i.entry.kind === 'correction' && refused.has(i.entry.correctsId)).map((i) => i.id);
}

export interface Settlement {
  /** Answered accepted or duplicate (a retry of something the server holds): gone from the outbox. */
  sent: string[];
  /** Answered rejected or conflict: kept with the reason, never resent. */
  refused: Array<{ id: string; problem: ItemProblem }>;
  /** No answer found for them: they stay waiting. */
  unanswered: string[];
}

/** What a batch's answer means for each item sent (results are in order; matched by id to be safe). */
export function settle(batch: Array<Pick<OutboxItem, 'id'>>, results: ActivityResult[], at: string): Settlement {
  const out: Settlement = { sent: [], refused: [], unanswered: [] };
  const byId = new Map<string, ActivityResult>();
  for (const r of results) if (r && typeof r.id === 'string') byId.set(r.id.toLowerCase(), r);
  batch.forEach((item, index) => {
    const inPlace = results[index];
    const result = inPlace && typeof inPlace.id === 'string' && inPlace.id.toLowerCase() === item.id.toLowerCase() ? inPlace : byId.get(item.id.toLowerCase());
    if (!result) out.unanswered.push(item.id);
    else if (result.status === 'accepted' || result.status === 'duplicate') out.sent.push(item.id);
    else if (result.status === 'rejected' || result.status === 'conflict')
      out.refused.push({ id: item.id, problem: { status: result.status, ...(result.field !== undefined ? { field: result.field } : {}), ...(result.reason !== undefined ? { reason: result.reason } : {}), at } });
    else out.unanswered.push(item.id);
  });
  return out;
}

/** Wait before retry number `failures` (1, 2, …): 1 s doubling to a 60 s cap, then "equal jitter" (a random half of it off) so phones don't retry in step. */
export function backoffDelay(failures: number, random: () => number = Math.random): number {
  const base = Math.min(BACKOFF_CAP_MS, BACKOFF_FIRST_MS * 2 ** Math.max(0, Math.min(failures, 30) - 1));
  return Math.round(base / 2 + (random() * base) / 2);
}

/** What to do after a batch failed as a whole. */
export type FailureDecision =
  /** Try again after `delayMs`; `reachable`: whether the hub answered at all. */
  | { kind: 'retry'; delayMs: number; reachable: boolean; counts: boolean }
  /** The batch's `client` report was refused: resend at once without it (the items matter more). */
  | { kind: 'drop-client' }
  /** 401: stop until the person signs in again. */
  | { kind: 'signed-out' };

/**
 * `failures`: failed attempts in a row including this one. 429 waits what Retry-After says (without
 * counting as a failure); no answer, 5xx and other errors back off. A 4xx other than 400-on-client,
 * 401 and 429 (a 403 from a stale CSRF cookie, a 413) is retried with back-off too: items are only
 * ever given up on by a per-item answer.
 */
export function decideFailure(problem: ApiProblem, failures: number, random: () => number = Math.random): FailureDecision {
  if (problem.kind === 'unreachable') return { kind: 'retry', delayMs: backoffDelay(failures, random), reachable: false, counts: true };
  if (problem.status === 401) return { kind: 'signed-out' };
  if (problem.status === 429) {
    const delayMs = problem.retryAfter !== undefined ? problem.retryAfter * 1000 : backoffDelay(failures, random);
    return { kind: 'retry', delayMs, reachable: true, counts: problem.retryAfter === undefined };
  }
  if (problem.status === 400 && problem.field?.startsWith('body/client')) return { kind: 'drop-client' };
  return { kind: 'retry', delayMs: backoffDelay(failures, random), reachable: true, counts: true };
}

export interface Lease {
  owner: string;
  until: number;
}

/** Whether `owner` may take the sender lease now (none, its own, or one that ran out). */
export const mayTakeLease = (lease: Lease | undefined | null, owner: string, now: number) => !lease || lease.owner === owner || lease.until <= now;

// --- IndexedDB ------------------------------------------------------------------------------------

const LEASE_KEY = 'outbox-sender-lease';

export const readOutbox = () => transact(OUTBOX, 'readonly', (tx) => req(tx.objectStore(OUTBOX).getAll() as IDBRequest<OutboxItem[]>));

/** Stores a new item; resolves once committed. */
export const addItem = (item: OutboxItem) => transact(OUTBOX, 'readwrite', async (tx) => void (await req(tx.objectStore(OUTBOX).add(item))));

export type Claim = { kind: 'batch'; batch: OutboxItem[]; after: number } | { kind: 'busy'; until: number };

/**
 * In one readwrite transaction: (with `lease`) takes or renews the sender lease, picks the next batch
 * and counts an attempt on each of its items, so an undo from any tab now answers 'sent'.
 * `after`: this person's waiting items not in the batch (the queue left if it goes through).
 */
export function claimBatch(personId: number, limit: number, lease: { owner: string; now: number } | null): Promise<Claim> {
  return transact([OUTBOX, CACHE], 'readwrite', async (tx): Promise<Claim> => {
    if (lease) {
      const cache = tx.objectStore(CACHE);
      const held = (await req(cache.get(LEASE_KEY))) as Lease | undefined;
      if (!mayTakeLease(held, lease.owner, lease.now)) return { kind: 'busy', until: held!.until };
      await req(cache.put({ owner: lease.owner, until: lease.now + LEASE_MS } satisfies Lease, LEASE_KEY));
    }
    const store = tx.objectStore(OUTBOX);
    let items = (await req(store.getAll())) as OutboxItem[];
    const pointless = new Set(pointlessCorrections(items));
    for (const id of pointless) await req(store.delete(id));
    items = items.filter((i) => !pointless.has(i.id));
    const batch = pickBatch(items, personId, limit).map((i) => ({ ...i, attempts: i.attempts + 1 }));
    for (const item of batch) await req(store.put(item));
    return { kind: 'batch', batch, after: summarize(items, personId).waiting.length - batch.length };
  });
}

/** Gives the lease back (only if still ours). */
export const releaseLease = (owner: string) =>
  transact(CACHE, 'readwrite', async (tx) => {
    const cache = tx.objectStore(CACHE);
    const held = (await req(cache.get(LEASE_KEY))) as Lease | undefined;
    if (held?.owner === owner) await req(cache.delete(LEASE_KEY));
  });

/** Applies a batch's answer: sent items leave, refused ones are kept with the reason (and corrections of them that are now pointless leave). */
export const applySettlement = (s: Settlement) =>
  transact(OUTBOX, 'readwrite', async (tx) => {
    const store = tx.objectStore(OUTBOX);
    for (const id of s.sent) await req(store.delete(id));
    for (const { id, problem } of s.refused) {
      const item = (await req(store.get(id))) as OutboxItem | undefined;
      if (item) await req(store.put({ ...item, state: 'rejected', problem } satisfies OutboxItem));
    }
    if (s.refused.length) for (const id of pointlessCorrections((await req(store.getAll())) as OutboxItem[])) await req(store.delete(id));
  });

/** 'removed' when it was still queued and never sent (or refused: it never counted); else 'sent'. */
export const removeIfUnsent = (id: string) =>
  transact(OUTBOX, 'readwrite', async (tx): Promise<'removed' | 'sent'> => {
    const store = tx.objectStore(OUTBOX);
    const item = (await req(store.get(id))) as OutboxItem | undefined;
    if (!item || (item.state === 'waiting' && item.attempts > 0)) return 'sent';
    await req(store.delete(id));
    return 'removed';
  });

/** Drops a refused item (the person has read why). */
export const dismissRefused = (id: string) =>
  transact(OUTBOX, 'readwrite', async (tx) => {
    const store = tx.objectStore(OUTBOX);
    const item = (await req(store.get(id))) as OutboxItem | undefined;
    if (item?.state === 'rejected') await req(store.delete(id));
  });
