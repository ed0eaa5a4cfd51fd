import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParamsSchema, IdSchema, ShiftCreateSchema, ShiftSchema, StationCreateSchema, StationSchema, StationUpdateSchema } from '@xk/contract';
import { errorReplies } from '../http-schemas';

export const stationsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const stations = app.services.stations;
  const tags = ['stations'];

  app.get('/campaigns/:id/stations', { schema: { tags, params: IdParamsSchema, querystring: Type.Object({ unitId: Type.Optional(IdSchema) }, { additionalProperties: false }), response: { 200: Type.Array(StationSchema), ...errorReplies(400, 404) } } }, (req) =>
    stations.list(req.params.id, req.query.unitId),
  );
  app.post('/campaigns/:id/stations', { schema: { tags, params: IdParamsSchema, body: StationCreateSchema, response: { 201: StationSchema, ...errorReplies(400, 404, 409) } } }, async (req, reply) =>
    reply.status(201).send(await stations.create(req.params.id, req.body)),
  );
  app.get('/stations/:id', { schema: { tags, params: IdParamsSchema, response: { 200: StationSchema, ...errorReplies(400, 404) } } }, (req) => stations.get(req.params.id));
  app.patch('/stations/:id', { schema: { tags, params: IdParamsSchema, body: StationUpdateSchema, response: { 200: StationSchema, ...errorReplies(400, 404) } } }, (req) =>
    stations.update(req.params.id, req.body),
  );
  app.get('/stations/:id/shifts', { schema: { tags: ['shifts'], params: IdParamsSchema, response: { 200: Type.Array(ShiftSchema), ...errorReplies(400, 404) } } }, (req) =>
    stations.shifts(req.params.id),
  );
  app.post('/stations/:id/shifts', { schema: { tags: ['shifts'], params: IdParamsSchema, body: ShiftCreateSchema, response: { 201: ShiftSchema, ...errorReplies(400, 404) } } }, async (req, reply) =>
    reply.status(201).send(await stations.createShift(req.params.id, req.body)),
  );
};
