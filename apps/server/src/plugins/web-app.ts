import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { ErrorBody } from '@xk/contract';

/** Hashed build output (`/assets/*`): a new build has new names, so browsers keep these for good. */
const immutable = 'public, max-age=31536000, immutable';
/** Everything else (index.html, /phone/sw.js, the manifest, icons): revalidated on every load, so a fix reaches phones on their next load. */
const revalidate = 'no-cache';

/**
 * Serves the built web app, and answers every unknown path: API paths get a JSON 404, other GETs
 * get index.html so the screens' own routes (/board/…, /phone/) load the app. The phone lives at
 * `/phone/` (the scope of its service worker `/phone/sw.js`); `/phone` is sent there.
 */
export default fp(
  async (app: FastifyInstance, options: { root: string | undefined }) => {
    const hasWeb = options.root !== undefined && existsSync(options.root);
    if (options.root && !hasWeb) app.log.warn(`web app not built at ${options.root}: run pnpm build`);
    if (hasWeb) {
      const root = options.root!;
      await app.register(fastifyStatic, {
        root,
        prefix: '/',
        wildcard: false,
        decorateReply: true,
        // The build writes .br/.gz beside each file (apps/web/build/precompress.ts): a phone on slow 3G
        // gets the app in about a third of the bytes, with no compression work per request.
        preCompressed: true,
        setHeaders: (reply, path) => {
          const file = relative(root, path).split(sep).join('/');
          reply.header('cache-control', file.startsWith('assets/') ? immutable : revalidate);
        },
      });
      // The phone screen: the same single-page app, at the path its service worker controls.
      if (!existsSync(join(root, 'phone', 'index.html'))) {
        app.get('/phone/', { schema: { hide: true } }, (_req, reply) => reply.type('text/html').sendFile('index.html'));
      }
      app.get('/phone', { schema: { hide: true } }, (req, reply) => {
        const query = req.url.indexOf('?');
        return reply.redirect(`/phone/${query >= 0 ? req.url.slice(query) : ''}`, 301);
      });
    }
    app.setNotFoundHandler((request, reply) => {
      const path = request.url.split('?')[0] ?? '';
      const isApi = path.startsWith('/api/') || path.startsWith('/socket.io') || path === '/healthz' || path === '/readyz';
      // A missing file (an old hashed asset, a service worker not built) is a 404, not the page.
      const isFile = /\.[A-Za-z0-9]+$/.test(path.slice(path.lastIndexOf('/') + 1)) && !path.endsWith('.html');
      if (hasWeb && request.method === 'GET' && !isApi && !isFile) return reply.type('text/html').sendFile('index.html');
      return reply.status(404).send({ error: 'not_found', message: `${request.method} ${path} does not exist` } satisfies ErrorBody);
    });
  },
  { name: 'web-app', dependencies: ['error-handler'] },
);
