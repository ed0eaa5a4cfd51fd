import type { Server, Socket } from 'socket.io';
import type { Ack, ClientToServerEvents, LiveScope, LiveSnapshot, LiveSubscribe, LiveTier, LiveView, ServerToClientEvents } from '@xk/contract';
import { diffPatch } from '@xk/domain';
import { type CampaignAggregates, scopeKey } from './campaign-aggregates';
import type { LiveService } from './live-service';

export type LiveServer = Server<ClientToServerEvents, ServerToClientEvents>;
type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

/** How often each tier's changed rooms are flushed: boards ≤ 10/s, phones ≤ 1/s. */
export const flushIntervalMs: Record<LiveTier, number> = { board: 100, phone: 1000 };

export const roomName = (tier: LiveTier, campaignId: number, scope: LiveScope) => `${tier}:${campaignId}:${scopeKey(scope)}`;

function parseRoom(room: string): { tier: LiveTier; campaignId: number; key: string; scope: LiveScope } | null {
  const m = /^(board|phone):(\d+):([uspt])(\d+)$/.exec(room);
  if (!m) return null;
  const kind = ({ u: 'unit', s: 'station', t: 'team', p: 'person' } as const)[m[3] as 'u' | 's' | 't' | 'p'];
  return { tier: m[1] as LiveTier, campaignId: Number(m[2]), key: `${m[3]}${m[4]}`, scope: { kind, id: Number(m[4]) } };
}

interface Sent {
  seq: number;
  view: LiveView;
  feedSeq: number;
}

/**
 * Rooms of live views, coalesced: a change marks the rooms that show it dirty, and each tier's
 * dirty rooms are flushed on a fixed beat with one message per room (a merge patch against what the
 * room was last sent), encoded once and sent with `io.local`, whatever the write rate.
 */
export function createLiveRooms(io: LiveServer, live: LiveService) {
  const sent = new Map<string, Sent>();
  const dirty: Record<LiveTier, Set<string>> = { board: new Set(), phone: new Set() };
  /** Live rooms by campaign, then by scope key: a change finds its rooms without scanning every room of the server. */
  const watched = new Map<number, Map<string, Set<string>>>();

  function watch(room: string) {
    const r = parseRoom(room)!;
    const byKey = watched.get(r.campaignId) ?? watched.set(r.campaignId, new Map()).get(r.campaignId)!;
    (byKey.get(r.key) ?? byKey.set(r.key, new Set()).get(r.key)!).add(room);
  }

  live.events.on('changed', (campaignId, keys) => {
    const byKey = watched.get(campaignId);
    if (!byKey) return;
    const mark = (rooms: Set<string>) => {
      for (const room of rooms) dirty[room.startsWith('board') ? 'board' : 'phone'].add(room);
    };
    if (keys === 'all') for (const rooms of byKey.values()) mark(rooms);
    else for (const key of keys) {
      const rooms = byKey.get(key);
      if (rooms) mark(rooms);
    }
  });
  io.of('/').adapter.on('delete-room', (room: string) => {
    if (!sent.delete(room)) return;
    dirty.board.delete(room);
    dirty.phone.delete(room);
    const r = parseRoom(room);
    const rooms = r ? watched.get(r.campaignId)?.get(r.key) : undefined;
    rooms?.delete(room);
    if (r && rooms?.size === 0) watched.get(r.campaignId)!.delete(r.key);
  });

  function flushRoom(room: string, aggregates: CampaignAggregates) {
    const r = parseRoom(room);
    const last = sent.get(room);
    if (!r || !last) return;
    const view = aggregates.view(r.scope);
    const patch = diffPatch(last.view as unknown as Record<string, unknown>, view as unknown as Record<string, unknown>);
    const feed = aggregates.feedFor(r.scope, last.feedSeq);
    if (Object.keys(patch).length === 0 && feed.length === 0) return;
    const seq = aggregates.appliedSeq;
    sent.set(room, { seq, view, feedSeq: feed[0]?.seq ?? last.feedSeq });
    io.local.to(room).emit('live:changed', { room, seq, prevSeq: last.seq, patch, feed });
  }

  function flush(tier: LiveTier) {
    const rooms = [...dirty[tier]];
    dirty[tier].clear();
    for (const room of rooms) {
      const r = parseRoom(room);
      const aggregates = r && live.built(r.campaignId);
      if (aggregates) flushRoom(room, aggregates);
    }
  }
  const timers = (Object.keys(flushIntervalMs) as LiveTier[]).map((tier) => setInterval(() => flush(tier), flushIntervalMs[tier]));

  async function subscribe(socket: LiveSocket, req: LiveSubscribe): Promise<Ack<LiveSnapshot>> {
    const aggregates = req.scope.kind === 'unit' ? await live.withUnit(req.campaignId, req.scope.id) : await live.aggregates(req.campaignId);
    if (!aggregates) return { error: 'not_found', message: `campaign ${req.campaignId} not found`, field: 'campaignId' };
    if (req.scope.kind === 'unit' && !aggregates.hasUnit(req.scope.id)) return { error: 'not_found', message: `unit ${req.scope.id} not found`, field: 'scope.id' };
    await live.settled();
    // From here on nothing awaits: the snapshot and the room's next delta follow one another exactly.
    const current = live.built(req.campaignId) ?? aggregates;
    const room = roomName(req.tier ?? 'board', req.campaignId, req.scope);
    if (sent.has(room)) flushRoom(room, current); // members get what is pending before the newcomer's snapshot
    else {
      const feed = current.feedFor(req.scope, 0, 1);
      sent.set(room, { seq: current.appliedSeq, view: current.view(req.scope), feedSeq: feed[0]?.seq ?? 0 });
      watch(room);
    }
    const last = sent.get(room)!;
    void socket.join(room);
    return { data: { room, seq: last.seq, view: last.view, feed: current.feedFor(req.scope, 0, 30).filter((f) => f.seq <= last.feedSeq) } };
  }

  return {
    subscribe,
    unsubscribe: (socket: LiveSocket, room: string) => socket.leave(room),
    close() {
      for (const t of timers) clearInterval(t);
    },
  };
}
export type LiveRooms = ReturnType<typeof createLiveRooms>;
