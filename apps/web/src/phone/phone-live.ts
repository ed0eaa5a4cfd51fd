// The phone's live figures: a few rooms (me, my station or team, the campaign's unit) on one socket,
// plus the pushes meant for me (a move, a message). Each room goes through the shared state machine:
// a snapshot, then deltas in order; a gap or a new connection asks for a fresh snapshot.
import type { FeedItem, LiveScope, LiveView, MessageNotice, MoveNotice } from '@xk/contract';
import { createLiveState } from '@xk/domain';
import { createSignal, onCleanup } from 'solid-js';
import type { LiveSocket } from '../lib/live-socket';

// Socket.IO's client is loaded after the first render (its own chunk): a phone on slow 3G sees its
// day before the live figures' code has arrived.
type LiveSocketModule = typeof import('../lib/live-socket');

const RETRY_MS = 3000;

export interface PhoneLiveOptions {
  campaignId: number;
  /** The rooms to follow, by a name the screen reads them by. */
  scopes: () => Record<string, LiveScope | null>;
  onMove?: (move: MoveNotice) => void;
  onMessage?: (message: MessageNotice) => void;
  /** Called on every (re)connection: the place to catch up on what was pushed while away. */
  onConnect?: () => void;
  onUnauthorized?: () => void;
}

interface Room {
  key: string;
  scope: LiveScope;
  state: ReturnType<typeof createLiveState<LiveView, FeedItem>>;
  room: string | null;
  generation: number;
}

const keyOf = (scope: LiveScope) => `${scope.kind}:${scope.id}`;

export function createPhoneLive(options: PhoneLiveOptions) {
  // A signal, not a store: a phone's views change at most once a second, and solid-js/store would add
  // its weight to the first load on a slow link.
  const [views, setViews] = createSignal<Readonly<Record<string, LiveView | undefined>>>({});
  const setView = (name: string, view: LiveView | undefined) => setViews((all) => ({ ...all, [name]: view }));
  /** The followed room's view by its name in `scopes()`; undefined until its snapshot arrives. */
  const view = (name: string): LiveView | undefined => views()[name];
  const [connected, setConnected] = createSignal(false);
  const rooms = new Map<string, Room>(); // by name
  let disposed = false;
  let socket: LiveSocket | undefined;
  let live: LiveSocketModule | undefined;
  let close = () => {};

  const publish = (name: string, room: Room) => setView(name, room.state.get()?.view);

  async function subscribe(name: string, room: Room): Promise<void> {
    if (!socket?.connected || !live || disposed) return;
    const gen = ++room.generation;
    let answer;
    try {
      answer = await live.subscribeLive(socket, { campaignId: options.campaignId, scope: room.scope, tier: 'phone' });
    } catch {
      if (gen === room.generation) setTimeout(() => void subscribe(name, room), RETRY_MS);
      return;
    }
    if (gen !== room.generation || rooms.get(name) !== room || disposed) {
      if ('data' in answer) live.unsubscribeLive(socket, answer.data.room);
      return;
    }
    if ('error' in answer) {
      if (answer.error === 'unauthorized') options.onUnauthorized?.();
      else setTimeout(() => gen === room.generation && void subscribe(name, room), RETRY_MS * 3);
      return;
    }
    room.room = answer.data.room;
    room.state.snapshot(answer.data);
    publish(name, room);
  }

  /** Follows exactly the rooms `scopes()` names now: leaves the others, joins the new ones. */
  function follow() {
    const wanted = options.scopes();
    for (const [name, room] of rooms) {
      const scope = wanted[name];
      if (!scope || keyOf(scope) !== room.key) {
        if (room.room && socket && live) live.unsubscribeLive(socket, room.room);
        room.generation++;
        rooms.delete(name);
        setView(name, undefined);
      }
    }
    for (const [name, scope] of Object.entries(wanted)) {
      if (!scope || rooms.has(name)) continue;
      const room: Room = { key: keyOf(scope), scope, state: createLiveState<LiveView, FeedItem>(5), room: null, generation: 0 };
      rooms.set(name, room);
      void subscribe(name, room);
    }
  }

  function wire(module: LiveSocketModule) {
    live = module;
    const opened = module.openLiveSocket();
    const s = (socket = opened.socket);
    close = opened.close;
    s.on('connect', () => {
      setConnected(true);
      for (const [name, room] of rooms) {
        room.state.reset();
        room.room = null;
        void subscribe(name, room);
      }
      options.onConnect?.();
    });
    s.on('disconnect', () => setConnected(false));
    s.on('connect_error', (err) => {
      setConnected(false);
      if (err.message === 'unauthorized') options.onUnauthorized?.();
    });
    s.on('live:changed', (delta) => {
      for (const [name, room] of rooms) {
        if (room.room !== delta.room) continue;
        const outcome = room.state.delta(delta);
        if (outcome === 'applied') publish(name, room);
        else if (outcome === 'gap') void subscribe(name, room);
      }
    });
    s.on('move:requested', (move) => options.onMove?.(move));
    s.on('message:posted', (message) => options.onMessage?.(message));
  }
  void import('../lib/live-socket').then((module) => {
    if (!disposed) wire(module);
  });

  onCleanup(() => {
    disposed = true;
    close();
  });

  return { view, connected, follow };
}
