import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { skipOrFail } from './skip';

const defaultAdminUrl = 'postgres://postgres@127.0.0.1:5432/postgres';

/** The server tests talk to: the one in DATABASE_URL, else the local default. */
function adminUrl(): string {
  if (!process.env.DATABASE_URL) return defaultAdminUrl;
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = '/postgres';
  return url.toString();
}

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl(), connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

let reachable: Promise<string | null> | undefined;

/** Whether PostgreSQL answers; prints SKIP (or fails under XK_REQUIRE_ALL) once when it does not. */
export function isPostgresAvailable(what = 'PostgreSQL tests'): Promise<boolean> {
  reachable ??= withAdmin(async (c) => {
    await c.query('select 1');
    return null;
  }).catch((err: unknown) => (err instanceof Error ? err.message : String(err)) || 'unreachable');
  return reachable.then((error) => {
    if (error) skipOrFail(what, `PostgreSQL at ${adminUrl().replace(/\/\/[^@]*@/, '//')} is not reachable (${error})`);
    return !error;
  });
}

export interface TempPostgres {
  url: string;
  drop(): Promise<void>;
}

/** A new, empty database on the test server, dropped by `drop()`: each test file gets its own. */
export async function createTempPostgres(): Promise<TempPostgres> {
  const name = `xk_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withAdmin((c) => c.query(`create database ${name}`));
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withAdmin((c) => c.query(`drop database if exists ${name} with (force)`)).then(() => {}),
  };
}
