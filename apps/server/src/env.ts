import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createSecureContext } from 'node:tls';

/** The one place that reads `process.env`. */
export interface Env {
  port: number;
  host: string;
  /** PostgreSQL; absent means the embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  /** Redis for several hub processes; needs `databaseUrl`. */
  redisUrl: string | undefined;
  /** Names the deployment's keys in Redis (default: derived from DATABASE_URL). */
  clusterName: string | undefined;
  /** This process in logs and in the cluster feed (default: random). */
  nodeId: string | undefined;
  /** How often each node checks the database for commits the feed did not bring (ms). */
  clusterProbeMs: number;
  /** Whether the hub sits behind a proxy it trusts (X-Forwarded-For/-Proto). */
  trustProxy: boolean;
  /** How PIN reset codes are sent: `log` (development) until an SMS or Zalo transport is plugged in. */
  codeTransport: string;
  /** The address people open (printed links); default http://localhost:PORT (https:// when serving TLS). */
  publicUrl: string | undefined;
  /** PEM files of the certificate (chain) and key: the hub serves HTTPS itself (both or neither). */
  tlsCert: string | undefined;
  tlsKey: string | undefined;
  dataDir: string;
  logLevel: string;
  isProduction: boolean;
}

export class EnvError extends Error {}

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const port = Number(source.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new EnvError(`PORT must be a port number, got "${source.PORT}"`);
  for (const [name, value] of [['DATABASE_URL', source.DATABASE_URL], ['REDIS_URL', source.REDIS_URL]] as const) {
    if (value && !URL.canParse(value)) throw new EnvError(`${name} is not a URL: "${value}"`);
  }
  const tlsCert = source.XK_TLS_CERT?.trim() || undefined;
  const tlsKey = source.XK_TLS_KEY?.trim() || undefined;
  if (!tlsCert !== !tlsKey) {
    throw new EnvError(`${tlsCert ? 'XK_TLS_CERT is set without XK_TLS_KEY' : 'XK_TLS_KEY is set without XK_TLS_CERT'}: to serve HTTPS set both (PEM files of the certificate and of its private key), or neither for plain HTTP`);
  }
  const clusterProbeMs = Number(source.XK_CLUSTER_PROBE_MS ?? 5000);
  if (!Number.isInteger(clusterProbeMs) || clusterProbeMs < 100) throw new EnvError(`XK_CLUSTER_PROBE_MS must be a whole number of milliseconds ≥ 100, got "${source.XK_CLUSTER_PROBE_MS}"`);
  return {
    port,
    host: source.HOST ?? '0.0.0.0',
    databaseUrl: source.DATABASE_URL || undefined,
    redisUrl: source.REDIS_URL || undefined,
    clusterName: source.XK_CLUSTER_NAME || undefined,
    nodeId: source.XK_NODE_ID || undefined,
    clusterProbeMs,
    codeTransport: source.XK_CODE_TRANSPORT?.trim() || 'log',
    trustProxy: source.XK_TRUST_PROXY === '1' || source.XK_TRUST_PROXY === 'true',
    publicUrl: source.XK_PUBLIC_URL?.replace(/\/+$/, '') || undefined,
    tlsCert: tlsCert && resolve(source.INIT_CWD ?? process.cwd(), tlsCert),
    tlsKey: tlsKey && resolve(source.INIT_CWD ?? process.cwd(), tlsKey),
    // Relative to where the user ran the command (pnpm sets INIT_CWD), not to apps/server where the script runs.
    dataDir: resolve(source.INIT_CWD ?? process.cwd(), source.XK_DATA_DIR || './data'),
    logLevel: source.LOG_LEVEL ?? 'info',
    isProduction: source.NODE_ENV === 'production',
  };
}

/**
 * The certificate and key of `XK_TLS_CERT` / `XK_TLS_KEY`, read and checked at start: a file that
 * cannot be read, or a pair that is not a PEM certificate with its own key, stops the hub with a
 * message naming the variable.
 */
export function readTls(env: Pick<Env, 'tlsCert' | 'tlsKey'>): { cert: Buffer; key: Buffer } | undefined {
  if (!env.tlsCert || !env.tlsKey) return undefined;
  const read = (name: string, path: string) => {
    try {
      return readFileSync(path);
    } catch (err) {
      throw new EnvError(`${name} cannot be read (${path}): ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  };
  const cert = read('XK_TLS_CERT', env.tlsCert);
  const key = read('XK_TLS_KEY', env.tlsKey);
  try {
    createSecureContext({ cert, key });
  } catch (err) {
    throw new EnvError(`XK_TLS_CERT (${env.tlsCert}) and XK_TLS_KEY (${env.tlsKey}) are not a PEM certificate and its private key: ${(err as Error).message}`);
  }
  return { cert, key };
}
