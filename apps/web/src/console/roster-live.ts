// A unit's roster, pushed by the hub: a snapshot, then merge patches applied in order by the shared
// state machine; a gap or a new connection asks for a fresh snapshot, so nothing is shown twice or
// missed. The store is reconciled record by record, so a changed person re-renders that row only.
import type { RosterView } from '@xk/contract';
import { createLiveState } from '@xk/domain';
import { batch, createSignal, onCleanup } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { openLiveSocket, unsubscribeLive } from '../lib/live-socket';

const RETRY_MS = 2000;
const SUBSCRIBE_TIMEOUT_MS = 10_000;

export type RosterStatus = 'loading' | 'ready' | 'forbidden' | 'error';

export function createRosterLive(options: { campaignId: () => number; unitId: () => number | null; onUnauthorized: () => void }) {
  const [view, setView] = createStore<{ current: RosterView | null }>({ current: null });
  const [isLive, setLive] = createSignal(false);
  const [status, setStatus] = createSignal<RosterStatus>('loading');
  const [problem, setProblem] = createSignal<string | null>(null);
  const [updatedAt, setUpdatedAt] = createSignal<number | null>(null);
  const { socket, close } = openLiveSocket();
  const state = createLiveState<RosterView, never>(0);
  let room: string | null = null;
  let generation = 0;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;

  const publish = () => {
    const current = state.get();
    if (!current) return;
    batch(() => {
      setView('current', reconcile(structuredClone(current.view), { merge: true }));
      setUpdatedAt(Date.now());
    });
  };

  async function subscribe(): Promise<void> {
    clearTimeout(retry);
    const unitId = options.unitId();
    if (unitId === null || !socket.connected || disposed) return;
    const gen = ++generation;
    let answer;
    try {
      answer = await socket.timeout(SUBSCRIBE_TIMEOUT_MS).emitWithAck('roster:subscribe', { campaignId: options.campaignId(), unitId });
    } catch {
      if (gen === generation) retry = setTimeout(() => void subscribe(), RETRY_MS);
      return;
    }
    if (gen !== generation || disposed) {
      if ('data' in answer && answer.data.room !== room) unsubscribeLive(socket, answer.data.room);
      return;
    }
    if ('error' in answer) {
      setLive(false);
      setProblem(answer.message);
      setStatus(answer.error === 'forbidden' ? 'forbidden' : 'error');
      if (answer.error === 'unauthorized') options.onUnauthorized();
      else retry = setTimeout(() => void subscribe(), RETRY_MS * 3);
      return;
    }
    room = answer.data.room;
    state.snapshot({ ...answer.data, feed: [] });
    batch(() => {
      publish();
      setLive(true);
      setProblem(null);
      setStatus('ready');
    });
  }

  /** Follows another unit or campaign: leaves the old room, forgets its view, subscribes. */
  function follow() {
    if (room) unsubscribeLive(socket, room);
    room = null;
    state.reset();
    generation++;
    batch(() => {
      setView('current', null);
      setStatus('loading');
      setLive(false);
    });
    void subscribe();
  }

  socket.on('connect', () => void subscribe());
  socket.on('disconnect', () => setLive(false));
  socket.on('connect_error', (err) => {
    setLive(false);
    if (err.message === 'unauthorized') options.onUnauthorized();
  });
  socket.on('live:changed', (delta) => {
    const outcome = state.delta({ ...delta, feed: [] });
    if (outcome === 'applied') publish();
    else if (outcome === 'gap') void subscribe();
  });

  onCleanup(() => {
    disposed = true;
    clearTimeout(retry);
    close();
  });

  return {
    /** The roster as last pushed; null until the first snapshot of what is followed. */
    view: () => view.current,
    isLive,
    status,
    problem,
    updatedAt,
    follow,
  };
}
export type RosterLive = ReturnType<typeof createRosterLive>;
