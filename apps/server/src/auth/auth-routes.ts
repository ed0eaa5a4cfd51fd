import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { GrantCreateSchema, GrantSchema, IdParamsSchema, MeSchema, RedeemLinkSchema, SetupSchema, SignInSchema } from '@xk/contract';
import { badRequest, forbidden } from '../errors';
import { errorReplies } from '../http-schemas';
import type { Access } from './access';
import { clearSessionCookies } from './cookies';
import { meOf, signedInReply } from './me';
import { covers, rankOf, type Role, scopesOf, unitPaths } from './scope';

const tags = ['auth'];
const origin = (req: FastifyRequest) => ({ ip: req.ip, userAgent: req.headers['user-agent'] });

/** Who may give which role: an admin any; an organizer coordinator and volunteer roles, inside their units. */
const grantable = (role: Role): Role => (rankOf(role) >= rankOf('organizer') ? 'admin' : 'organizer');

export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const auth = app.auth;

  const open: Access = { public: true };
  app.post(
    '/auth/sign-in',
    { config: { access: open }, schema: { tags, summary: 'Sign in with a phone number or e-mail and a password; sets the session cookie', body: SignInSchema, response: { 200: MeSchema, ...errorReplies(400, 401) } } },
    async (req, reply) => {
      const session = await auth.signIn(req.body.login, req.body.password, origin(req));
      return signedInReply(app, req, reply, session);
    },
  );
  app.post(
    '/auth/setup',
    { config: { access: open }, schema: { tags, summary: 'Create the first admin with the one-time set-up link printed at first start', body: SetupSchema, response: { 200: MeSchema, ...errorReplies(400, 401, 409) } } },
    async (req, reply) => {
      const session = await auth.setup(req.body.secret, req.body, origin(req));
      return signedInReply(app, req, reply, session);
    },
  );
  app.post(
    '/auth/links/redeem',
    { config: { access: open }, schema: { tags, summary: 'Exchange a one-time sign-in link (the secret after `#/link/`) for a session', body: RedeemLinkSchema, response: { 200: MeSchema, ...errorReplies(400, 401) } } },
    async (req, reply) => {
      const session = await auth.redeemSignInLink(req.body.secret, origin(req));
      return signedInReply(app, req, reply, session);
    },
  );
  app.get('/auth/me', { config: { access: { signedIn: true } }, schema: { tags, summary: 'Who is signed in', response: { 200: MeSchema, ...errorReplies(401) } } }, (req) => meOf(app, req.actor!));
  app.post('/auth/sign-out', { config: { access: { signedIn: true } }, schema: { tags, summary: 'End this session', response: { 204: Type.Null(), ...errorReplies(401, 403) } } }, async (req, reply) => {
    await auth.signOut(req.actor!, origin(req));
    clearSessionCookies(req, reply);
    return reply.status(204).send(null);
  });

  app.get(
    '/people/:id/grants',
    {
      config: { access: { role: 'coordinator', units: (req, u) => u.person((req.params as { id: number }).id), self: (req) => (req.params as { id: number }).id } },
      schema: { tags, summary: "A person's roles and where", params: IdParamsSchema, response: { 200: Type.Array(GrantSchema), ...errorReplies(401, 403, 404) } },
    },
    async (req) => {
      await app.services.people.get(req.params.id);
      return auth.grantRows(req.params.id);
    },
  );
  app.post(
    '/people/:id/grants',
    {
      config: { access: { role: 'organizer', units: (req) => [(req.body as { unitId: number | null }).unitId] } },
      schema: { tags, summary: 'Give a person a role over a unit and everything under it (audited)', params: IdParamsSchema, body: GrantCreateSchema, response: { 201: GrantSchema, ...errorReplies(400, 401, 403, 404, 409) } },
    },
    async (req, reply) => {
      const actor = req.actor!;
      const needed = grantable(req.body.role);
      const scopes = scopesOf(actor, needed);
      const path = req.body.unitId === null ? null : (await unitPaths(app.database.db, [req.body.unitId])).get(req.body.unitId);
      if (req.body.unitId !== null && path === undefined) throw badRequest('body/unitId', `unit ${req.body.unitId} does not exist`);
      const allowed = path === null ? scopes.includes(null) : covers(scopes, path!);
      if (!allowed) throw forbidden(`Giving the ${req.body.role} role ${path === null ? 'over the whole tree' : `over unit ${req.body.unitId}`} needs the ${needed} role there`);
      return reply.status(201).send(await auth.grant(actor, req.params.id, req.body.role, req.body.unitId, origin(req)));
    },
  );
  app.post(
    '/people/:id/sessions/revoke',
    {
      config: { access: { role: 'coordinator', units: (req, u) => u.person((req.params as { id: number }).id), self: (req) => (req.params as { id: number }).id } },
      schema: {
        tags,
        summary: "End every session of a person (a lost phone): their screens and phones must sign in again; their live sockets close within seconds (audited). A staff account's sessions: its holder or a whole-tree admin.",
        params: IdParamsSchema,
        response: { 200: Type.Object({ revoked: Type.Integer({ minimum: 0 }) }), ...errorReplies(401, 403, 404) },
      },
    },
    async (req) => {
      const actor = req.actor!;
      await app.services.people.get(req.params.id);
      const self = actor.kind === 'person' && actor.personId === req.params.id;
      const staff = (await auth.grantsOf(req.params.id)).some((g) => rankOf(g.role) > rankOf('volunteer'));
      if (staff && !self && !scopesOf(actor, 'admin').includes(null)) throw forbidden(`Person ${req.params.id} holds a staff role: only they or an admin of the whole tree may end their sessions`);
      const revoked = await auth.revokePersonSessions(req.params.id);
      await auth.audit(actor, 'sessions.revoke', `person:${req.params.id}`, { revoked }, origin(req));
      return { revoked };
    },
  );
};
