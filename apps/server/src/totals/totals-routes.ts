import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DailyTotalsSchema, IdParamsSchema, TotalsQuerySchema, UnitTotalsSchema } from '@xk/contract';
import { errorReplies } from '../http-schemas';

export const totalsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const totals = app.services.totals;
  const tags = ['totals'];
  app.get('/campaigns/:id/totals', { schema: { tags, summary: "Totals rolled up a unit's subtree (the campaign's scope unit by default), with target progress", params: IdParamsSchema, querystring: TotalsQuerySchema, response: { 200: UnitTotalsSchema, ...errorReplies(400, 404) } } }, (req) =>
    totals.forUnit(req.params.id, req.query.unitId),
  );
  app.get('/campaigns/:id/totals/daily', { schema: { tags, summary: "Totals per day in the campaign's timezone", params: IdParamsSchema, querystring: TotalsQuerySchema, response: { 200: DailyTotalsSchema, ...errorReplies(400, 404) } } }, (req) =>
    totals.daily(req.params.id, req.query.unitId),
  );
};
