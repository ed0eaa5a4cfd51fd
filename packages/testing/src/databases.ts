import { createDb, type Database } from '@xk/db';
import { createTempPostgres, isPostgresAvailable } from './postgres';

export interface TestDatabase {
  database: Database;
  /** Closes the connection and removes what the test created. */
  dispose(): Promise<void>;
}

export interface DatabaseTarget {
  name: 'pglite' | 'postgres';
  open(options?: { poolSize?: number }): Promise<TestDatabase>;
}

const pgliteTarget: DatabaseTarget = {
  name: 'pglite',
  async open() {
    const database = await createDb();
    return { database, dispose: () => database.close() };
  },
};

const postgresTarget: DatabaseTarget = {
  name: 'postgres',
  async open(options = {}) {
    const temp = await createTempPostgres();
    const database = await createDb({ url: temp.url, poolSize: options.poolSize ?? 10 });
    return {
      database,
      dispose: async () => {
        await database.close();
        await temp.drop();
      },
    };
  },
};

/**
 * Every database the same test bodies must pass on: PGlite always, PostgreSQL when reachable
 * (a SKIP line otherwise, which fails the run under XK_REQUIRE_ALL=1).
 */
export async function databaseTargets(): Promise<DatabaseTarget[]> {
  return (await isPostgresAvailable()) ? [pgliteTarget, postgresTarget] : [pgliteTarget];
}

/** PostgreSQL alone, for tests only it can answer (a real pool under concurrency); null after a SKIP. */
export async function postgresOnly(): Promise<DatabaseTarget | null> {
  return (await isPostgresAvailable()) ? postgresTarget : null;
}

/** The database the hub itself would use here: PostgreSQL when DATABASE_URL is set, else embedded PGlite. */
export function defaultTarget(): DatabaseTarget {
  return process.env.DATABASE_URL ? postgresTarget : pgliteTarget;
}
