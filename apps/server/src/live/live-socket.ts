import type { FastifyInstance } from 'fastify';
import type { LiveScope, LiveSubscribe, LiveTier } from '@xk/contract';
import { createLiveRooms } from './live-rooms';

const scopeKinds: ReadonlyArray<LiveScope['kind']> = ['unit', 'station', 'team', 'person'];
const tiers: readonly LiveTier[] = ['board', 'phone'];
const isId = (v: unknown): v is number => Number.isInteger(v) && (v as number) > 0 && (v as number) <= 2147483647;

/** Checks a subscription as it arrives from the wire (anything may arrive); returns what is wrong. */
export function checkSubscribe(req: unknown): string | null {
  const r = req as Partial<LiveSubscribe> | null;
  if (typeof r !== 'object' || r === null) return 'the request must be an object';
  if (!isId(r.campaignId)) return 'campaignId must be a positive integer';
  if (typeof r.scope !== 'object' || r.scope === null || !scopeKinds.includes(r.scope.kind)) return `scope.kind must be one of ${scopeKinds.join(', ')}`;
  if (!isId(r.scope.id)) return 'scope.id must be a positive integer';
  if (r.tier !== undefined && !tiers.includes(r.tier)) return `tier must be one of ${tiers.join(', ')}`;
  return null;
}

/** Socket handlers of the live views: `live:subscribe` answers with a snapshot, then the room's deltas follow. */
export function registerLiveSockets(app: FastifyInstance) {
  const rooms = createLiveRooms(app.io, app.live);
  app.io.on('connection', (socket) => {
    socket.on('live:subscribe', async (req, ack) => {
      if (typeof ack !== 'function') return;
      const problem = checkSubscribe(req);
      if (problem) return ack({ error: 'validation', message: problem });
      try {
        ack(await rooms.subscribe(socket, req));
      } catch (err) {
        app.log.error({ err }, 'live:subscribe failed');
        ack({ error: 'internal', message: 'could not subscribe' });
      }
    });
    socket.on('live:unsubscribe', (req, ack) => {
      if (typeof req?.room === 'string') void rooms.unsubscribe(socket, req.room);
      if (typeof ack === 'function') ack({ data: true });
    });
  });
  app.addHook('onClose', async () => rooms.close());
  return rooms;
}
