import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, FeedItem, LiveDelta, LiveSnapshot, LiveSubscribe, LiveView, RosterSubscribe, RosterView, ServerToClientEvents } from '@xk/contract';
import { createLiveState } from '@xk/domain';

export type LiveClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A Socket.IO client signed in as `caller` (its session secret as `auth.token`), or signed out with null. */
export function connect(url: string, caller: { secret: string } | null, transports: Array<'websocket' | 'polling'> = ['websocket']): Promise<LiveClientSocket> {
  const socket: LiveClientSocket = io(url, { transports, reconnection: true, reconnectionDelay: 100, forceNew: true, ...(caller ? { auth: { token: caller.secret } } : {}) });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/**
 * A subscription as a screen holds it: snapshot, then deltas through the shared state machine,
 * resubscribing on a gap or a reconnect. Counts what it received, and can drop a delta on purpose.
 */
export async function subscribe(socket: LiveClientSocket, request: LiveSubscribe) {
  const state = createLiveState<LiveView, FeedItem>();
  const counts = { deltas: 0, snapshots: 0, gaps: 0, seqs: [] as number[] };
  let dropNext = false;
  let room = '';
  async function resync() {
    const ack = await socket.emitWithAck('live:subscribe', request);
    if ('error' in ack) throw new Error(`${ack.error}: ${ack.message}`);
    counts.snapshots++;
    room = ack.data.room;
    state.snapshot(ack.data as LiveSnapshot);
  }
  socket.on('live:changed', (delta: LiveDelta) => {
    if (delta.room !== room) return;
    counts.deltas++;
    if (dropNext) {
      dropNext = false;
      return;
    }
    const outcome = state.delta(delta);
    if (outcome === 'applied') counts.seqs.push(delta.seq);
    if (outcome === 'gap') {
      counts.gaps++;
      void resync();
    }
  });
  socket.io.on('reconnect', () => void resync());
  await resync();
  return {
    state,
    counts,
    view: () => state.get()!.view,
    seq: () => state.get()!.seq,
    dropNextDelta: () => (dropNext = true),
  };
}

/** A coordinator's roster as the console holds it: snapshot, deltas in order, resubscribing on a gap or a reconnect. */
export async function subscribeRoster(socket: LiveClientSocket, request: RosterSubscribe) {
  const state = createLiveState<RosterView, never>();
  const counts = { deltas: 0, snapshots: 0, gaps: 0 };
  let room = '';
  async function resync() {
    const ack = await socket.emitWithAck('roster:subscribe', request);
    if ('error' in ack) throw new Error(`${ack.error}: ${ack.message}`);
    counts.snapshots++;
    room = ack.data.room;
    state.snapshot({ ...ack.data, feed: [] });
  }
  socket.on('live:changed', (delta: LiveDelta) => {
    if (delta.room !== room) return;
    counts.deltas++;
    if (state.delta({ ...delta, feed: [] }) === 'gap') {
      counts.gaps++;
      void resync();
    }
  });
  socket.io.on('reconnect', () => void resync());
  await resync();
  return { state, counts, view: () => state.get()!.view };
}

/** Polls `check` until it returns true, or fails with `message` after `ms` (generous: machines are noisy). */
export async function eventually(check: () => boolean | Promise<boolean>, message: () => string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`not reached within ${ms} ms: ${message()}`);
}
