import type { FastifyReply, FastifyRequest } from 'fastify';
import { csrfTokenFor } from './secrets';

/** The session cookie (httpOnly) and the CSRF cookie the web app reads and echoes in `x-csrf-token`. */
export const sessionCookie = 'xk_session';
export const csrfCookie = 'xk_csrf';
export const csrfHeader = 'x-csrf-token';

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

const attributes = (req: FastifyRequest, maxAgeSeconds: number) =>
  `Path=/; Max-Age=${maxAgeSeconds}; SameSite=Lax${req.protocol === 'https' ? '; Secure' : ''}`;

/** Sets the session and CSRF cookies (Secure when the request came over TLS). */
export function setSessionCookies(req: FastifyRequest, reply: FastifyReply, secret: string, expiresAt: Date) {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
  reply.header('set-cookie', [
    `${sessionCookie}=${secret}; HttpOnly; ${attributes(req, maxAge)}`,
    `${csrfCookie}=${csrfTokenFor(secret)}; ${attributes(req, maxAge)}`,
  ]);
}

export function clearSessionCookies(req: FastifyRequest, reply: FastifyReply) {
  reply.header('set-cookie', [`${sessionCookie}=; HttpOnly; ${attributes(req, 0)}`, `${csrfCookie}=; ${attributes(req, 0)}`]);
}
