import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParamsSchema, IdSchema, TeamCreateSchema, TeamSchema, TeamUpdateSchema } from '@xk/contract';
import { errorReplies } from '../http-schemas';

const tags = ['teams'];

export const teamsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const teams = app.services.teams;
  app.get('/teams', { schema: { tags, querystring: Type.Object({ unitId: Type.Optional(IdSchema) }, { additionalProperties: false }), response: { 200: Type.Array(TeamSchema), ...errorReplies(400) } } }, (req) =>
    teams.list(req.query),
  );
  app.get('/teams/:id', { schema: { tags, params: IdParamsSchema, response: { 200: TeamSchema, ...errorReplies(400, 404) } } }, (req) => teams.get(req.params.id));
  app.post('/teams', { schema: { tags, body: TeamCreateSchema, response: { 201: TeamSchema, ...errorReplies(400, 409) } } }, async (req, reply) =>
    reply.status(201).send(await teams.create(req.body)),
  );
  app.patch('/teams/:id', { schema: { tags, params: IdParamsSchema, body: TeamUpdateSchema, response: { 200: TeamSchema, ...errorReplies(400, 404) } } }, (req) =>
    teams.update(req.params.id, req.body),
  );
};
