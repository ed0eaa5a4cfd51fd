/**
 * The phone's outbox sync: every action is stored in IndexedDB before anything is sent, then sent
 * to `POST /api/v1/activity/batch` until the server has answered for it.
 *
 * API (for the phone screens)
 * ---------------------------
 *   const sync = createPhoneSync({ personId, campaignId });   // one per signed-in person + campaign;
 *                                                             // dispose() and create anew on a switch
 *   sync.status()            // Solid accessor (a signal) → SyncStatus, below; updates live, also when
 *                            // another tab enqueues or sends
 *   await sync.ready         // the first read of IndexedDB is done (status() is empty before)
 *   const item = await sync.enqueue({ kind: 'assistance', serviceCode: 'vneid_level2', stationId });
 *                            // → OutboxItem; id (client UUID) and occurredAt (server-corrected
 *                            // clock, server-clock.ts) are made here; personId / campaignId default to
 *                            // the options'. Resolves once the IndexedDB transaction has committed
 *                            // (the tap is safe), then a send starts in the background. Rejects
 *                            // only when IndexedDB itself fails (then nothing was queued: say so).
 *   await sync.undo(item.id) // 'removed': it was still queued and never tried (or the hub refused it),
 *                            //   it is gone for good;
 *                            // 'sent': it was (or may have been) sent: the caller enqueues a correction
 *                            //   { kind: 'correction', correctsId: item.id, action: 'void', reason }
 *                            // (it is queued behind the original, so the order holds offline too)
 *   await sync.dismiss(id)   // drops a rejected / conflict item from the list (the user has read it)
 *   await sync.flush()       // try to send now (a "Gửi lại" button); also clears `signedOut`
 *   await sync.hasUnsent()   // true while anything of this person is still waiting (read from
 *                            // IndexedDB, so it counts other tabs' items): refuse sign-out then
 *   sync.dispose()           // stop timers and listeners (items stay in IndexedDB)
 *
 * SyncStatus:
 *   waiting        OutboxItem[]   this person's items not yet answered by the server, oldest first
 *                                 (those in flight included): "3 chưa gửi" = waiting.length
 *   rejected       OutboxItem[]   answered `rejected` / `conflict`: kept with item.problem {status,
 *                                 field?, reason?, at}, never resent; dismiss() removes one
 *   lastSyncAt     string | null  ISO time (server clock) of the last answer from the hub (any tab)
 *   sending        boolean        a batch is in flight (in this tab or another)
 *   online         boolean        navigator.onLine, and the hub answered the last attempt
 *   nextAttemptAt  number | null  Date.now()-time of the next retry after a failure (null: none due)
 *   signedOut      boolean        the hub answered 401: sending stopped; sign in again, then flush()
 *   persisted      boolean | null navigator.storage.persist() granted (null: unknown / unsupported)
 *
 * Rules: accepted / duplicate → removed (duplicate counts as sent); rejected / conflict → kept, never
 * resent; unreachable / 5xx / other 4xx → back-off 1 s → 60 s with jitter (retried at once on the
 * `online` event and when the tab becomes visible); 429 → wait Retry-After; 401 → stop, signedOut.
 * Batches ≤ 100 items carry `client: { personId, campaignId, queueLength (left after this batch),
 * lastSyncAt (now: the hub keeps the report only when the batch went through) }`; a flush with
 * nothing to send reports the queue once per sync object through `POST /api/v1/phone/status`.
 * A correction is sent only after the entry it corrects has been answered (the hub checks it against
 * stored entries); corrections of an entry the hub refused are dropped (it never counted).
 * One sender across tabs (navigator.locks, else an IndexedDB lease); BroadcastChannel('xk-outbox')
 * tells the other tabs to re-read. An item leaves IndexedDB only when the server answered for it.
 */
import { type Accessor, createSignal } from 'solid-js';
import type { ActivityInput } from '@xk/contract';
import { ApiError, postActivityBatch, postPhoneStatus } from '../lib/api';
import { newId } from './ids';
import {
  addItem,
  applySettlement,
  BATCH_LIMIT,
  backoffDelay,
  claimBatch,
  decideFailure,
  dismissRefused,
  type NewEntry,
  type OutboxItem,
  readOutbox,
  releaseLease,
  removeIfUnsent,
  settle,
  summarize,
} from './outbox';
import { cacheGet, cacheSet } from './phone-db';
import { installServerClock, serverNow } from './server-clock';

