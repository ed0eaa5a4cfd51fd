import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { IdParamsSchema, PhoneStatusQuerySchema, PhoneStatusSchema } from '@xk/contract';
import { type Access, seesUnit, unitLookups } from '../auth/access';
import { scopesOf, unitPaths } from '../auth/scope';
import { errorReplies } from '../http-schemas';

const personOf = (req: FastifyRequest) => (req.query as { personId?: number }).personId;

/** A person's own phone; else coordinators (over the person asked for), narrowed to the people they coordinate. */
const list: Access = {
  role: 'coordinator',
  overlaps: async (req, u) => [await u.campaign((req.params as { id: number }).id)],
  units: (req, u) => u.person(personOf(req)),
  self: personOf,
  filtered: 'phones of people with a membership in a unit the caller coordinates',
};

export const phoneStatusRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const phoneStatus = app.services.phoneStatus;
  const db = app.database.db;
  const lookups = unitLookups(db);
  app.get(
    '/campaigns/:id/phone-status',
    {
      config: { access: list },
      schema: {
        tags: ['phone-status'],
        summary: "What each phone last reported with a sync (queue length, last sync); reported in the batch write's `client`",
        params: IdParamsSchema,
        querystring: PhoneStatusQuerySchema,
        response: { 200: Type.Array(PhoneStatusSchema), ...errorReplies(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const actor = req.actor!;
      const rows = await phoneStatus.list(req.params.id, req.query.personId);
      const self = actor.kind === 'person' && req.query.personId === actor.personId;
      if (self || scopesOf(actor, 'coordinator').includes(null) || rows.length === 0) return rows;
      const people = await lookups.people([...new Set(rows.map((r) => r.personId))]);
      const paths = await unitPaths(db, [...people.values()].flat());
      return rows.filter((r) =>
        (people.get(r.personId) ?? []).some((unitId) => {
          const path = paths.get(unitId);
          return path !== undefined && seesUnit(actor, 'coordinator', path);
        }),
      );
    },
  );
};
