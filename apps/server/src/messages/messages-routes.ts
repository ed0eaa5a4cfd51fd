import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParamsSchema, type LiveScope, type Message, MessageCreateSchema, MessageListQuerySchema, MessageSchema, type MessageNotice } from '@xk/contract';
import { errorReplies } from '../http-schemas';
import { roomName } from '../live/live-rooms';
import type { MessageRecipients } from './messages-service';

const tiers = ['board', 'phone'] as const;

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
  const tags = ['messages'];

  app.post(
    '/campaigns/:id/messages',
    {
      schema: {
        tags,
        summary:
          'Send a message to a team, a station or everyone on duty: stored, then pushed as message:posted. 201 stored; 200 a retry (pushed again, the id lets screens drop the copy); 409 the id was used for another message.',
        params: IdParamsSchema,
        body: MessageCreateSchema,
        response: { 200: MessageSchema, 201: MessageSchema, ...errorReplies(400, 404, 409) },
      },
    },
    async (req, reply) => {
      const { message, replay, recipients } = await messages.post(req.params.id, req.body);
      const notice: MessageNotice = { id: message.id, campaignId: message.campaignId, audience: message.audience, body: message.body, from: message.from, at: message.createdAt };
      app.io.to(messageRooms(message, recipients)).emit('message:posted', notice);
      return reply.status(replay ? 200 : 201).send(message);
    },
  );

  app.get(
    '/campaigns/:id/messages',
    {
      schema: {
        tags,
        summary: "Messages, oldest first. personId: the ones for that person (current team and station, everyone on duty); after: newer than this instant (catching up)",
        params: IdParamsSchema,
        querystring: MessageListQuerySchema,
        response: { 200: Type.Array(MessageSchema), ...errorReplies(400, 404) },
      },
    },
    (req) => messages.list(req.params.id, req.query),
  );
};
