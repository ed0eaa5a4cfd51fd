import type { Server, Socket } from 'socket.io';
import type { Ack, ClientToServerEvents, LiveScope, LiveSnapshot, LiveSubscribe, LiveTier, LiveView, RosterSnapshot, RosterSubscribe, RosterView, ServerToClientEvents } from '@xk/contract';
import { diffPatch } from '@xk/domain';
import { type CampaignAggregates, scopeKey } from './campaign-aggregates';
import { type LiveService, rosterKey } from './live-service';

export type LiveServer = Server<ClientToServerEvents, ServerToClientEvents>;
type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

/** A room's kind: the totals of a board or a phone, or a coordinator's roster of a unit. */
type RoomTier = LiveTier | 'roster';

/** How often each tier's changed rooms are flushed: boards ≤ 10/s, phones ≤ 1/s, rosters ≤ 4/s. */
export const flushIntervalMs: Record<RoomTier, number> = { board: 100, phone: 1000, roster: 250 };
/** What a roster shows also moves with the clock (a shift starting): its rooms are looked at this often anyway. */
const rosterClockMs = 10_000;

export const roomName = (tier: RoomTier, campaignId: number, scope: LiveScope) => `${tier}:${campaignId}:${scopeKey(scope)}`;

function parseRoom(room: string): { tier: RoomTier; campaignId: number; key: string; scope: LiveScope } | null {
  const m = /^(board|phone|roster):(\d+):([uspt])(\d+)$/.exec(room);
  if (!m) return null;
  const kind = ({ u: 'unit', s: 'station', t: 'team', p: 'person' } as const)[m[3] as 'u' | 's' | 't' | 'p'];
  return { tier: m[1] as RoomTier, campaignId: Number(m[2]), key: `${m[3]}${m[4]}`, scope: { kind, id: Number(m[4]) } };
}

interface Sent {
  seq: number;
  view: LiveView | RosterView;
  feedSeq: number;
}

/**
 * Rooms of live views, coalesced: a change marks the rooms that show it dirty, and each tier's
 * dirty rooms are flushed on a fixed beat with one message per room (a merge patch against what the
 * room was last sent), encoded once and sent with `io.local`, whatever the write rate.
 */
