import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { forbidden, tooManyAttempts, unauthorized } from '../errors';
import { enforce, unitLookups } from './access';
import { type AuthService, createAuthService } from './auth-service';
import { csrfHeader, readCookie, sessionCookie } from './cookies';
import type { Actor } from './scope';
import { csrfTokenFor, sameSecret } from './secrets';

declare module 'fastify' {
  interface FastifyInstance {
    auth: AuthService;
  }
  interface FastifyRequest {
    /** Who is asking (null: nobody signed in). */
    actor: Actor | null;
    /** How: a browser's cookie (CSRF applies) or an `Authorization: Bearer` secret. */
    actorVia: 'cookie' | 'bearer' | null;
  }
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Writes a volunteer's phone session may make: a burst of 60 requests (a queue syncing after a
 * day offline sends batches of up to 500 entries each), then 2 a second. Keyed on the session,
 * never on the address (a hall shares one). Staff sessions are not limited here.
 */
export const phoneWriteLimit = { burst: 60, perSecond: 2 };

/** A token bucket per key, in this process: `take` answers 0 when allowed, else the seconds to wait. */
export function createRateLimit(limit: { burst: number; perSecond: number }) {
  const buckets = new Map<number, { tokens: number; at: number }>();
  return {
    take(key: number, now = Date.now()): number {
      const b = buckets.get(key) ?? { tokens: limit.burst, at: now };
      b.tokens = Math.min(limit.burst, b.tokens + ((now - b.at) / 1000) * limit.perSecond);
      b.at = now;
      if (buckets.size > 100_000) buckets.clear();
      buckets.set(key, b);
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return 0;
      }
      return Math.ceil((1 - b.tokens) / limit.perSecond);
    },
  };
}

/** The secret a request carries: `Authorization: Bearer …`, else the session cookie. */
export function secretOf(headers: { authorization?: string | undefined; cookie?: string | undefined }): { secret: string; via: 'cookie' | 'bearer' } | null {
  const bearer = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '')?.[1];
  if (bearer) return { secret: bearer, via: 'bearer' };
  const cookie = readCookie(headers.cookie, sessionCookie);
  return cookie ? { secret: cookie, via: 'cookie' } : null;
}

/** Whether a browser request comes from a page of this hub (Origin, when sent, names our host). */
export function sameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (!origin) return true; // not a browser's cross-site request (they always send Origin on POST and WebSocket)
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * Who is asking, and may they: resolves the session (cookie or bearer) on every request, refuses
 * a route under /api/v1 that declares no `config.access` at start, checks CSRF and Origin on
 * browser writes, and enforces each route's policy before its handler runs.
 */
export default fp(
  async (app: FastifyInstance) => {
    const db = app.database.db;
    const lookups = unitLookups(db);
    app.decorate('auth', createAuthService(db, app.services.people));
    app.decorateRequest('actor', null);
    app.decorateRequest('actorVia', null);

    const phoneWrites = createRateLimit(phoneWriteLimit);
    app.addHook('onRoute', (route) => {
      if (!route.url.startsWith('/api/v1')) return;
      if (!route.config?.access) throw new Error(`${String(route.method)} ${route.url} declares no access policy (config.access)`);
    });

    // A session that cannot be read (the database is down) fails the routes that need it, not
    // the public ones (/readyz must still say what is wrong).
    const unreadable = new WeakMap<FastifyRequest, unknown>();
    app.addHook('onRequest', async (req: FastifyRequest) => {
      const carried = secretOf(req.headers);
      if (!carried) return;
      try {
        req.actor = await app.auth.resolve(carried.secret);
        req.actorVia = req.actor ? carried.via : null;
      } catch (err) {
        unreadable.set(req, err);
      }
    });

    app.addHook('preHandler', async (req: FastifyRequest) => {
      const access = req.routeOptions.config?.access;
      if (!access || access.public) return;
      if (unreadable.has(req)) throw unreadable.get(req);
      const actor = req.actor;
      if (!actor) throw unauthorized(req.headers.cookie?.includes(sessionCookie) || req.headers.authorization ? 'Your session has ended: sign in again' : 'Sign in first');
      if (req.actorVia === 'cookie' && !safeMethods.has(req.method)) {
        const token = req.headers[csrfHeader];
        if (typeof token !== 'string' || !sameSecret(token, csrfTokenFor(actor.secret))) throw forbidden(`Missing or wrong ${csrfHeader} header (CSRF protection): reload the page`);
        if (!sameOrigin(req.headers.origin, req.headers.host)) throw forbidden('Cross-site request refused');
      }
      await enforce(db, lookups, access, req, actor);
      if (actor.kind === 'person' && actor.onPhone && !safeMethods.has(req.method)) {
        const wait = phoneWrites.take(actor.sessionId);
        if (wait > 0) throw tooManyAttempts(wait);
      }
    });
  },
  { name: 'auth', dependencies: [] },
);
