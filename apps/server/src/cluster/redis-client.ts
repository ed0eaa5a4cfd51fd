import { createClient } from 'redis';

// Commands fail at once while disconnected instead of queueing until Redis returns: a hub must
// never hold a local delivery, or memory, hostage to Redis (the feed keeps its own small outbox).
const createRedisClient = (url: string) =>
  createClient({ url, disableOfflineQueue: true, socket: { reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 2000), connectTimeout: 3000 } });
export type RedisClient = ReturnType<typeof createRedisClient>;

/**
 * A Redis client that reconnects by itself (back-off up to 2 s) and logs its errors at most every
 * 10 s: a Redis that is down at start, or restarts, never stops the hub; readiness reports it.
 */
export function openRedis(url: string, log: { warn(obj: unknown, msg: string): void }, name = 'redis'): RedisClient {
  const client = createRedisClient(url);
  watchErrors(client, log, name);
  client.connect().catch(() => {}); // retried by the reconnect strategy
  return client;
}

/**
 * A second connection (blocking reads need their own) whose commands wait for a reconnect instead
 * of failing at once: a read loop over it then pauses while Redis is away rather than spinning.
 */
export function duplicateRedis(client: RedisClient, log: { warn(obj: unknown, msg: string): void }, name: string): RedisClient {
  const copy = client.duplicate({ disableOfflineQueue: false });
  watchErrors(copy, log, name);
  copy.connect().catch(() => {});
  return copy;
}

function watchErrors(client: RedisClient, log: { warn(obj: unknown, msg: string): void }, name: string) {
  let lastWarn = 0;
  client.on('error', (err: unknown) => {
    if (Date.now() - lastWarn < 10_000) return;
    lastWarn = Date.now();
    log.warn({ err }, `${name}: connection error (reconnecting)`);
  });
}

/** Closes a client whether it is connected, connecting or never got through. */
export async function closeRedis(client: RedisClient): Promise<void> {
  if (client.isReady) await client.close().catch(() => client.destroy());
  else if (client.isOpen) client.destroy();
}

/**
 * A client to hand to a library that makes its own connections with `duplicate()` (the Socket.IO
 * adapter): every copy is kept so `destroyAll` can close them, and a copy's `connect()` and
 * `subscribe()` never reject (closing a client before Redis ever answered rejects both, and the
 * library catches neither: an unhandled rejection would end the process). And a copy never reads a
 * stream from '$': the adapter does until its first entry arrives, so an entry added between two of
 * its reads would be lost; the copy reads from the newest entry it has seen instead.
 */
export function trackedRedis(client: RedisClient) {
  const copies: RedisClient[] = [];
  const source = Object.create(client) as RedisClient;
  source.duplicate = (() => {
    const copy = client.duplicate({ disableOfflineQueue: false }); // its read loop must wait, not spin
    const connect = copy.connect.bind(copy);
    copy.connect = () => connect().catch(() => copy);
    const subscribe = copy.subscribe.bind(copy);
    copy.subscribe = ((...args: Parameters<typeof subscribe>) => subscribe(...args).catch(() => {})) as typeof copy.subscribe;
    const xRead = copy.xRead.bind(copy);
    const seen = new Map<string, string>();
    (copy as { xRead: unknown }).xRead = (async (streams: { key: string; id: string } | Array<{ key: string; id: string }>, options?: Parameters<typeof xRead>[1]) => {
      const stream = Array.isArray(streams) ? streams[0]! : streams; // the adapter reads one stream per connection
      const key = String(stream.key);
      let id = String(stream.id);
      if (id === '$') id = seen.get(key) ?? (await lastEntryId(copy, key));
      seen.set(key, id);
      const reply = (await xRead({ key, id }, options)) as Array<{ messages: Array<{ id: string }> }> | null;
      const last = reply?.[0]?.messages.at(-1)?.id;
      if (last) seen.set(key, last);
      return reply;
    });
    copies.push(copy);
    return copy;
  }) as RedisClient['duplicate'];
  return {
    client: source,
    destroyAll: () => copies.forEach((c) => c.destroy()),
  };
}

/** The id of the stream's newest entry, or '0-0' when it is empty or does not exist yet. */
export async function lastEntryId(client: RedisClient, stream: string): Promise<string> {
  const entries = await client.xRevRange(stream, '+', '-', { COUNT: 1 });
  return entries?.[0]?.id ?? '0-0';
}
