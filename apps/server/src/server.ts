import { fileURLToPath } from 'node:url';
import { createDb } from '@xk/db';
import { buildApp } from './app';
import { EnvError, readEnv, readTls } from './env';
import { clusterNameFor } from './cluster/cluster';
import { serveStatsOverIpc } from './process-stats';

/** Process concerns only: configuration, logger, listen, graceful close. The hub itself is app.ts. */
async function main() {
  const env = readEnv();
  const withDemo = process.argv.includes('--demo');
  if (env.redisUrl && !env.databaseUrl) {
    throw new EnvError('REDIS_URL is set without DATABASE_URL: several hub processes cannot share the embedded database. Set DATABASE_URL to a PostgreSQL server, or unset REDIS_URL.');
  }
  const https = readTls(env);
  const database = await createDb({ url: env.databaseUrl, dataDir: env.dataDir });
  const logger = { level: env.logLevel, ...(env.isProduction ? {} : { transport: undefined }) };
  const app = await buildApp({
    database,
    logger,
    webDist: fileURLToPath(new URL('../../web/dist', import.meta.url)),
    codeTransport: env.codeTransport,
    trustProxy: env.trustProxy,
    publicUrl: env.publicUrl,
    https,
    cluster: env.redisUrl && env.databaseUrl
      ? { redisUrl: env.redisUrl, name: env.clusterName ?? clusterNameFor(env.databaseUrl), nodeId: env.nodeId, probeMs: env.clusterProbeMs }
      : undefined,
  });
  if (env.isProduction && env.codeTransport === 'log') app.log.warn('XK_CODE_TRANSPORT=log: PIN reset codes are written to this log (the development transport); plug in an SMS or Zalo transport');
  app.log.info(env.databaseUrl ? 'database: PostgreSQL' : `database: embedded PGlite in ${env.dataDir} (no fsync: use PostgreSQL where a power cut must lose nothing)`);

  let simulator: { stop(): Promise<void> } | undefined;
  if (withDemo) {
    const { loadDemoIfEmpty } = await import('./demo/load-demo');
    const loaded = await loadDemoIfEmpty(app.services, app.log);
    app.log.info(loaded ? 'demo campaign loaded' : 'data already present: demo not loaded');
    if (!process.argv.includes('--no-simulator') && process.env.XK_SIMULATOR !== '0') {
      const [first] = await app.services.campaigns.list();
      if (first) {
        const { startSimulator } = await import('./demo/simulator');
        simulator = await startSimulator(app.services, first.id, { log: app.log });
      }
    }
  }

  let closing = false;
  const close = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info(`${signal}: closing`);
    const force = setTimeout(() => process.exit(1), 10_000).unref();
    await simulator?.stop().catch((err: unknown) => app.log.error({ err }, 'simulator stop failed'));
    await app.close().catch((err: unknown) => app.log.error({ err }, 'close failed'));
    await database.close().catch(() => {});
    clearTimeout(force);
    process.exit(0);
  };
  process.on('SIGINT', () => void close('SIGINT'));
  process.on('SIGTERM', () => void close('SIGTERM'));

  await app.listen({ port: env.port, host: env.host });
  if (https) app.log.info(`serving HTTPS with ${env.tlsCert}`);
  serveStatsOverIpc(app);
  // Printed, not logged: these are for the person at the console (and one-time).
  const baseUrl = env.publicUrl ?? `${https ? 'https' : 'http'}://localhost:${env.port}`;
  if (await app.auth.setupNeeded()) {
    process.stdout.write(`\nxung-kich: nobody can administer this hub yet. Open this one-time link (24 h) to create the first admin:\n  ${baseUrl}/#/setup/${await app.auth.newSetupLink()}\n\n`);
  }
  if (withDemo) {
    const { demoSignInLinks } = await import('./demo/demo-sign-in');
    const links = await demoSignInLinks(app, baseUrl);
    if (links.length) {
      process.stdout.write(`xung-kich demo: sign-in links (24 h; new ones at every start):\n${links.map((l) => `  ${l.role.padEnd(12)} ${l.who} — ${l.where}\n    ${l.url}`).join('\n')}\n\n`);
    }
  }
  // Build the running campaigns' live totals now, so the first screen does not wait for them.
  void app.live.warmUp().catch((err: unknown) => app.log.warn({ err }, 'live warm-up failed'));
}

main().catch((err: unknown) => {
  console.error(err instanceof EnvError || (err as Error)?.name === 'DataDirInUseError' ? `xung-kich: ${(err as Error).message}` : err);
  process.exit(1);
});
