import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Me } from '@xk/contract';
import { setSessionCookies } from './cookies';
import type { Actor } from './scope';
import { csrfTokenFor } from './secrets';

/** Who the caller is, as `GET /auth/me` and every sign-in answer it: a person with their grants, a board, a token. */
export async function meOf(app: FastifyInstance, actor: Actor): Promise<Me> {
  if (actor.kind !== 'person') {
    const unitName = (await app.services.units.get(actor.unitId)).name;
    return actor.kind === 'board' ? { kind: 'board', grants: [], campaignId: actor.campaignId, unitId: actor.unitId, unitName } : { kind: 'token', grants: [], unitId: actor.unitId, unitName };
  }
  const person = await app.services.people.get(actor.personId);
  return { kind: 'person', person: { id: person.id, name: person.name }, grants: actor.grants.map((g) => ({ role: g.role, unitId: g.unitId })), csrfToken: csrfTokenFor(actor.secret) };
}

/** The answer to any sign-in (password, set-up, link, join, PIN, board): the session's cookies, and who is now signed in. */
export async function signedInReply(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply, opened: { secret: string; expiresAt: Date }): Promise<Me> {
  setSessionCookies(req, reply, opened.secret, opened.expiresAt);
  return meOf(app, (await app.auth.resolve(opened.secret))!);
}