export type { NewEntry, OutboxItem, ItemProblem } from './outbox';

export interface SyncStatus {
  waiting: OutboxItem[];
  rejected: OutboxItem[];
  lastSyncAt: string | null;
  sending: boolean;
  online: boolean;
  nextAttemptAt: number | null;
  signedOut: boolean;
  persisted: boolean | null;
}

export interface PhoneSyncOptions {
  personId: number;
  campaignId: number;
  /** Items per batch, at most 100 (the default). */
  batchSize?: number;
  /** Tests: other transport functions (defaults: lib/api.ts). */
  api?: { postActivityBatch: typeof postActivityBatch; postPhoneStatus: typeof postPhoneStatus };
  /** Tests: 'lease' forces the IndexedDB lease even where navigator.locks exists (every tab must use the same). */
  exclusion?: 'auto' | 'lease';
}

export type UndoResult = 'removed' | 'sent';

export interface PhoneSync {
  status: Accessor<SyncStatus>;
  ready: Promise<void>;
  enqueue(entry: NewEntry): Promise<OutboxItem>;
  undo(id: string): Promise<UndoResult>;
  dismiss(id: string): Promise<void>;
  flush(): Promise<void>;
  hasUnsent(): Promise<boolean>;
  dispose(): void;
}

const CHANNEL = 'xk-outbox';
const LOCK = 'xk-outbox-sender';
/** Another tab that said it is sending and then fell silent (closed mid-send) stops counting after this. */
const REMOTE_SENDING_MS = 15_000;
/** After another tab queued something, check this much later that it went (that tab may have closed). */
const STRANDED_CHECK_MS = 3000;

/** `queued`: a new item; `answered`: the hub answered that tab (so it is reachable). */
type Message = { type: 'changed'; queued?: boolean; answered?: boolean } | { type: 'sending'; sending: boolean };

const PERSIST_ASKED_KEY = 'storage-persist-asked';
let persistAsked: Promise<boolean | null> | null = null;
/**
 * Persistent storage, so the browser does not evict the queue under pressure: asked once per device
 * (Firefox shows a prompt each time it is asked), checked on every page. Null where the browser has
 * no StorageManager (plain HTTP).
 */
function askPersistence(): Promise<boolean | null> {
  if (persistAsked) return persistAsked;
  const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
  persistAsked = (async () => {
    if (!storage?.persist) return null;
    try {
      if (storage.persisted && (await storage.persisted())) return true;
      if (await cacheGet<boolean>(PERSIST_ASKED_KEY)) return false;
      await cacheSet(PERSIST_ASKED_KEY, true);
      return await storage.persist();
    } catch {
      return null;
    }
  })();
  return persistAsked;
}

const isOnline = () => typeof navigator === 'undefined' || navigator.onLine !== false;

