import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock';
import * as schema from './schema/index';

export type Schema = typeof schema;
/** Either driver, seen through what they share: the code above this package never asks which. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handed to repositories (`db.transaction(tx => …)`). */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  kind: DatabaseKind;
  /** Round trip to the database, for readiness checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface CreateDbOptions {
  /** PostgreSQL connection string; when absent the embedded PGlite is used. */
  url?: string | undefined;
  /** PGlite data folder; absent means in memory (tests). Ignored when `url` is set. */
  dataDir?: string | undefined;
  /** PostgreSQL pool size. */
  poolSize?: number;
  /** Apply the committed migrations before returning (default true). */
  migrate?: boolean;
}

export const migrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url));

/** Runs a raw query through either driver and returns its rows. */
export async function queryRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export async function createDb(options: CreateDbOptions = {}): Promise<Database> {
  return options.url ? createPostgres(options.url, options) : createPglite(options);
}

async function createPostgres(url: string, options: CreateDbOptions): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
  // An idle client's error (the server restarted) must not crash the process: the pool replaces it.
  pool.on('error', () => {});
  const db = drizzlePg({ client: pool, schema }) as unknown as Db;
  if (options.migrate !== false) {
    // Several hub processes may start at once: one migrates, the others wait on the lock.
    const lockClient = await pool.connect();
    try {
      await lockClient.query('select pg_advisory_lock(727100)');
      await migratePg(db as never, { migrationsFolder });
    } finally {
      await lockClient.query('select pg_advisory_unlock(727100)').catch(() => {});
      lockClient.release();
    }
  }
  return {
    db,
    kind: 'postgres',
    ping: async () => {
      await pool.query('select 1');
    },
    close: () => pool.end(),
  };
}

async function createPglite(options: CreateDbOptions): Promise<Database> {
  const release = options.dataDir ? lockDataDir(options.dataDir) : () => {};
  try {
    const client = options.dataDir ? new PGlite(options.dataDir) : new PGlite();
    await client.waitReady;
    const db = drizzlePglite({ client, schema }) as unknown as Db;
    if (options.migrate !== false) await migratePglite(db as never, { migrationsFolder });
    return {
      db,
      kind: 'pglite',
      ping: async () => {
        await client.query('select 1');
      },
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}
