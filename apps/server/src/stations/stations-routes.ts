import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { IdParamsSchema, IdSchema, ShiftCreateSchema, ShiftSchema, StationCreateSchema, StationPosterQuerySchema, StationPosterSchema, StationSchema, StationUpdateSchema } from '@xk/contract';
import { type Access, seesUnit } from '../auth/access';
import { unitPaths } from '../auth/scope';
import { badRequest } from '../errors';
import { errorReplies } from '../http-schemas';

const idOf = (req: FastifyRequest) => (req.params as { id: number }).id;

/** The address people open: XK_PUBLIC_URL, else the one this request came to. */
export const publicUrlOf = (app: FastifyInstance, req: FastifyRequest) => app.publicUrl ?? `${req.protocol}://${req.host}`;

/** A campaign's stations: anyone whose units overlap the campaign (and the unit asked for); the list is narrowed to overlapping stations. */
const list: Access = {
  role: 'volunteer',
  overlaps: async (req, u) => [await u.campaign(idOf(req)), (req.query as { unitId?: number }).unitId],
  screens: ['board', 'token'],
  campaign: idOf,
  filtered: "stations whose unit's subtree overlaps the caller's units",
};
const create: Access = { role: 'organizer', units: (req) => [(req.body as { unitId: number }).unitId] };
/** One station and its shifts: anyone whose units overlap the station's unit (boards are bound to a campaign, not a station: tokens only). */
const read: Access = { role: 'volunteer', overlaps: async (req, u) => [await u.station(idOf(req))], screens: ['token'] };
const update: Access = { role: 'organizer', units: async (req, u) => [await u.station(idOf(req)), (req.body as { unitId?: number }).unitId] };
const createShift: Access = { role: 'organizer', units: async (req, u) => [await u.station(idOf(req))] };
/** A station's poster code: a coordinator over the station's unit. */
const poster: Access = { role: 'coordinator', units: async (req, u) => [await u.station(idOf(req))] };

export const stationsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const stations = app.services.stations;
  const tags = ['stations'];

  app.get('/campaigns/:id/stations', { config: { access: list }, schema: { tags, params: IdParamsSchema, querystring: Type.Object({ unitId: Type.Optional(IdSchema) }, { additionalProperties: false }), response: { 200: Type.Array(StationSchema), ...errorReplies(400, 401, 403, 404) } } }, async (req) => {
    const all = await stations.list(req.params.id, req.query.unitId);
    const paths = await unitPaths(app.database.db, all.map((s) => s.unitId));
    return all.filter((s) => {
      const path = paths.get(s.unitId);
      return path !== undefined && seesUnit(req.actor!, 'volunteer', path, 'overlaps');
    });
  });
  app.post('/campaigns/:id/stations', { config: { access: create }, schema: { tags, params: IdParamsSchema, body: StationCreateSchema, response: { 201: StationSchema, ...errorReplies(400, 401, 403, 404, 409) } } }, async (req, reply) =>
    reply.status(201).send(await stations.create(req.params.id, req.body)),
  );
  app.get('/stations/:id', { config: { access: read }, schema: { tags, params: IdParamsSchema, response: { 200: StationSchema, ...errorReplies(400, 401, 403, 404) } } }, (req) => stations.get(req.params.id));
  app.patch('/stations/:id', { config: { access: update }, schema: { tags, params: IdParamsSchema, body: StationUpdateSchema, response: { 200: StationSchema, ...errorReplies(400, 401, 403, 404) } } }, (req) =>
    stations.update(req.params.id, req.body),
  );
  app.get(
    '/stations/:id/poster',
    {
      config: { access: poster },
      schema: {
        tags,
        summary: "The code of the station's poster, signed by the hub (phones check it offline, the server on check-in), and the URL its QR carries: <public URL>/phone/#/checkin/<token>",
        params: IdParamsSchema,
        querystring: StationPosterQuerySchema,
        response: { 200: StationPosterSchema, ...errorReplies(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const station = await stations.get(req.params.id);
      const { campaignId } = req.query;
      if (campaignId !== undefined && campaignId !== station.campaignId) throw badRequest('query/campaignId', `station ${station.id} is not a station of campaign ${campaignId}`);
      const token = await app.services.posterKeys.sign(station.campaignId, station.id);
      return { token, url: `${publicUrlOf(app, req)}/phone/#/checkin/${token}` };
    },
  );
  app.get('/stations/:id/shifts', { config: { access: read }, schema: { tags: ['shifts'], params: IdParamsSchema, response: { 200: Type.Array(ShiftSchema), ...errorReplies(400, 401, 403, 404) } } }, (req) =>
    stations.shifts(req.params.id),
  );
  app.post('/stations/:id/shifts', { config: { access: createShift }, schema: { tags: ['shifts'], params: IdParamsSchema, body: ShiftCreateSchema, response: { 201: ShiftSchema, ...errorReplies(400, 401, 403, 404) } } }, async (req, reply) =>
    reply.status(201).send(await stations.createShift(req.params.id, req.body)),
  );
};
