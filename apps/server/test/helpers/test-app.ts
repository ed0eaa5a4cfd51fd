import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { type DatabaseTarget, defaultTarget } from '@xk/testing';
import { buildApp } from '../../src/app';

export interface TestApp {
  app: FastifyInstance;
  /** `app.inject` returning the parsed JSON body beside the response. */
  call(options: InjectOptions): Promise<{ status: number; body: any; response: LightMyRequestResponse }>;
  dispose(): Promise<void>;
}

/**
 * The hub over a fresh database of its own: PostgreSQL when DATABASE_URL is set (a new database on
 * that server), else an in-memory PGlite — the same choice the hub makes.
 */
export async function createTestApp(target: DatabaseTarget = defaultTarget(), options: { poolSize?: number } = {}): Promise<TestApp> {
  const { database, dispose } = await target.open(options);
  const app = await buildApp({ database });
  await app.ready();
  return {
    app,
    async call(options) {
      const response = await app.inject(options);
      const body = response.headers['content-type']?.toString().includes('json') ? response.json() : response.body;
      return { status: response.statusCode, body, response };
    },
    async dispose() {
      await app.close();
      await dispose();
    },
  };
}
