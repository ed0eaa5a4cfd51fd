import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParamsSchema, PhoneStatusQuerySchema, PhoneStatusSchema } from '@xk/contract';
import { errorReplies } from '../http-schemas';

export const phoneStatusRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const phoneStatus = app.services.phoneStatus;
  app.get(
    '/campaigns/:id/phone-status',
    {
      schema: {
        tags: ['phone-status'],
        summary: "What each phone last reported with a sync (queue length, last sync); reported in the batch write's `client`",
        params: IdParamsSchema,
        querystring: PhoneStatusQuerySchema,
        response: { 200: Type.Array(PhoneStatusSchema), ...errorReplies(400, 404) },
      },
    },
    (req) => phoneStatus.list(req.params.id, req.query.personId),
  );
};