export function createPhoneSync(options: PhoneSyncOptions): PhoneSync {
  const { personId, campaignId } = options;
  const api = options.api ?? { postActivityBatch, postPhoneStatus };
  const batchSize = Math.max(1, Math.min(options.batchSize ?? BATCH_LIMIT, BATCH_LIMIT));
  const locks = options.exclusion !== 'lease' && typeof navigator !== 'undefined' && navigator.locks ? navigator.locks : null;
  const tabId = newId();
  const lastSyncKey = `outbox-last-sync:${personId}`;

  let items: OutboxItem[] = [];
  let lastSyncAt: string | null = null;
  let localSending = false;
  let remoteSendingUntil = 0;
  let reachable = true;
  let nextAttemptAt: number | null = null;
  let signedOut = false;
  let persisted: boolean | null = null;
  let failures = 0;
  /** A 429's Retry-After: nothing is sent before this (Date.now() time). */
  let notBefore = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let disposed = false;
  let statusReported = false;
  let lastQueuedAt = 0;
  let reloadGeneration = 0;
  const lockWait = new AbortController();

  const snapshot = (): SyncStatus => ({
    ...summarize(items, personId),
    lastSyncAt,
    sending: localSending || remoteSendingUntil > Date.now(),
    online: isOnline() && reachable,
    nextAttemptAt,
    signedOut,
    persisted,
  });
  const [status, setStatus] = createSignal<SyncStatus>(snapshot(), { equals: false });
  const publish = () => setStatus(snapshot());

  const channel = typeof BroadcastChannel !== 'undefined' ? new BroadcastChannel(CHANNEL) : null;
  const tell = (message: Message) => {
    try {
      channel?.postMessage(message);
    } catch {
      // closed
    }
  };

  /** Re-reads the outbox and the last sync from IndexedDB (the truth, shared by every tab). */
  async function reload() {
    const generation = ++reloadGeneration;
    const [all, last] = await Promise.all([readOutbox(), cacheGet<string>(lastSyncKey)]);
    if (generation !== reloadGeneration) return; // a later reload is under way
    items = all;
    if (typeof last === 'string' && (!lastSyncAt || last > lastSyncAt)) lastSyncAt = last;
    publish();
  }
  const changed = async (answered = false) => {
    await reload().catch(() => {});
    tell({ type: 'changed', ...(answered ? { answered } : {}) });
  };

  function setSending(sending: boolean) {
    if (localSending === sending) return;
    localSending = sending;
    tell({ type: 'sending', sending });
    publish();
  }

  function clearTimer() {
    if (timer) clearTimeout(timer);
    timer = null;
    nextAttemptAt = null;
  }

  /** The next attempt in `delayMs`; `shown`: a retry after a failure (status.nextAttemptAt). */
  function schedule(delayMs: number, shown = true) {
    if (disposed) return;
    clearTimer();
    const at = Date.now() + Math.max(0, delayMs);
    if (shown) nextAttemptAt = at;
    timer = setTimeout(() => {
      timer = null;
      nextAttemptAt = null;
      void run();
    }, Math.max(0, delayMs));
    publish();
  }

  async function exclusive(body: () => Promise<void>) {
    if (locks) await locks.request(LOCK, { signal: lockWait.signal }, () => body());
    else await body(); // the IndexedDB lease is taken with each batch (claimBatch)
  }

  async function setLastSync(at: string) {
    lastSyncAt = at;
    await cacheSet(lastSyncKey, at).catch(() => {});
  }

  /** With nothing to send: tells the hub once that this phone's queue is empty. */
  async function reportStatus() {
    if (statusReported || signedOut || disposed) return;
    statusReported = true;
    const queueLength = summarize(items, personId).waiting.length;
    try {
      await api.postPhoneStatus({ campaignId, queueLength, lastSyncAt });
      reachable = true;
      await setLastSync(serverNow().toISOString());
      tell({ type: 'changed', answered: true });
    } catch (err) {
      if (!(err instanceof ApiError)) return;
      if (err.problem.kind === 'unreachable') statusReported = false; // next time
      else if (err.problem.status === 401) signedOut = true;
    } finally {
      publish();
    }
  }

  /** Sends batch after batch until none is left, one failure, or another sender (lease) is busy. */
  async function sendAll() {
    let batches = 0;
    let withClient = true;
    try {
      for (;;) {
        if (disposed || signedOut) return;
        if (!isOnline()) {
          // No network at all: no attempt (the item stays undoable); the `online` event wakes us.
          reachable = false;
          schedule(backoffDelay(++failures));
          return;
        }
        const claim = await claimBatch(personId, batchSize, locks ? null : { owner: tabId, now: Date.now() });
        if (claim.kind === 'busy') {
          schedule(Math.min(Math.max(200, claim.until - Date.now()), 2000), false);
          return;
        }
        if (claim.batch.length === 0) break;
        const sentIds = new Set(claim.batch.map((i) => i.id));
        items = items.map((i) => claim.batch.find((b) => b.id === i.id) ?? i);
        setSending(true);
        let answer: Awaited<ReturnType<typeof postActivityBatch>>;
        try {
          answer = await api.postActivityBatch({
            items: claim.batch.map((i) => i.entry),
            // The hub keeps this report only when the batch went through: then "now" is the last sync.
            ...(withClient ? { client: { personId, campaignId, queueLength: claim.after, lastSyncAt: serverNow().toISOString() } } : {}),
          });
        } catch (err) {
          setSending(false);
          const decision = decideFailure(err instanceof ApiError ? err.problem : { kind: 'unreachable' }, failures + 1);
          if (decision.kind === 'drop-client') {
            withClient = false;
            continue;
          }
          if (decision.kind === 'signed-out') {
            signedOut = true;
            reachable = true;
            clearTimer();
            publish();
            return;
          }
          if (decision.counts) failures += 1;
          reachable = decision.reachable;
          if (!decision.counts) notBefore = Date.now() + decision.delayMs;
          schedule(decision.delayMs);
          return;
        }
        setSending(false);
        const at = serverNow().toISOString();
        const settlement = settle(claim.batch, Array.isArray(answer?.results) ? answer.results : [], at);
        await applySettlement(settlement);
        failures = 0;
        reachable = true;
        batches += 1;
        await setLastSync(at);
        await changed(true);
        if (settlement.unanswered.length === sentIds.size) {
          // An answer that names none of them: don't spin, wait as after a failure.
          schedule(backoffDelay(++failures));
          return;
        }
      }
      if (batches === 0) await reportStatus();
    } finally {
      setSending(false);
      if (!locks) await releaseLease(tabId).catch(() => {});
    }
  }

  /** One send loop at a time in this tab; a request meanwhile runs it again after. */
  function run(): Promise<void> {
    if (disposed || signedOut) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    const wait = notBefore - Date.now();
    if (wait > 0) {
      if (!timer) schedule(wait);
      return Promise.resolve();
    }
    clearTimer();
    running = (async () => {
      try {
        do {
          again = false;
          await exclusive(sendAll);
        } while (again && !disposed && !signedOut && !timer);
      } catch (err) {
        if (disposed || (err instanceof DOMException && err.name === 'AbortError')) return;
        // IndexedDB trouble or a bug: try again later rather than never.
        console.warn('outbox: send failed', err);
        schedule(backoffDelay(++failures));
      } finally {
        running = null;
        publish();
      }
    })();
    return running;
  }

  const onOnline = () => {
    publish();
    void run();
  };
  const onOffline = () => publish();
  const onVisible = () => {
    if (document.visibilityState === 'visible' && summarize(items, personId).waiting.length > 0) void run();
  };
  const onMessage = (event: MessageEvent<Message>) => {
    const message = event.data;
    if (message?.type === 'sending') {
      remoteSendingUntil = message.sending ? Date.now() + REMOTE_SENDING_MS : 0;
      publish();
    } else if (message?.type === 'changed') {
      if (message.answered) reachable = true;
      void reload().catch(() => {});
      if (message.queued && !timer && !running && !signedOut) schedule(STRANDED_CHECK_MS, false);
    }
  };
  if (typeof window !== 'undefined') {
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
  }
  if (typeof document !== 'undefined') document.addEventListener('visibilitychange', onVisible);
  channel?.addEventListener('message', onMessage);

  const clockReady = installServerClock();
  const ready = (async () => {
    await clockReady;
    await reload();
  })();
  ready
    .then(() => {
      void run();
      return askPersistence();
    })
    .then((granted) => {
      persisted = granted;
      publish();
    })
    .catch((err: unknown) => console.warn('outbox: cannot open the queue', err));

  return {
    status,
    ready,

    async enqueue(input) {
      await clockReady;
      const id = newId();
      const entry = { ...input, id, occurredAt: serverNow().toISOString(), personId: input.personId ?? personId, campaignId: input.campaignId ?? campaignId } as ActivityInput;
      lastQueuedAt = Math.max(Date.now(), lastQueuedAt + 1);
      const item: OutboxItem = { id, entry, queuedAt: lastQueuedAt, attempts: 0, state: 'waiting' };
      await addItem(item); // committed: the tap is safe
      // Shown at once; a re-read started before the write would miss it, so it is outdated and re-run.
      items = [...items.filter((i) => i.id !== id), item];
      publish();
      void reload().catch(() => {});
      tell({ type: 'changed', queued: true });
      void run();
      return item;
    },

    async undo(id) {
      const result = await removeIfUnsent(id);
      await changed();
      return result;
    },

    async dismiss(id) {
      await dismissRefused(id);
      await changed();
    },

    flush() {
      signedOut = false;
      publish();
      return run();
    },

    async hasUnsent() {
      return summarize(await readOutbox(), personId).waiting.length > 0;
    },

    dispose() {
      if (disposed) return;
      disposed = true;
      clearTimer();
      lockWait.abort();
      if (localSending) tell({ type: 'sending', sending: false });
      if (typeof window !== 'undefined') {
        window.removeEventListener('online', onOnline);
        window.removeEventListener('offline', onOffline);
      }
      if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', onVisible);
      channel?.removeEventListener('message', onMessage);
      channel?.close();
    },
  };
}
