import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParamsSchema, UnitCreateSchema, UnitListQuerySchema, UnitMergeSchema, UnitSchema, UnitUpdateSchema } from '@xk/contract';
import { errorReplies } from '../http-schemas';

const tags = ['units'];

export const unitsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const units = app.services.units;

  app.get('/units', { schema: { tags, summary: 'List units (active ones unless includeMerged)', querystring: UnitListQuerySchema, response: { 200: Type.Array(UnitSchema), ...errorReplies(400) } } }, (req) =>
    units.list(req.query),
  );
  app.get('/units/:id', { schema: { tags, params: IdParamsSchema, response: { 200: UnitSchema, ...errorReplies(400, 404) } } }, (req) =>
    units.get(req.params.id),
  );
  app.get('/units/:id/subtree', { schema: { tags, summary: 'The unit and every unit under it', params: IdParamsSchema, response: { 200: Type.Array(UnitSchema), ...errorReplies(400, 404) } } }, (req) =>
    units.subtree(req.params.id),
  );
  app.post('/units', { schema: { tags, body: UnitCreateSchema, response: { 201: UnitSchema, ...errorReplies(400, 409) } } }, async (req, reply) =>
    reply.status(201).send(await units.create(req.body)),
  );
  app.patch('/units/:id', { schema: { tags, summary: 'Rename, move or set the member headcount', params: IdParamsSchema, body: UnitUpdateSchema, response: { 200: UnitSchema, ...errorReplies(400, 404) } } }, (req) =>
    units.update(req.params.id, req.body),
  );
  app.post('/units/:id/merge', { schema: { tags, summary: 'Merge the unit into a successor; its history rolls up there', params: IdParamsSchema, body: UnitMergeSchema, response: { 200: UnitSchema, ...errorReplies(400, 404, 409) } } }, (req) =>
    units.merge(req.params.id, req.body.successorId),
  );
};
