import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { IdParamsSchema, MoveAckSchema, MoveCommandSchema, MoveListQuerySchema, MoveParamsSchema, MoveResultSchema, MoveSchema, type MoveNotice, MoveUndoSchema } from '@xk/contract';
import { type Access, mustBeCaller, seesUnit, unitLookups } from '../auth/access';
import { scopesOf, unitPaths } from '../auth/scope';
import { errorReplies } from '../http-schemas';
import { roomName } from '../live/live-rooms';

const idOf = (req: FastifyRequest) => (req.params as { id: number }).id;

/** Moving people: a coordinator over every moved person's units and over the destination station's and team's. */
const request: Access = {
  role: 'coordinator',
  units: async (req, u) => {
    const body = req.body as { personIds: number[]; toStationId?: number; toTeamId?: number };
    return [...[...(await u.people(body.personIds)).values()].flat(), await u.station(body.toStationId), await u.team(body.toTeamId)];
  },
};
/**
 * Undoing a move: a coordinator over every person it moved and over the stations and teams it took
 * them from (where the undo sends them back). An unknown move: the handler answers 404.
 */
const undo: Access = {
  role: 'coordinator',
  units: (req, u) => u.moveOrigins((req.params as { moveId: string }).moveId),
};
/** The moved person's phone acknowledges; or a coordinator over the person's units. */
const acknowledge: Access = {
  role: 'coordinator',
  units: (req, u) => u.person((req.body as { personId: number }).personId),
  self: (req) => (req.body as { personId: number }).personId,
};
/** Moves of a campaign: coordinators whose units overlap it, narrowed to the people they coordinate; a person their own. */
const list: Access = {
  role: 'coordinator',
  overlaps: async (req, u) => [await u.campaign(idOf(req))],
  units: (req, u) => u.person((req.query as { personId?: number }).personId),
  self: (req) => (req.query as { personId?: number }).personId,
  filtered: "moves of people with a membership in a unit the caller coordinates, or to a station or team of such a unit",
};

/** The rooms a person's screens listen on: their own scope, on both tiers. */
export const personRooms = (campaignId: number, personId: number) =>
  (['board', 'phone'] as const).map((tier) => roomName(tier, campaignId, { kind: 'person', id: personId }));

export const movesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const moves = app.services.moves;
  const db = app.database.db;
  const lookups = unitLookups(db);
  const tags = ['moves'];

  // Every carried-out move is pushed to the person, whichever request carried it out (a retry, or a
  // later command completing a move left half done). `io.to` goes through the adapter: all hubs.
  const push = (notices: MoveNotice[]) => {
    for (const notice of notices) app.io.to(personRooms(notice.campaignId, notice.personId)).emit('move:requested', notice);
  };
  moves.events.on('requested', push);
  moves.events.on('failed', (err) => app.log.error({ err }, 'completing a stale move failed'));
  app.addHook('onClose', async () => {
    moves.events.off('requested', push);
  });

  app.post(
    '/campaigns/:id/moves',
    {
      config: { access: request },
      schema: {
        tags,
        summary:
          "Move people (one, a 1+1 pair, a team's members) to a station and/or team. 201 done; 200 a retry of the same command; 409 when someone's placement is not the one in `expected` (nothing is written) or the id was used for another command.",
        params: IdParamsSchema,
        body: MoveCommandSchema,
        response: { 200: MoveResultSchema, 201: MoveResultSchema, ...errorReplies(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      mustBeCaller(req.actor!, req.body.requestedById, 'requestedById');
      const { result, replay } = await moves.request(req.params.id, req.body);
      if (!replay) await app.auth.audit(req.actor, 'move.request', `campaign:${req.params.id}`, { id: result.id, personIds: req.body.personIds, toStationId: req.body.toStationId ?? null, toTeamId: req.body.toTeamId ?? null }, { ip: req.ip, userAgent: req.headers['user-agent'] });
      return reply.status(replay ? 200 : 201).send(result);
    },
  );

  app.post(
    '/moves/:moveId/undo',
    {
      config: { access: undo },
      schema: {
        tags,
        summary:
          "Undo a move: its people go back to the station and team it took them from, as a new move (pending on their phones; `undoesId` names the one undone). 201 done; 200 a retry; 409 when someone was moved again since, or had no station or team to go back to (nothing is written).",
        params: MoveParamsSchema,
        body: MoveUndoSchema,
        response: { 200: MoveResultSchema, 201: MoveResultSchema, ...errorReplies(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      mustBeCaller(req.actor!, req.body.requestedById, 'requestedById');
      const { result, replay } = await moves.undo(req.params.moveId, req.body);
      if (!replay) await app.auth.audit(req.actor, 'move.undo', `campaign:${result.campaignId}`, { id: result.id, undoes: req.params.moveId.toLowerCase(), personIds: result.moves.map((m) => m.personId) }, { ip: req.ip, userAgent: req.headers['user-agent'] });
      return reply.status(replay ? 200 : 201).send(result);
    },
  );

  app.post(
    '/moves/:moveId/ack',
    {
      config: { access: acknowledge },
      schema: {
        tags,
        summary: "The person's phone saw the move: it is no longer pending (idempotent)",
        params: MoveParamsSchema,
        body: MoveAckSchema,
        response: { 200: MoveSchema, ...errorReplies(400, 401, 403, 404) },
      },
    },
    (req) => moves.acknowledge(req.params.moveId, req.body.personId),
  );

  app.get(
    '/campaigns/:id/moves',
    {
      config: { access: list },
      schema: {
        tags,
        summary: 'Moves of a campaign, oldest first (status=pending: not yet acknowledged)',
        params: IdParamsSchema,
        querystring: MoveListQuerySchema,
        response: { 200: Type.Array(MoveSchema), ...errorReplies(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const actor = req.actor!;
      const rows = await moves.list(req.params.id, req.query);
      const self = actor.kind === 'person' && req.query.personId === actor.personId;
      if (self || scopesOf(actor, 'coordinator').includes(null) || rows.length === 0) return rows;
      const stationIds = [...new Set(rows.flatMap((r) => (r.toStationId ? [r.toStationId] : [])))];
      const teamIds = [...new Set(rows.flatMap((r) => (r.toTeamId ? [r.toTeamId] : [])))];
      const [people, stationUnits, teamUnits] = await Promise.all([
        lookups.people([...new Set(rows.map((r) => r.personId))]),
        Promise.all(stationIds.map(async (id) => [id, await lookups.station(id)] as const)).then((e) => new Map(e)),
        Promise.all(teamIds.map(async (id) => [id, await lookups.team(id)] as const)).then((e) => new Map(e)),
      ]);
      const paths = await unitPaths(db, [...[...people.values()].flat(), ...stationUnits.values(), ...teamUnits.values()].filter((id): id is number => id !== undefined));
      const sees = (unitId: number | undefined) => {
        const path = unitId === undefined ? undefined : paths.get(unitId);
        return path !== undefined && seesUnit(actor, 'coordinator', path);
      };
      return rows.filter((r) => (people.get(r.personId) ?? []).some(sees) || (r.toStationId !== null && sees(stationUnits.get(r.toStationId))) || (r.toTeamId !== null && sees(teamUnits.get(r.toTeamId))));
    },
  );
};