export function createLiveRooms(io: LiveServer, live: LiveService) {
  const sent = new Map<string, Sent>();
  const dirty: Record<RoomTier, Set<string>> = { board: new Set(), phone: new Set(), roster: new Set() };
  /** Live rooms by campaign, then by scope key: a change finds its rooms without scanning every room of the server. */
  const watched = new Map<number, Map<string, Set<string>>>();

  /** Registers a room under the scope whose changes it shows; a roster shows every change of its campaign. */
  function watch(room: string) {
    const r = parseRoom(room)!;
    const key = r.tier === 'roster' ? rosterKey : r.key;
    const byKey = watched.get(r.campaignId) ?? watched.set(r.campaignId, new Map()).get(r.campaignId)!;
    (byKey.get(key) ?? byKey.set(key, new Set()).get(key)!).add(room);
  }
  const tierOf = (room: string): RoomTier => (room.startsWith('board') ? 'board' : room.startsWith('roster') ? 'roster' : 'phone');

  live.events.on('changed', (campaignId, keys) => {
    const byKey = watched.get(campaignId);
    if (!byKey) return;
    const mark = (rooms: Set<string>) => {
      for (const room of rooms) dirty[tierOf(room)].add(room);
    };
    if (keys === 'all') for (const rooms of byKey.values()) mark(rooms);
    else {
      for (const key of keys) {
        const rooms = byKey.get(key);
        if (rooms) mark(rooms);
      }
      // A roster shows every change of its campaign (dirty is a set: marking twice is once).
      const rosters = byKey.get(rosterKey);
      if (rosters) mark(rosters);
    }
  });
  io.of('/').adapter.on('delete-room', (room: string) => {
    if (!sent.delete(room)) return;
    for (const rooms of Object.values(dirty)) rooms.delete(room);
    const r = parseRoom(room);
    const key = r?.tier === 'roster' ? rosterKey : r?.key;
    const rooms = r && key ? watched.get(r.campaignId)?.get(key) : undefined;
    rooms?.delete(room);
    if (r && key && rooms?.size === 0) {
      watched.get(r.campaignId)!.delete(key);
      if (key === rosterKey) live.forgetRoster(r.campaignId);
    }
  });

  function flushRoom(room: string, aggregates: CampaignAggregates) {
    const r = parseRoom(room);
    const last = sent.get(room);
    if (!r || !last) return;
    const view = r.tier === 'roster' ? live.rosterView(r.campaignId, r.scope.id) : aggregates.view(r.scope);
    if (!view) return;
    const patch = diffPatch(last.view as unknown as Record<string, unknown>, view as unknown as Record<string, unknown>);
    const feed = r.tier === 'roster' ? [] : aggregates.feedFor(r.scope, last.feedSeq);
    if (Object.keys(patch).length === 0 && feed.length === 0) return;
    // A roster changes with more than the log (a phone's report, an acknowledgement): its room counts its own versions.
    const seq = r.tier === 'roster' ? last.seq + 1 : aggregates.appliedSeq;
    sent.set(room, { seq, view, feedSeq: feed[0]?.seq ?? last.feedSeq });
    io.local.to(room).emit('live:changed', { room, seq, prevSeq: last.seq, patch, feed });
  }

  function flush(tier: RoomTier) {
    const rooms = [...dirty[tier]];
    dirty[tier].clear();
    for (const room of rooms) {
      const r = parseRoom(room);
      const aggregates = r && live.built(r.campaignId);
      if (aggregates) flushRoom(room, aggregates);
    }
  }
  const timers = (Object.keys(flushIntervalMs) as RoomTier[]).map((tier) => setInterval(() => flush(tier), flushIntervalMs[tier]));
  timers.push(
    setInterval(() => {
      for (const byKey of watched.values()) for (const room of byKey.get(rosterKey) ?? []) dirty.roster.add(room);
    }, rosterClockMs),
  );

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
    return { data: { room, seq: last.seq, view: last.view as LiveView, feed: current.feedFor(req.scope, 0, 30).filter((f) => f.seq <= last.feedSeq) } };
  }

  /** A coordinator's roster of a unit: the snapshot, then the room's deltas, in order. */
  async function subscribeRoster(socket: LiveSocket, req: RosterSubscribe): Promise<Ack<RosterSnapshot>> {
    const aggregates = await live.withUnit(req.campaignId, req.unitId);
    if (!aggregates) return { error: 'not_found', message: `campaign ${req.campaignId} not found`, field: 'campaignId' };
    if (!aggregates.hasUnit(req.unitId)) return { error: 'not_found', message: `unit ${req.unitId} not found`, field: 'unitId' };
    if (!(await live.roster(req.campaignId))) return { error: 'not_found', message: `campaign ${req.campaignId} not found`, field: 'campaignId' };
    await live.settled();
    // From here on nothing awaits: the snapshot and the room's next delta follow one another exactly.
    const current = live.built(req.campaignId) ?? aggregates;
    const room = roomName('roster', req.campaignId, { kind: 'unit', id: req.unitId });
    if (sent.has(room)) flushRoom(room, current);
    else {
      const view = live.rosterView(req.campaignId, req.unitId);
      if (!view) return { error: 'not_found', message: `unit ${req.unitId} not found`, field: 'unitId' };
      sent.set(room, { seq: 1, view, feedSeq: 0 });
      watch(room);
    }
    const last = sent.get(room)!;
    void socket.join(room);
    return { data: { room, seq: last.seq, view: last.view as RosterView } };
  }

  return {
    subscribe,
    subscribeRoster,
    unsubscribe: (socket: LiveSocket, room: string) => socket.leave(room),
    close() {
      for (const t of timers) clearInterval(t);
    },
  };
}
export type LiveRooms = ReturnType<typeof createLiveRooms>;
