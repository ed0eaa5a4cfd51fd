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

export const redisServerPath = process.env.XK_REDIS_SERVER ?? 'redis-server';

export interface OwnRedis {
  url: string;
  port: number;
  /** Kills it (SIGKILL: nothing is saved, as a crashed Redis without persistence loses its streams). */
  kill(): Promise<void>;
  /** Starts it again on the same port, empty. */
  restart(): Promise<void>;
}

/**
 * A `redis-server` of the test's own on a spare port, without persistence, that the test may kill
 * and restart. Null after a SKIP line (or a failure under XK_REQUIRE_ALL) when there is no binary.
 */
export async function startOwnRedis(what = 'tests with their own Redis'): Promise<OwnRedis | null> {
  const { spawn, spawnSync } = await import('node:child_process');
  const { freePort } = await import('./ports');
  const probe = spawnSync(redisServerPath, ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    skipOrFail(what, `${redisServerPath} cannot be run (${probe.error?.message ?? probe.stderr}); install redis-server or set XK_REDIS_SERVER`);
    return null;
  }
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: import('node:child_process').ChildProcess | undefined;
  async function start() {
    child = spawn(redisServerPath, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    const exitAfterParent = () => child?.kill('SIGKILL');
    process.once('exit', exitAfterParent);
    for (let i = 0; i < 100; i++) {
      const client = createClient({ url, socket: { connectTimeout: 500, reconnectStrategy: false } });
      client.on('error', () => {});
      try {
        await client.connect();
        await client.ping();
        await client.close();
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    throw new Error(`redis-server on port ${port} did not start`);
  }
  async function kill() {
    const c = child;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((resolve) => c.once('exit', resolve));
    c.kill('SIGKILL');
    await exited;
  }
  await start();
  return { url, port, kill, restart: start };
}
