import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { eq } from 'drizzle-orm';
import type { ActivityRecord } from '@xk/contract';
import { schema } from '@xk/db';
import { type Access, seesUnit } from '../auth/access';
import { sameOrigin } from '../auth/auth-plugin';
import { scopesOf, unitPaths } from '../auth/scope';
import { sessionSweepMs } from './live-socket';

const campaignOf = (req: FastifyRequest) => Number((req.query as { campaignId?: string }).campaignId);

/**
 * Coordinators and integration tokens whose subtree overlaps the campaign's scope unit; each
 * receives the rows of its own subtree only (a district's coordinator: the district's rows of a
 * province campaign). Hooks run on the upgrade request: a refused caller gets 401/403, not a socket.
 */
const stream: Access = {
  role: 'coordinator',
  overlaps: async (req, u) => [await u.campaign(campaignOf(req))],
  screens: ['token'],
  filtered: "rows counted in units the caller coordinates (a token: its own subtree)",
};

/** A row as the feed sends it: the log's own fields, no resident data (there is none to send). */
const toStreamRow = (r: ActivityRecord) => ({
  id: r.id, seq: r.seq, kind: r.kind, unitId: r.unitId, stationId: r.stationId, teamId: r.teamId, tally: r.tally, serviceCode: r.serviceCode,
  beneficiary: r.beneficiary, sessionKind: r.sessionKind, quantity: r.quantity, attendance: r.attendance, occurredAt: r.occurredAt,
});

/**
 * A raw WebSocket feed of a campaign's committed activity as JSON, for systems that do not speak
 * Socket.IO (served by @fastify/websocket beside Socket.IO). No resident data is ever in a row.
 */
export const activityStreamRoute: FastifyPluginAsync = async (app) => {
  const db = app.database.db;
  /** Unit paths by id, shared by every socket; a change to the tree forgets them. */
  const paths = new Map<number, string>();
  const forget = () => paths.clear();
  app.services.units.events.on('tree-changed', forget);
  // Open feeds by session: a revoked token or signed-out person loses its feed within the sweep.
  const open = new Map<{ close(code: number, reason: string): void }, number>();
  const sweep = setInterval(() => {
    if (open.size === 0) return;
    void app.auth.endedSessions([...new Set(open.values())]).then(
      (ended) => {
        const gone = new Set(ended);
        for (const [socket, sessionId] of open) if (gone.has(sessionId)) socket.close(1008, 'session ended');
      },
      (err: unknown) => app.log.warn({ err }, 'activity stream: session sweep failed'),
    );
  }, sessionSweepMs);
  sweep.unref();
  app.addHook('onClose', async () => {
    clearInterval(sweep);
    app.services.units.events.off('tree-changed', forget);
  });

  app.get<{ Querystring: { campaignId?: string } }>('/activity/stream', { websocket: true, config: { access: stream }, schema: { hide: true } }, (socket, req) => {
    const actor = req.actor!;
    // Browsers send cookies with a WebSocket from any page: a cookie-carried session must come from our own pages.
    if (req.actorVia === 'cookie' && !sameOrigin(req.headers.origin, req.headers.host)) {
      socket.close(1008, 'Cross-site request refused');
      return;
    }
    const campaignId = Number(req.query.campaignId);
    if (!Number.isInteger(campaignId) || campaignId <= 0) {
      socket.close(1008, 'campaignId must be a positive integer');
      return;
    }
    const everything = actor.kind === 'person' && scopesOf(actor, 'coordinator').includes(null);
    const visible = async (rows: ActivityRecord[]) => {
      if (everything) return rows;
      const missing = [...new Set(rows.map((r) => r.unitId))].filter((id) => !paths.has(id));
      if (missing.length) for (const [id, path] of await unitPaths(db, missing)) paths.set(id, path);
      return rows.filter((r) => {
        const path = paths.get(r.unitId);
        return path !== undefined && seesUnit(actor, 'coordinator', path);
      });
    };
    // The log is read from the database after the last sequence number sent, whenever this hub's
    // live totals of the campaign move — commits here and, through the cluster feed, on other hubs.
    // `afterSeq` resumes a reader from where it left off; by default the feed starts now.
    const asked = Number((req.query as { afterSeq?: string }).afterSeq);
    let lastSeq = Number.isInteger(asked) && asked >= 0 ? asked : -1;
    let pulling: Promise<void> | null = null;
    let again = false;
    const pull = async () => {
      for (;;) {
        const rows = await app.services.activity.list(campaignId, { afterSeq: lastSeq, limit: 1000 });
        if (rows.length === 0 || socket.readyState !== socket.OPEN) return;
        lastSeq = rows[rows.length - 1]!.seq;
        const mine = await visible(rows);
        // The sequence number advances even when none of the rows are the caller's: a reader sees it is up to date.
        socket.send(JSON.stringify({ type: 'activity', campaignId, seq: lastSeq, rows: mine.map(toStreamRow) }));
        if (rows.length < 1000) return;
      }
    };
    const schedule = () => {
      if (pulling) {
        again = true;
        return;
      }
      pulling = pull()
        .catch((err: unknown) => app.log.error({ err }, 'activity stream: reading the log failed'))
        .finally(() => {
          pulling = null;
          if (again) {
            again = false;
            schedule();
          }
        });
    };
    const onChanged = (changed: number) => {
      if (changed === campaignId) schedule();
    };
    app.live.events.on('changed', onChanged);
    // Where the feed starts (now, unless `afterSeq`), then hello: rows committed after it are sent.
    const start = async () => {
      const [row] = await db.select({ seq: schema.campaigns.seq }).from(schema.campaigns).where(eq(schema.campaigns.id, campaignId));
      if (!row) return socket.close(1008, `campaign ${campaignId} not found`);
      if (lastSeq < 0) lastSeq = Number(row.seq);
      socket.send(JSON.stringify({ type: 'hello', campaignId, seq: lastSeq }));
      // Watching the campaign's live totals is what brings other hubs' commits here.
      await app.live.aggregates(campaignId);
      schedule();
    };
    start().catch((err: unknown) => {
      app.log.error({ err }, 'activity stream: start failed');
      socket.close(1011, 'could not start');
    });
    open.set(socket, actor.sessionId);
    socket.on('close', () => {
      open.delete(socket);
      app.live.events.off('changed', onChanged);
    });
  });
};
