import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { BoardLinkCreatedSchema, BoardLinkCreateSchema, BoardLinkSchema, BoardOpenSchema, IdParamsSchema, MeSchema, TokenCreatedSchema, TokenCreateSchema, TokenSchema } from '@xk/contract';
import { errorReplies } from '../http-schemas';
import type { Access } from './access';
import { signedInReply } from './me';
import { createScreensService } from './screens-service';

const idOf = (req: FastifyRequest) => (req.params as { id: number }).id;
const unitOfBody = (req: FastifyRequest) => [(req.body as { unitId: number }).unitId];
const origin = (req: FastifyRequest) => ({ ip: req.ip, userAgent: req.headers['user-agent'] });

/**
 * Board links (read-only hall screens) and integration tokens. Their secrets travel only in
 * request bodies and answers (never in a URL the hub sees), so request logs never hold them.
 */
export const screensRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const screens = createScreensService(app.database.db, app.auth);

  /** Board links: a coordinator over the link's unit (which must lie inside the campaign's scope). */
  const createLink: Access = { role: 'coordinator', units: unitOfBody };
  const listLinks: Access = { role: 'coordinator', overlaps: async (req, u) => [await u.campaign(idOf(req))], filtered: 'links at units the caller coordinates' };
  const revokeLink: Access = { role: 'coordinator', units: async (req) => [await screens.boardLinkUnit(idOf(req))] };
  /** A TV with no keyboard opens the link: the secret is the credential. */
  const openBoard: Access = { public: true };
  /** Integration tokens: an organizer over the token's unit. */
  const createToken: Access = { role: 'organizer', units: unitOfBody };
  const listTokens: Access = { role: 'organizer', filtered: 'tokens over units the caller organizes' };
  const revokeToken: Access = { role: 'organizer', units: async (req) => [await screens.tokenUnit(idOf(req))] };

  const boards = ['board-links'];
  app.post(
    '/campaigns/:id/board-links',
    {
      config: { access: createLink },
      schema: { tags: boards, summary: "Create a read-only board link for a campaign at a unit (a hall's TV); the secret is shown once (audited)", params: IdParamsSchema, body: BoardLinkCreateSchema, response: { 201: BoardLinkCreatedSchema, ...errorReplies(400, 401, 403, 404) } },
    },
    async (req, reply) => reply.status(201).send(await screens.createBoardLink(req.actor!, req.params.id, req.body, origin(req))),
  );
  app.get(
    '/campaigns/:id/board-links',
    { config: { access: listLinks }, schema: { tags: boards, summary: "A campaign's board links at the caller's units, with the screens open on each", params: IdParamsSchema, response: { 200: Type.Array(BoardLinkSchema), ...errorReplies(400, 401, 403, 404) } } },
    (req) => screens.listBoardLinks(req.actor!, req.params.id),
  );
  app.post(
    '/board-links/:id/revoke',
    { config: { access: revokeLink }, schema: { tags: boards, summary: 'Revoke a board link and every screen opened from it: their live sockets close within seconds (audited)', params: IdParamsSchema, response: { 200: BoardLinkSchema, ...errorReplies(400, 401, 403, 404) } } },
    (req) => screens.revokeBoardLink(req.actor!, req.params.id, origin(req)),
  );
  app.post(
    '/auth/board',
    { config: { access: openBoard }, schema: { tags: ['auth'], summary: 'A screen exchanges a board link (the secret after `#/board/`) for a read-only board session; sets the session cookie', body: BoardOpenSchema, response: { 200: MeSchema, ...errorReplies(400, 401) } } },
    async (req, reply) => {
      return signedInReply(app, req, reply, await screens.openBoard(req.body.secret, origin(req)));
    },
  );

  const tokens = ['tokens'];
  app.post(
    '/tokens',
    { config: { access: createToken }, schema: { tags: tokens, summary: 'Create a read-only integration token over a unit and everything under it; the secret (for `Authorization: Bearer`) is shown once (audited)', body: TokenCreateSchema, response: { 201: TokenCreatedSchema, ...errorReplies(400, 401, 403) } } },
    async (req, reply) => reply.status(201).send(await screens.createToken(req.actor!, req.body, origin(req))),
  );
  app.get('/tokens', { config: { access: listTokens }, schema: { tags: tokens, summary: 'Integration tokens over the units the caller organizes (never their secrets)', response: { 200: Type.Array(TokenSchema), ...errorReplies(401, 403) } } }, (req) =>
    screens.listTokens(req.actor!),
  );
  app.post(
    '/tokens/:id/revoke',
    { config: { access: revokeToken }, schema: { tags: tokens, summary: 'Revoke an integration token (audited)', params: IdParamsSchema, response: { 200: TokenSchema, ...errorReplies(400, 401, 403, 404) } } },
    (req) => screens.revokeToken(req.actor!, req.params.id, origin(req)),
  );
};
