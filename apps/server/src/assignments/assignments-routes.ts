import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AssignmentCreateSchema, AssignmentListQuerySchema, AssignmentSchema, IdParamsSchema } from '@xk/contract';
import { errorReplies } from '../http-schemas';

export const assignmentsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const assignments = app.services.assignments;
  const tags = ['assignments'];
  app.get('/campaigns/:id/assignments', { schema: { tags, summary: 'Who is placed where (history=true for ended placements too)', params: IdParamsSchema, querystring: AssignmentListQuerySchema, response: { 200: Type.Array(AssignmentSchema), ...errorReplies(400, 404) } } }, (req) =>
    assignments.list(req.params.id, req.query),
  );
  app.post('/campaigns/:id/assignments', { schema: { tags, summary: "Place a person at a station and/or team; ends the person's open placement", params: IdParamsSchema, body: AssignmentCreateSchema, response: { 201: AssignmentSchema, ...errorReplies(400, 404) } } }, async (req, reply) =>
    reply.status(201).send(await assignments.create(req.params.id, req.body)),
  );
};
