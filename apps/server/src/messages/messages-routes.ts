import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { IdParamsSchema, type LiveScope, type Message, MessageCreateSchema, MessageListQuerySchema, MessageSchema, type MessageNotice } from '@xk/contract';
import { type Access, mustBeCaller, seesUnit, unitLookups } from '../auth/access';
import { scopesOf, unitPaths } from '../auth/scope';
import { errorReplies } from '../http-schemas';
import { roomName } from '../live/live-rooms';
import type { MessageRecipients } from './messages-service';

const tiers = ['board', 'phone'] as const;
const idOf = (req: FastifyRequest) => (req.params as { id: number }).id;

/** Messaging a team or station: a coordinator over its unit; everyone on duty: over the campaign's scope unit. */
const post: Access = {
  role: 'coordinator',
  units: async (req, u) => {
    const { audience } = req.body as { audience: { kind: 'team' | 'station' | 'on_duty'; id?: number } };
    if (audience.kind === 'team') return [await u.team(audience.id)];
    if (audience.kind === 'station') return [await u.station(audience.id)];
    return [await u.campaign(idOf(req))];
  },
};
/** Reading: anyone whose units overlap the campaign; narrowed to messages to everyone on duty and to teams and stations of overlapping units (a person's own list, by personId, is theirs whole). */
const list: Access = {
  role: 'volunteer',
  overlaps: async (req, u) => [await u.campaign(idOf(req))],
  self: (req) => (req.query as { personId?: number }).personId,
  filtered: "messages to everyone on duty, and to teams and stations whose unit's subtree overlaps the caller's units",
};

/**
 * The rooms a message is pushed to, on both tiers: a team's or station's own room, and the person
 * rooms of the people it is for now (placed there, or on duty); a message to everyone on duty also
 * goes to the campaign's scope unit room, where the consoles are. Socket.IO sends it once to a
 * socket in several of these rooms.
 */
export function messageRooms(message: Message, recipients: MessageRecipients): string[] {
  const scopes: LiveScope[] =
    message.audience.kind === 'on_duty'
      ? [{ kind: 'unit', id: recipients.scopeUnitId }]
      : [{ kind: message.audience.kind, id: message.audience.id! }];
  for (const id of recipients.personIds) scopes.push({ kind: 'person', id });
  return scopes.flatMap((scope) => tiers.map((tier) => roomName(tier, message.campaignId, scope)));
}

export const messagesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const messages = app.services.messages;
  const db = app.database.db;
  const lookups = unitLookups(db);
  const tags = ['messages'];

  app.post(
    '/campaigns/:id/messages',
    {
      config: { access: post },
      schema: {
        tags,
        summary:
          'Send a message to a team, a station or everyone on duty: stored, then pushed as message:posted. 201 stored; 200 a retry (pushed again, the id lets screens drop the copy); 409 the id was used for another message.',
        params: IdParamsSchema,
        body: MessageCreateSchema,
        response: { 200: MessageSchema, 201: MessageSchema, ...errorReplies(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      // Signed by the person sending it, or by the coordination desk (no senderId): never with someone else's name.
      mustBeCaller(req.actor!, req.body.senderId, 'senderId', 'left out: the coordination desk');
      const { message, replay, recipients } = await messages.post(req.params.id, req.body);
      const notice: MessageNotice = { id: message.id, campaignId: message.campaignId, audience: message.audience, body: message.body, from: message.from, at: message.createdAt };
      app.io.to(messageRooms(message, recipients)).emit('message:posted', notice);
      return reply.status(replay ? 200 : 201).send(message);
    },
  );

  app.get(
    '/campaigns/:id/messages',
    {
      config: { access: list },
      schema: {
        tags,
        summary: "Messages, oldest first. personId: the ones for that person (current team and station, everyone on duty); after: newer than this instant (catching up)",
        params: IdParamsSchema,
        querystring: MessageListQuerySchema,
        response: { 200: Type.Array(MessageSchema), ...errorReplies(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const actor = req.actor!;
      const rows = await messages.list(req.params.id, req.query);
      const self = actor.kind === 'person' && req.query.personId === actor.personId;
      if (self || scopesOf(actor, 'volunteer').includes(null) || rows.length === 0) return rows;
      const key = (m: Message) => `${m.audience.kind}:${m.audience.id}`;
      const units = new Map<string, number | undefined>();
      for (const m of rows) {
        if (m.audience.kind === 'on_duty' || units.has(key(m))) continue;
        units.set(key(m), m.audience.kind === 'team' ? await lookups.team(m.audience.id!) : await lookups.station(m.audience.id!));
      }
      const paths = await unitPaths(db, [...units.values()].filter((id): id is number => id !== undefined));
      return rows.filter((m) => {
        if (m.audience.kind === 'on_duty') return true;
        const unitId = units.get(key(m));
        const path = unitId === undefined ? undefined : paths.get(unitId);
        return path !== undefined && seesUnit(actor, 'volunteer', path, 'overlaps');
      });
    },
  );
};
