import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { and, eq } from 'drizzle-orm';
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
  TargetSplitSchema,
  TargetUpsertSchema,
} from '@xk/contract';
import { schema } from '@xk/db';
import { type Access, seesUnit } from '../auth/access';
import { unitPaths } from '../auth/scope';
import { errorReplies } from '../http-schemas';

const idOf = (req: FastifyRequest) => (req.params as { id: number }).id;

export const campaignsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { campaigns, targets } = app.services;
  const db = app.database.db;
  const tags = ['campaigns'];

  /** The unit a target is set for (undefined when there is no such target: the handler answers 404). */
  async function targetUnit(campaignId: number, targetId: number): Promise<number | undefined> {
    const [row] = await db.select({ unitId: schema.targets.unitId }).from(schema.targets).where(and(eq(schema.targets.campaignId, campaignId), eq(schema.targets.id, targetId)));
    return row?.unitId;
  }

  const list: Access = { role: 'volunteer', screens: ['board', 'token'], filtered: "campaigns whose scope unit's subtree overlaps the caller's units (a board: its own campaign)" };
  /** A campaign's reads: anyone whose units overlap its scope; its boards; tokens over an overlapping subtree. */
  const read: Access = { role: 'volunteer', overlaps: async (req, u) => [await u.campaign(idOf(req))], screens: ['board', 'token'], campaign: idOf };
  const create: Access = { role: 'organizer', units: (req) => [(req.body as { scopeUnitId: number }).scopeUnitId] };
  /** Editing a campaign and its catalogue: an organizer over its scope unit. */
  const edit: Access = { role: 'organizer', units: async (req, u) => [await u.campaign(idOf(req))] };
  const readTargets: Access = { ...read, overlaps: async (req, u) => [await u.campaign(idOf(req)), (req.query as { unitId?: number }).unitId] };
  const setTarget: Access = { role: 'organizer', units: (req) => [(req.body as { unitId: number }).unitId] };
  const removeTarget: Access = { role: 'organizer', units: async (req) => [await targetUnit(idOf(req), (req.params as { targetId: number }).targetId)] };

  app.get('/campaigns', { config: { access: list }, schema: { tags, summary: "Campaigns over (or inside) the caller's units", response: { 200: Type.Array(CampaignSchema), ...errorReplies(401, 403) } } }, async (req) => {
    const actor = req.actor!;
    const all = await campaigns.list();
    if (actor.kind === 'board') return all.filter((c) => c.id === actor.campaignId);
    const paths = await unitPaths(db, all.map((c) => c.scopeUnitId));
    return all.filter((c) => {
      const path = paths.get(c.scopeUnitId);
      return path !== undefined && seesUnit(actor, 'volunteer', path, 'overlaps');
    });
  });
  app.get('/campaigns/:id', { config: { access: read }, schema: { tags, params: IdParamsSchema, response: { 200: CampaignSchema, ...errorReplies(400, 401, 403, 404) } } }, (req) => campaigns.get(req.params.id));
  app.post('/campaigns', { config: { access: create }, schema: { tags, summary: 'Create a campaign; its service catalogue is seeded from the default one', body: CampaignCreateSchema, response: { 201: CampaignSchema, ...errorReplies(400, 401, 403, 409) } } }, async (req, reply) =>
    reply.status(201).send(await campaigns.create(req.body)),
  );
  app.patch('/campaigns/:id', { config: { access: edit }, schema: { tags, params: IdParamsSchema, body: CampaignUpdateSchema, response: { 200: CampaignSchema, ...errorReplies(400, 401, 403, 404) } } }, (req) =>
    campaigns.update(req.params.id, req.body),
  );

  app.get('/campaigns/:id/services', { config: { access: read }, schema: { tags: ['services'], params: IdParamsSchema, response: { 200: Type.Array(ServiceSchema), ...errorReplies(400, 401, 403, 404) } } }, (req) =>
    campaigns.services(req.params.id),
  );
  app.put('/campaigns/:id/services/:code', { config: { access: edit }, schema: { tags: ['services'], summary: 'Add or edit a service of the catalogue (isActive false retires it)', params: ServiceParamsSchema, body: ServiceUpsertSchema, response: { 200: ServiceSchema, ...errorReplies(400, 401, 403, 404) } } }, (req) =>
    campaigns.upsertService(req.params.id, req.params.code, req.body),
  );

  app.get('/campaigns/:id/targets', { config: { access: readTargets }, schema: { tags: ['targets'], params: IdParamsSchema, querystring: Type.Object({ unitId: Type.Optional(IdSchema) }, { additionalProperties: false }), response: { 200: Type.Array(TargetSchema), ...errorReplies(400, 401, 403, 404) } } }, (req) =>
    targets.list(req.params.id, req.query.unitId),
  );
  app.put('/campaigns/:id/targets', { config: { access: setTarget }, schema: { tags: ['targets'], summary: 'Set the target of a unit for a service and kind (replaces an earlier value); an organizer over that unit', params: IdParamsSchema, body: TargetUpsertSchema, response: { 200: TargetSchema, ...errorReplies(400, 401, 403, 404) } } }, (req) =>
    targets.upsert(req.params.id, req.body),
  );
  app.post(
    '/campaigns/:id/targets/split',
    {
      config: { access: setTarget },
      schema: {
        tags: ['targets'],
        summary: "Split a unit's target (kind, service) among its child units, replacing theirs, all or nothing: a count by the children's member headcounts or equally, in whole parts that add up to it; an adoption share is the same share for each child. An organizer over that unit",
        params: IdParamsSchema,
        body: TargetSplitSchema,
        response: { 200: Type.Array(TargetSchema), ...errorReplies(400, 401, 403, 404) },
      },
    },
    (req) => targets.split(req.params.id, req.body),
  );
  app.delete('/campaigns/:id/targets/:targetId', { config: { access: removeTarget }, schema: { tags: ['targets'], params: Type.Object({ id: IdSchema, targetId: IdSchema }, { additionalProperties: false }), response: { 204: Type.Null(), ...errorReplies(400, 401, 403, 404) } } }, async (req, reply) => {
    await targets.remove(req.params.id, req.params.targetId);
    return reply.status(204).send(null);
  });
};
