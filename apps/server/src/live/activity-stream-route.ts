import type { FastifyPluginAsync } from 'fastify';
import type { CommittedBatch } from '../activity/activity-service';

/**
 * A raw WebSocket feed of a campaign's committed activity as JSON, for systems that do not speak
 * Socket.IO (served by @fastify/websocket beside Socket.IO). No resident data is ever in a row.
 */
export const activityStreamRoute: FastifyPluginAsync = async (app) => {
  app.get<{ Querystring: { campaignId?: string } }>('/activity/stream', { websocket: true, schema: { hide: true } }, (socket, req) => {
    const campaignId = Number(req.query.campaignId);
    if (!Number.isInteger(campaignId) || campaignId <= 0) {
      socket.close(1008, 'campaignId must be a positive integer');
      return;
    }
    const onCommitted = (batch: CommittedBatch) => {
      if (batch.campaignId !== campaignId || socket.readyState !== socket.OPEN) return;
      const rows = batch.rows.map((r) => ({
        id: r.id, seq: r.seq, kind: r.kind, unitId: r.unitId, stationId: r.stationId ?? null, teamId: r.teamId ?? null,
        tally: r.tally ?? null, serviceCode: r.serviceCode ?? null, beneficiary: r.beneficiary ?? null, sessionKind: r.sessionKind ?? null,
        quantity: r.quantity ?? 0, attendance: r.attendance ?? 0, occurredAt: (r.occurredAt as Date).toISOString(),
      }));
      socket.send(JSON.stringify({ type: 'activity', campaignId, seq: batch.seq, rows }));
    };
    app.services.activity.events.on('committed', onCommitted);
    socket.on('close', () => app.services.activity.events.off('committed', onCommitted));
    socket.send(JSON.stringify({ type: 'hello', campaignId }));
  });
};
