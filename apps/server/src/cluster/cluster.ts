import { createHash, randomBytes } from 'node:crypto';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { FastifyInstance } from 'fastify';
import type { CommittedBatch } from '../activity/activity-service';
import { toAggregateRow } from '../live/live-service';
import { onServiceChanges } from '../live/service-changes';
import { createClusterFeed } from './cluster-feed';
import { type ClusterMessage, maxRowsPerMessage } from './cluster-messages';
import { closeRedis, duplicateRedis, openRedis, trackedRedis } from './redis-client';

export interface ClusterOptions {
  redisUrl: string;
  /** Names the deployment's keys in Redis: hubs with the same name are one hub. */
  name: string;
  /** This process, in logs and in the feed (random when absent). */
  nodeId?: string;
  /** How often the database is asked for each watched campaign's sequence, under the feed (ms). */
  probeMs?: number;
}

/**
 * The default deployment name: the database the hubs share (host, port, database name; never the
 * password). Hubs on one database are one deployment; two deployments on one Redis never mix.
 */
export function clusterNameFor(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  const id = `${url.hostname}:${url.port || 5432}${url.pathname}`;
  return createHash('sha256').update(id).digest('hex').slice(0, 12);
}

/**
 * Several hub processes serving as one, through Redis:
 * - the cluster feed (a stream) carries every change that moves live aggregates between nodes;
 *   each node flushes its own screens with `io.local`, so no board gets an update twice;
 * - the Socket.IO adapter (also on a stream, so it survives Redis restarts) carries only targeted
 *   emits: a move to a person, a message to a team;
 * - a probe of the database's sequence numbers, and a full resync whenever the feed was cut off,
 *   heal whatever the feed missed.
 */
export function startCluster(app: FastifyInstance, options: ClusterOptions) {
  const nodeId = options.nodeId ?? randomBytes(6).toString('hex');
  const prefix = `xk:${options.name}`;
  const client = openRedis(options.redisUrl, app.log, 'redis');
  const reader = duplicateRedis(client, app.log, 'redis (cluster feed)');

  const adapterClients = trackedRedis(client);
  app.io.adapter(
    createAdapter(adapterClients.client as never, {
      streamName: `${prefix}:sio`,
      channelPrefix: `${prefix}:sio`,
      sessionKeyPrefix: `${prefix}:sio:session:`,
      maxLen: 10_000,
      blockTimeInMs: 1000,
    }),
  );

  const feed = createClusterFeed({ client, reader, stream: `${prefix}:feed`, nodeId, log: app.log });
  const { services, live } = app;
  const publish = (message: ClusterMessage) => feed.publish(message);
  const onCommitted = (b: CommittedBatch) =>
    publish({ type: 'committed', campaignId: b.campaignId, seq: b.seq, rows: b.rows.length <= maxRowsPerMessage ? b.rows.map(toAggregateRow) : null });
  const stopListening = onServiceChanges(services, {
    committed: onCommitted,
    treeChanged: () => publish({ type: 'tree-changed' }),
    targetsChanged: (campaignId) => publish({ type: 'targets-changed', campaignId }),
    shiftCreated: (campaignId, shiftId, endsAt) => publish({ type: 'shift-created', campaignId, shiftId, endsAt: endsAt.getTime() }),
    named: (kind, id, name) => publish({ type: 'named', kind, id, name }),
    rosterChanged: (change) => publish({ type: 'roster', change }),
    // Peers read the report back from the database (coalesced per campaign in the outbox and on arrival).
    phoneReported: (status) => publish({ type: 'roster', change: { campaignId: status.campaignId, people: [status.personId] } }),
  });

  feed.events.on('message', (m) => {
    if (m.type === 'committed') live.applyCommitted(m.campaignId, m.rows, m.seq);
    else if (m.type === 'tree-changed') live.treeChanged();
    else if (m.type === 'targets-changed') live.targetsChanged(m.campaignId);
    else if (m.type === 'shift-created') live.shiftCreated(m.campaignId, m.shiftId, new Date(m.endsAt));
    else if (m.type === 'named') live.named(m.kind, m.id, m.name);
    else live.rosterChanged(m.change);
  });
  feed.events.on('resync', () => live.resync());

  const probe = setInterval(() => void live.probe().catch((err: unknown) => app.log.warn({ err }, 'cluster probe failed')), options.probeMs ?? 5000);
  probe.unref();

  return {
    nodeId,
    ping: () => (client.isReady ? client.ping() : Promise.reject(new Error('not connected'))),
    stats: () => ({ nodeId, redis: client.isReady, ...feed.stats() }),
    async close() {
      clearInterval(probe);
      stopListening();
      app.io.of('/').adapter.close(); // stops the adapter's own stream reader…
      adapterClients.destroyAll(); // …and its connections, connected or not
      const stopped = feed.stop();
      await closeRedis(reader);
      await stopped;
      await closeRedis(client);
    },
  };
}
export type Cluster = ReturnType<typeof startCluster>;
