import { resolve } from 'node:path';

/** The one place that reads `process.env`. */
export interface Env {
  port: number;
  host: string;
  /** PostgreSQL; absent means the embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  /** Redis for several hub processes; needs `databaseUrl`. */
  redisUrl: string | undefined;
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
  return {
    port,
    host: source.HOST ?? '0.0.0.0',
    databaseUrl: source.DATABASE_URL || undefined,
    redisUrl: source.REDIS_URL || undefined,
    // Relative to where the user ran the command (pnpm sets INIT_CWD), not to apps/server where the script runs.
    dataDir: resolve(source.INIT_CWD ?? process.cwd(), source.XK_DATA_DIR || './data'),
    logLevel: source.LOG_LEVEL ?? 'info',
    isProduction: source.NODE_ENV === 'production',
  };
}
