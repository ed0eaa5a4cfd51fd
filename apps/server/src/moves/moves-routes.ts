import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParamsSchema, MoveAckSchema, MoveCommandSchema, MoveListQuerySchema, MoveParamsSchema, MoveResultSchema, MoveSchema, type MoveNotice } from '@xk/contract';
import { errorReplies } from '../http-schemas';
import { roomName } from '../live/live-rooms';

/** The rooms a person's screens listen on: their own scope, on both tiers. */
export const personRooms = (campaignId: number, personId: number) =>
  (['board', 'phone'] as const).map((tier) => roomName(tier, campaignId, { kind: 'person', id: personId }));

export const movesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const moves = app.services.moves;
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
      schema: {
        tags,
        summary:
          "Move people (one, a 1+1 pair, a team's members) to a station and/or team. 201 done; 200 a retry of the same command; 409 when someone's placement is not the one in `expected` (nothing is written) or the id was used for another command.",
        params: IdParamsSchema,
        body: MoveCommandSchema,
        response: { 200: MoveResultSchema, 201: MoveResultSchema, ...errorReplies(400, 404, 409) },
      },
    },
    async (req, reply) => {
      const { result, replay } = await moves.request(req.params.id, req.body);
      return reply.status(replay ? 200 : 201).send(result);
    },
  );

  app.post(
    '/moves/:moveId/ack',
    {
      schema: {
        tags,
        summary: "The person's phone saw the move: it is no longer pending (idempotent)",
        params: MoveParamsSchema,
        body: MoveAckSchema,
        response: { 200: MoveSchema, ...errorReplies(400, 404) },
      },
    },
    (req) => moves.acknowledge(req.params.moveId, req.body.personId),
  );

  app.get(
    '/campaigns/:id/moves',
    {
      schema: {
        tags,
        summary: 'Moves of a campaign, oldest first (status=pending: not yet acknowledged)',
        params: IdParamsSchema,
        querystring: MoveListQuerySchema,
        response: { 200: Type.Array(MoveSchema), ...errorReplies(400, 404) },
      },
    },
    (req) => moves.list(req.params.id, req.query),
  );
};
