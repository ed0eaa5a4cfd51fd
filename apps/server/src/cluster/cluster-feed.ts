import { EventEmitter } from 'node:events';
import { type ClusterMessage, coalesce, decodeMessage, encodeMessage, outboxKey } from './cluster-messages';
import { lastEntryId, type RedisClient } from './redis-client';

export interface ClusterFeedOptions {
  /** Connection for XADD (shared with other short commands). */
  client: RedisClient;
  /** Connection of its own for the blocking XREAD. */
  reader: RedisClient;
  /** The stream's key, one per deployment (several deployments may share a Redis). */
  stream: string;
  /** This process's id: its own entries are skipped when read back. */
  nodeId: string;
  /** Entries kept in the stream (approximate trim); a peer further behind resyncs from the database. */
  maxLen?: number;
  log: { warn(obj: unknown, msg: string): void; info(msg: string): void };
}

/**
 * The hubs' shared feed: a Redis stream every node appends its changes to and reads everyone's
 * from, each at its own offset. While Redis is unreachable, outgoing messages wait in an outbox
 * (coalesced per campaign, so it stays small) and go out when it returns. A reader that was cut off
 * (an error, or a reconnect that may have lost stream entries, as a restarted Redis without
 * persistence does) emits 'resync': its owner then re-reads from the database, which is the truth.
 */
export function createClusterFeed(options: ClusterFeedOptions) {
  const { client, reader, stream, nodeId, log } = options;
  const maxLen = options.maxLen ?? 5000;
  const events = new EventEmitter<{ message: [ClusterMessage]; resync: [] }>();
  const outbox = new Map<string, ClusterMessage>();
  const stats = { published: 0, received: 0, resyncs: 0, deferred: 0, malformed: 0 };
  let closed = false;
  let flushing = false;

  function defer(message: ClusterMessage) {
    const key = outboxKey(message);
    outbox.set(key, coalesce(outbox.get(key), message));
    stats.deferred++;
  }

  async function send(message: ClusterMessage): Promise<void> {
    try {
      await client.xAdd(stream, '*', { n: nodeId, m: encodeMessage(message) }, { TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: maxLen } });
      stats.published++;
    } catch {
      defer(message); // the connection broke under it: it goes out with the outbox
    }
  }

  function publish(message: ClusterMessage) {
    if (closed) return;
    if (!client.isReady || outbox.size > 0) {
      defer(message);
      if (client.isReady) void flushOutbox();
      return;
    }
    void send(message);
  }

  async function flushOutbox() {
    if (flushing || closed) return;
    flushing = true;
    try {
      while (outbox.size > 0 && client.isReady) {
        const waiting = [...outbox.values()];
        outbox.clear();
        for (const message of waiting) await send(message);
      }
    } finally {
      flushing = false;
    }
  }
  client.on('ready', () => void flushOutbox());

  // Every (re)connection of the reader may follow missed entries (a restarted Redis without
  // persistence has lost its stream; a hub that met Redis late missed what came before): resync.
  let cutOff = false;
  reader.on('ready', () => (cutOff = true));

  let offset = '$';
  async function readLoop() {
    while (!closed) {
      try {
        if (!reader.isReady) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          continue;
        }
        if (cutOff) {
          cutOff = false;
          stats.resyncs++;
          log.info('cluster feed: reconnected to Redis, resyncing live totals from the database');
          events.emit('resync');
        }
        // Never read from '$': an entry added between two reads would be skipped. Start from the last one there is.
        if (offset === '$') offset = await lastEntryId(reader, stream);
        const reply = await reader.xRead({ key: stream, id: offset }, { BLOCK: 2000, COUNT: 200 });
        for (const entry of (reply as Array<{ messages: Array<{ id: string; message: Record<string, string> }> }> | null)?.[0]?.messages ?? []) {
          offset = entry.id;
          if (entry.message.n === nodeId) continue;
          const message = decodeMessage(entry.message.m ?? '');
          if (!message) {
            stats.malformed++;
            continue;
          }
          stats.received++;
          events.emit('message', message);
        }
      } catch (err) {
        if (closed) return;
        cutOff = true;
        if (reader.isReady) {
          // An error on a live connection (not a cut-off): do not spin.
          log.warn({ err }, 'cluster feed: read failed');
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      }
    }
  }
  const loop = readLoop();

  return {
    events,
    publish,
    stats: () => ({ ...stats, outbox: outbox.size }),
    /** Stops reading and publishing; `done` resolves once the read in flight returns (close the reader to cut it short). */
    stop() {
      closed = true;
      return loop;
    },
  };
}
export type ClusterFeed = ReturnType<typeof createClusterFeed>;
