import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createDb } from '@xk/db';
import { createClient } from 'redis';
import { startStickyProxy } from './sticky-proxy';

/**
 * `pnpm cluster`: the production topology on one machine, without Docker — N hub processes on one
 * PostgreSQL and one Redis, behind a sticky proxy on PORT. The same as `docker-compose.yml`.
 *
 *   DATABASE_URL (default postgres://postgres@127.0.0.1:5432/xungkich), REDIS_URL (default
 *   redis://127.0.0.1:6379), PORT (3000), XK_NODES (2); `--demo` loads the demo campaign (first hub).
 */
const env = process.env;
const databaseUrl = env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/xungkich';
const redisUrl = env.REDIS_URL || 'redis://127.0.0.1:6379';
const port = Number(env.PORT ?? 3000);
const count = Number(env.XK_NODES ?? 2);
const demo = process.argv.includes('--demo');
const serverEntry = fileURLToPath(new URL('../server.ts', import.meta.url));

function fail(message: string): never {
  console.error(`xung-kich cluster: ${message}`);
  process.exit(1);
}

async function checkServices() {
  if (!Number.isInteger(count) || count < 1 || count > 32) fail(`XK_NODES must be 1…32, got "${env.XK_NODES}"`);
  // The hubs sit behind the sticky proxy, which speaks plain HTTP to them: TLS belongs in front of it.
  if (env.XK_TLS_CERT || env.XK_TLS_KEY) fail('XK_TLS_CERT / XK_TLS_KEY are for a single hub (pnpm start): in front of the cluster put a TLS proxy (Caddy, nginx) and set XK_PUBLIC_URL to its https:// address');
  const db = await createDb({ url: databaseUrl, poolSize: 1, migrate: false });
  await db.ping().catch((err: Error) => fail(`PostgreSQL at ${databaseUrl.replace(/\/\/[^@]*@/, '//')} is not reachable (${err.message}). Start it, or set DATABASE_URL.`));
  await db.close();
  const redis = createClient({ url: redisUrl, socket: { connectTimeout: 3000, reconnectStrategy: false } });
  redis.on('error', () => {});
  await redis.connect().catch((err: Error) => fail(`Redis at ${redisUrl} is not reachable (${err.message}). Start it, or set REDIS_URL.`));
  await redis.close();
}

const hubs: ChildProcess[] = [];
function startHub(index: number, withDemo: boolean) {
  const child = spawn(process.execPath, ['--import', 'tsx', serverEntry, ...(withDemo ? ['--demo'] : []), ...(index > 0 ? ['--no-simulator'] : [])], {
    env: { ...env, DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, PORT: String(port + 1 + index), HOST: '127.0.0.1', XK_PUBLIC_URL: env.XK_PUBLIC_URL ?? `http://localhost:${port}`, XK_TRUST_PROXY: '1', XK_NODE_ID: env.XK_NODE_ID ?? `hub-${index + 1}` },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.on('exit', (code, signal) => {
    if (!closing) console.error(`xung-kich cluster: hub ${index + 1} exited (${signal ?? code})`);
  });
  hubs.push(child);
}

async function ready(index: number) {
  for (let i = 0; i < 1800; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port + 1 + index}/healthz`)).ok) return;
    } catch {}
    if (hubs[index]!.exitCode !== null) fail(`hub ${index + 1} exited while starting`);
    await new Promise((r) => setTimeout(r, 100));
  }
  fail(`hub ${index + 1} did not start within 3 minutes`);
}

let closing = false;
async function main() {
  await checkServices();
  // The first hub migrates the database (and loads the demo) before the others start.
  startHub(0, demo);
  await ready(0);
  for (let i = 1; i < count; i++) startHub(i, false);
  for (let i = 1; i < count; i++) await ready(i);
  const proxy = startStickyProxy({ port, upstreams: Array.from({ length: count }, (_, i) => ({ host: '127.0.0.1', port: port + 1 + i })) });
  await proxy.listening;
  console.log(`xung-kich cluster: ${count} hubs on ports ${port + 1}…${port + count}, sticky proxy on http://localhost:${port}`);
  const close = async () => {
    if (closing) return;
    closing = true;
    await proxy.close();
    await Promise.all(hubs.map((h) => (h.exitCode === null ? new Promise((r) => h.once('exit', r).kill('SIGTERM')) : null)));
    process.exit(0);
  };
  process.on('SIGINT', () => void close());
  process.on('SIGTERM', () => void close());
}

main().catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
