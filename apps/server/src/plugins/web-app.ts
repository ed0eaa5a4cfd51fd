import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { ErrorBody } from '@xk/contract';

/**
 * Serves the built web app, and answers every unknown path: API paths get a JSON 404, other GETs
 * get index.html so the screens' own routes (/board/…, /phone) load the app.
 */
export default fp(
  async (app: FastifyInstance, options: { root: string | undefined }) => {
    const hasWeb = options.root !== undefined && existsSync(options.root);
    if (options.root && !hasWeb) app.log.warn(`web app not built at ${options.root}: run pnpm build`);
    if (hasWeb) await app.register(fastifyStatic, { root: options.root!, prefix: '/', wildcard: false, decorateReply: true });
    app.setNotFoundHandler((request, reply) => {
      const path = request.url.split('?')[0] ?? '';
      const isApi = path.startsWith('/api/') || path.startsWith('/socket.io') || path === '/healthz' || path === '/readyz';
      if (hasWeb && request.method === 'GET' && !isApi) return reply.type('text/html').sendFile('index.html');
      return reply.status(404).send({ error: 'not_found', message: `${request.method} ${path} does not exist` } satisfies ErrorBody);
    });
  },
  { name: 'web-app', dependencies: ['error-handler'] },
);
