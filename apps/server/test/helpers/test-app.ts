import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { type DatabaseTarget, defaultTarget } from '@xk/testing';
import { type Database, schema } from '@xk/db';
import type { Role } from '../../src/auth/scope';
import { csrfTokenFor } from '../../src/auth/secrets';
import { type AppOptions, buildApp } from '../../src/app';
import type { ClusterOptions } from '../../src/cluster/cluster';

/** A signed-in person as tests use one: their session cookie and CSRF header, ready to send. */
export interface Caller {
  personId: number;
  secret: string;
  headers: { cookie: string; 'x-csrf-token': string };
}

export interface TestApp {
  app: FastifyInstance;
  /** A whole-tree admin, signed in: `call` acts as this person unless told otherwise. */
  admin: Caller;
  /**
   * `app.inject` returning the parsed JSON body beside the response; as the admin by default,
   * as another `Caller` with `as`, or signed out with `as: null`.
   */
  call(options: InjectOptions & { as?: Caller | null }): Promise<{ status: number; body: any; response: LightMyRequestResponse }>;
  /** A person (new unless `personId` is given) holding `role` over `unitId` (null: whole tree), signed in. */
  signInAs(role: Role, unitId: number | null, personId?: number): Promise<Caller>;
  dispose(): Promise<void>;
}

let phoneCounter = 0;
const testPhone = () => `09${String((process.pid * 7919 + Date.now() + ++phoneCounter * 104_729) % 100_000_000).padStart(8, '0')}`;

/** Signs a person in through a one-time sign-in link (no password hashing: tests stay fast). */
export async function signInAs(app: FastifyInstance, role: Role, unitId: number | null, personId?: number): Promise<Caller> {
  const id = personId ?? (await app.services.people.create({ name: `Người thử ${role}`, phone: testPhone() })).id;
  await app.database.db.insert(schema.grants).values({ personId: id, role, unitId }).onConflictDoNothing();
  const link = await app.auth.newSignInLink(id, null);
  const session = await app.auth.redeemSignInLink(link, {});
  return { personId: id, secret: session.secret, headers: { cookie: `xk_session=${session.secret}`, 'x-csrf-token': csrfTokenFor(session.secret) } };
}

/**
 * The hub over a fresh database of its own: PostgreSQL when DATABASE_URL is set (a new database on
 * that server), else an in-memory PGlite — the same choice the hub makes.
 */
export async function createTestApp(target: DatabaseTarget = defaultTarget(), options: { poolSize?: number; logger?: AppOptions['logger']; publicUrl?: string } = {}): Promise<TestApp> {
  const { database, dispose } = await target.open(options);
  return wrap(await buildApp({ database, logger: options.logger, publicUrl: options.publicUrl }), dispose);
}

/** One hub of several over a database the test owns (disposing it leaves the database open). */
export async function createTestNode(database: Database, cluster: ClusterOptions): Promise<TestApp> {
  return wrap(await buildApp({ database, cluster }), async () => {});
}

async function wrap(app: FastifyInstance, dispose: () => Promise<void>): Promise<TestApp> {
  await app.ready();
  const admin = await signInAs(app, 'admin', null);
  return {
    app,
    admin,
    signInAs: (role, unitId, personId) => signInAs(app, role, unitId, personId),
    async call({ as, ...options }) {
      const caller = as === undefined ? admin : as;
      const headers = { ...(caller ? caller.headers : {}), ...(options.headers ?? {}) };
      const response = await app.inject({ ...options, headers });
      const body = response.headers['content-type']?.toString().includes('json') ? response.json() : response.body;
      return { status: response.statusCode, body, response };
    },
    async dispose() {
      await app.close();
      await dispose();
    },
  };
}
