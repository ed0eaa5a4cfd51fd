import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { DailyTotalsSchema, IdParamsSchema, TotalsQuerySchema, UnitTotalsSchema } from '@xk/contract';
import type { Access, UnitLookups } from '../auth/access';
import { errorReplies } from '../http-schemas';

const idOf = (req: FastifyRequest) => (req.params as { id: number }).id;

/** The unit a campaign-wide read asks about: `?unitId=`, else the campaign's scope unit. */
export const unitAsked = async (req: FastifyRequest, u: UnitLookups) => [(req.query as { unitId?: number }).unitId ?? (await u.campaign(idOf(req)))];

/**
 * Totals (no personal data): anyone whose units overlap the unit asked for (the campaign's scope
 * unit by default); the campaign's boards and tokens for units inside their own subtree.
 */
const read: Access = {
  role: 'volunteer',
  overlaps: unitAsked,
  screenUnits: unitAsked,
  screens: ['board', 'token'],
  campaign: idOf,
};

export const totalsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const totals = app.services.totals;
  const tags = ['totals'];
  app.get('/campaigns/:id/totals', { config: { access: read }, schema: { tags, summary: "Totals rolled up a unit's subtree (the campaign's scope unit by default), with target progress", params: IdParamsSchema, querystring: TotalsQuerySchema, response: { 200: UnitTotalsSchema, ...errorReplies(400, 401, 403, 404) } } }, (req) =>
    totals.forUnit(req.params.id, req.query.unitId),
  );
  app.get('/campaigns/:id/totals/daily', { config: { access: read }, schema: { tags, summary: "Totals per day in the campaign's timezone", params: IdParamsSchema, querystring: TotalsQuerySchema, response: { 200: DailyTotalsSchema, ...errorReplies(400, 401, 403, 404) } } }, (req) =>
    totals.daily(req.params.id, req.query.unitId),
  );
};
