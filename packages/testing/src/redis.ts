import { createClient } from 'redis';
import { skipOrFail } from './skip';

/** The Redis tests talk to: REDIS_URL, else the local default. */
export const testRedisUrl = () => process.env.REDIS_URL || 'redis://127.0.0.1:6379';

/** Whether Redis answers a PING; prints SKIP (or fails under XK_REQUIRE_ALL) when it does not. */
export async function isRedisAvailable(what = 'Redis tests'): Promise<boolean> {
  const client = createClient({ url: testRedisUrl(), socket: { connectTimeout: 2000, reconnectStrategy: false } });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch (err) {
    skipOrFail(what, `Redis at ${testRedisUrl()} is not reachable (${err instanceof Error ? err.message : String(err)})`);
    return false;
  } finally {
    if (client.isOpen) await client.close().catch(() => {});
  }
}
