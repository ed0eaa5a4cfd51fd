import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { IdParamsSchema, IdSchema, TeamCreateSchema, TeamSchema, TeamUpdateSchema } from '@xk/contract';
import { type Access, seesUnit } from '../auth/access';
import { scopesOf, unitPaths } from '../auth/scope';
import { errorReplies } from '../http-schemas';

const tags = ['teams'];
const idOf = (req: FastifyRequest) => (req.params as { id: number }).id;

const list: Access = { role: 'coordinator', units: (req) => [(req.query as { unitId?: number }).unitId], filtered: 'teams of the units the caller coordinates' };
const readOne: Access = { role: 'coordinator', units: async (req, u) => [await u.team(idOf(req))] };
const create: Access = { role: 'organizer', units: (req) => [(req.body as { unitId: number }).unitId] };
const update: Access = { role: 'organizer', units: async (req, u) => [await u.team(idOf(req)), (req.body as { unitId?: number }).unitId] };

export const teamsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const teams = app.services.teams;
  app.get('/teams', { config: { access: list }, schema: { tags, summary: 'Teams (of a unit): those of the units the caller coordinates', querystring: Type.Object({ unitId: Type.Optional(IdSchema) }, { additionalProperties: false }), response: { 200: Type.Array(TeamSchema), ...errorReplies(400, 401, 403) } } }, async (req) => {
    const all = await teams.list(req.query);
    if (scopesOf(req.actor!, 'coordinator').includes(null)) return all;
    const paths = await unitPaths(app.database.db, all.map((team) => team.unitId));
    return all.filter((team) => {
      const path = paths.get(team.unitId);
      return path !== undefined && seesUnit(req.actor!, 'coordinator', path);
    });
  });
  app.get('/teams/:id', { config: { access: readOne }, schema: { tags, params: IdParamsSchema, response: { 200: TeamSchema, ...errorReplies(400, 401, 403, 404) } } }, (req) => teams.get(req.params.id));
  app.post('/teams', { config: { access: create }, schema: { tags, body: TeamCreateSchema, response: { 201: TeamSchema, ...errorReplies(400, 401, 403, 409) } } }, async (req, reply) =>
    reply.status(201).send(await teams.create(req.body)),
  );
  app.patch('/teams/:id', { config: { access: update }, schema: { tags, summary: "Rename, re-kind or move a team (organizer over its unit, and the new one)", params: IdParamsSchema, body: TeamUpdateSchema, response: { 200: TeamSchema, ...errorReplies(400, 401, 403, 404) } } }, (req) =>
    teams.update(req.params.id, req.body),
  );
};
