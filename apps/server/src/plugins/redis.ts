import { createClient } from 'redis';

export interface RedisConnection {
  ping(): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * The Redis connection used for readiness now and for cross-node fan-out later. It reconnects by
 * itself; a Redis that is down at start does not stop the hub (readiness reports it).
 */
export async function connectRedis(url: string, log: { warn(obj: unknown, msg: string): void }): Promise<RedisConnection> {
  const client = createClient({ url, socket: { reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 5000), connectTimeout: 3000 } });
  let lastWarn = 0;
  client.on('error', (err: unknown) => {
    if (Date.now() - lastWarn > 10_000) {
      lastWarn = Date.now();
      log.warn({ err }, 'redis connection error');
    }
  });
  client.connect().catch(() => {}); // retried by the reconnect strategy
  return {
    ping: () => (client.isReady ? client.ping() : Promise.reject(new Error('not connected'))),
    close: async () => {
      if (client.isOpen) await client.close();
    },
  };
}
