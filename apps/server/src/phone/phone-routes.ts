import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { PhoneStatusReportSchema, PhoneTodayQuerySchema, PhoneTodaySchema } from '@xk/contract';
import type { Access } from '../auth/access';
import type { Actor } from '../auth/scope';
import { forbidden } from '../errors';
import { errorReplies } from '../http-schemas';
import { createPhoneService } from './phone-service';

type Person = Extract<Actor, { kind: 'person' }>;

/** The caller as a person (the policies below let only people through: screens are refused first). */
function personOf(req: FastifyRequest): Person {
  const actor = req.actor;
  if (actor?.kind !== 'person') throw forbidden('Only a person has a phone screen');
  return actor;
}

/**
 * The volunteer's phone: what it needs for the day, and its queue report. Always about the caller
 * (a volunteer sees only himself); `POST /activity/batch` and the moves and messages routes do the rest.
 */
export const phoneRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const phone = createPhoneService(app.database.db, app.services);
  const tags = ['phone'];

  /**
   * Anyone signed in as a person (any role), for a campaign overlapping their units or one they are
   * placed in; never someone else's phone.
   */
  const own = (campaignOf: (req: FastifyRequest) => number | undefined): Access => ({
    role: 'volunteer',
    overlaps: async (req, u) => {
      const id = campaignOf(req);
      if (id === undefined) return [];
      if (req.actor?.kind === 'person' && (await phone.isPlacedIn(req.actor.personId, id))) return [];
      return [await u.campaign(id)];
    },
    filtered: "the caller's own phone: campaigns overlapping their units or where they are placed",
  });

  app.get(
    '/phone/today',
    {
      config: { access: own((req) => (req.query as { campaignId?: number }).campaignId) },
      schema: {
        tags,
        summary:
          "Everything the caller's phone needs for the day, to cache and work offline: campaigns, placement, on duty (by the totals' rule), catalogue, stations, adoptions, pending moves, the newest messages and the poster keys. campaignId: else the one of the open placement, else the newest running one in the caller's units (null when none).",
        querystring: PhoneTodayQuerySchema,
        response: { 200: PhoneTodaySchema, ...errorReplies(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return phone.today(personOf(req), req.query.campaignId);
    },
  );

  app.post(
    '/phone/status',
    {
      config: { access: own((req) => (req.body as { campaignId: number }).campaignId) },
      schema: {
        tags,
        summary: "The caller's phone reports its queue when it has nothing to send (a sync reports it in the batch's `client`): kept as its phone status",
        body: PhoneStatusReportSchema,
        response: { 204: Type.Null(), ...errorReplies(400, 401, 403, 429) },
      },
    },
    async (req, reply) => {
      await phone.report(personOf(req).personId, req.body);
      return reply.status(204).send(null);
    },
  );
};
