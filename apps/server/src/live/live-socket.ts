import type { FastifyInstance } from 'fastify';
import type { LiveScope, LiveSubscribe, LiveTier, RosterSubscribe } from '@xk/contract';
import { unitLookups } from '../auth/access';
import { secretOf } from '../auth/auth-plugin';
import { mayWatch, mayWatchRoster } from '../auth/live-access';
import type { Actor } from '../auth/scope';
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

/** Checks a roster subscription as it arrives from the wire; returns what is wrong. */
export function checkRosterSubscribe(req: unknown): string | null {
  const r = req as Partial<RosterSubscribe> | null;
  if (typeof r !== 'object' || r === null) return 'the request must be an object';
  if (!isId(r.campaignId)) return 'campaignId must be a positive integer';
  if (!isId(r.unitId)) return 'unitId must be a positive integer';
  return null;
}

/** How often live sockets' sessions are checked for revocation (ms): a revoked session loses its sockets within this. */
export const sessionSweepMs = 3000;

/**
 * Socket handlers of the live views. The handshake authenticates (the session cookie, or
 * `auth.token`); `live:subscribe` checks the view is in the caller's scope, answers with a
 * snapshot, then the room's deltas follow. Sockets of a revoked or expired session are closed.
 */
export function registerLiveSockets(app: FastifyInstance) {
  const rooms = createLiveRooms(app.io, app.live);
  const lookups = unitLookups(app.database.db);
  app.io.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    const carried = secretOf({ authorization: typeof token === 'string' ? `Bearer ${token}` : socket.handshake.headers.authorization, cookie: socket.handshake.headers.cookie });
    if (!carried) return next(new Error('unauthorized'));
    app.auth.resolve(carried.secret).then(
      (actor) => {
        if (!actor) return next(new Error('unauthorized'));
        (socket.data as { actor?: Actor }).actor = actor;
        next();
      },
      (err: unknown) => {
        app.log.error({ err }, 'socket authentication failed');
        next(new Error('internal'));
      },
    );
  });
  const sweep = setInterval(() => {
    const sockets = [...app.io.of('/').sockets.values()];
    const ids = [...new Set(sockets.map((s) => (s.data as { actor?: Actor }).actor?.sessionId).filter((id): id is number => id !== undefined))];
    void app.auth.endedSessions(ids).then(
      (ended) => {
        const gone = new Set(ended);
        for (const s of sockets) if (gone.has((s.data as { actor?: Actor }).actor?.sessionId ?? -1)) s.disconnect(true);
      },
      (err: unknown) => app.log.warn({ err }, 'session sweep failed'),
    );
  }, sessionSweepMs);
  sweep.unref();
  app.io.on('connection', (socket) => {
    const actor = (socket.data as { actor: Actor }).actor;
    socket.on('live:subscribe', async (req, ack) => {
      if (typeof ack !== 'function') return;
      const problem = checkSubscribe(req);
      if (problem) return ack({ error: 'validation', message: problem });
      try {
        const refused = await mayWatch(app.database.db, lookups, actor, req);
        if (refused) return ack({ error: 'forbidden', message: refused });
        ack(await rooms.subscribe(socket, req));
      } catch (err) {
        app.log.error({ err }, 'live:subscribe failed');
        ack({ error: 'internal', message: 'could not subscribe' });
      }
    });
    socket.on('roster:subscribe', async (req, ack) => {
      if (typeof ack !== 'function') return;
      const problem = checkRosterSubscribe(req);
      if (problem) return ack({ error: 'validation', message: problem });
      try {
        const refused = await mayWatchRoster(app.database.db, actor, req);
        if (refused) return ack({ error: 'forbidden', message: refused });
        ack(await rooms.subscribeRoster(socket, req));
      } catch (err) {
        app.log.error({ err }, 'roster:subscribe failed');
        ack({ error: 'internal', message: 'could not subscribe' });
      }
    });
    socket.on('live:unsubscribe', (req, ack) => {
      if (typeof req?.room === 'string') void rooms.unsubscribe(socket, req.room);
      if (typeof ack === 'function') ack({ data: true });
    });
  });
  app.addHook('onClose', async () => {
    clearInterval(sweep);
    rooms.close();
  });
  return rooms;
}
