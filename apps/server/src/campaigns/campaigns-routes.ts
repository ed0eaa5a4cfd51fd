import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  CampaignCreateSchema,
  CampaignSchema,
  CampaignUpdateSchema,
  IdParamsSchema,
  IdSchema,
  ServiceParamsSchema,
  ServiceSchema,
  ServiceUpsertSchema,
  TargetSchema,
  TargetUpsertSchema,
} from '@xk/contract';
import { errorReplies } from '../http-schemas';

export const campaignsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { campaigns, targets } = app.services;
  const tags = ['campaigns'];

  app.get('/campaigns', { schema: { tags, response: { 200: Type.Array(CampaignSchema) } } }, () => campaigns.list());
  app.get('/campaigns/:id', { schema: { tags, params: IdParamsSchema, response: { 200: CampaignSchema, ...errorReplies(400, 404) } } }, (req) => campaigns.get(req.params.id));
  app.post('/campaigns', { schema: { tags, summary: 'Create a campaign; its service catalogue is seeded from the default one', body: CampaignCreateSchema, response: { 201: CampaignSchema, ...errorReplies(400, 409) } } }, async (req, reply) =>
    reply.status(201).send(await campaigns.create(req.body)),
  );
  app.patch('/campaigns/:id', { schema: { tags, params: IdParamsSchema, body: CampaignUpdateSchema, response: { 200: CampaignSchema, ...errorReplies(400, 404) } } }, (req) =>
    campaigns.update(req.params.id, req.body),
  );

  app.get('/campaigns/:id/services', { schema: { tags: ['services'], params: IdParamsSchema, response: { 200: Type.Array(ServiceSchema), ...errorReplies(400, 404) } } }, (req) =>
    campaigns.services(req.params.id),
  );
  app.put('/campaigns/:id/services/:code', { schema: { tags: ['services'], summary: 'Add or edit a service of the catalogue (isActive false retires it)', params: ServiceParamsSchema, body: ServiceUpsertSchema, response: { 200: ServiceSchema, ...errorReplies(400, 404) } } }, (req) =>
    campaigns.upsertService(req.params.id, req.params.code, req.body),
  );

  app.get('/campaigns/:id/targets', { schema: { tags: ['targets'], params: IdParamsSchema, querystring: Type.Object({ unitId: Type.Optional(IdSchema) }, { additionalProperties: false }), response: { 200: Type.Array(TargetSchema), ...errorReplies(400, 404) } } }, (req) =>
    targets.list(req.params.id, req.query.unitId),
  );
  app.put('/campaigns/:id/targets', { schema: { tags: ['targets'], summary: 'Set the target of a unit for a service and kind (replaces an earlier value)', params: IdParamsSchema, body: TargetUpsertSchema, response: { 200: TargetSchema, ...errorReplies(400, 404) } } }, (req) =>
    targets.upsert(req.params.id, req.body),
  );
  app.delete('/campaigns/:id/targets/:targetId', { schema: { tags: ['targets'], params: Type.Object({ id: IdSchema, targetId: IdSchema }, { additionalProperties: false }), response: { 204: Type.Null(), ...errorReplies(400, 404) } } }, async (req, reply) => {
    await targets.remove(req.params.id, req.params.targetId);
    return reply.status(204).send(null);
  });
};
