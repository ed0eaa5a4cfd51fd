import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

const Check = Type.Object({ ok: Type.Boolean(), error: Type.Optional(Type.String()) });
const Ready = Type.Object({ ok: Type.Boolean(), checks: Type.Record(Type.String(), Check) });

async function check(probe: () => Promise<unknown>, timeoutMs = 2000) {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([probe(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs)))]);
    return { ok: true };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  } finally {
    clearTimeout(timer);
  }
}

/** /healthz: the process answers. /readyz: it can do its job (database, and Redis when configured). */
export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/healthz', { schema: { tags: ['health'], response: { 200: Type.Object({ ok: Type.Boolean() }) } } }, async () => ({ ok: true }));
  app.get('/readyz', { schema: { tags: ['health'], response: { 200: Ready, 503: Ready } } }, async (_req, reply) => {
    const checks: Record<string, { ok: boolean; error?: string }> = {
      database: await check(() => app.database.ping()),
    };
    if (app.cluster) checks.redis = await check(() => app.cluster!.ping());
    const ok = Object.values(checks).every((c) => c.ok);
    return reply.status(ok ? 200 : 503).send({ ok, checks });
  });
};
