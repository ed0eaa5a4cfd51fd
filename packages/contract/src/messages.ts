import { type Static, Type } from 'typebox';
import { IdSchema, TimestampSchema, UuidSchema } from './common';

export const MessageAudienceKinds = ['team', 'station', 'on_duty'] as const;
export type MessageAudienceKind = (typeof MessageAudienceKinds)[number];

/** A team or a station (with its `id`), or everyone on duty in the campaign (no `id`). */
export const MessageAudienceSchema = Type.Object(
  {
    kind: Type.Enum(MessageAudienceKinds),
    id: Type.Optional(IdSchema),
  },
  { additionalProperties: false },
);

/** A coordinator's message. `id` is made by the client, so a retry is recognised. */
export const MessageCreateSchema = Type.Object(
  {
    id: UuidSchema,
    audience: MessageAudienceSchema,
    body: Type.String({ minLength: 1, maxLength: 1000 }),
    senderId: Type.Optional(IdSchema),
  },
  { additionalProperties: false },
);
export type MessageCreate = Static<typeof MessageCreateSchema>;

export const MessageSchema = Type.Object({
  id: UuidSchema,
  campaignId: IdSchema,
  audience: Type.Object({ kind: Type.Enum(MessageAudienceKinds), id: Type.Union([IdSchema, Type.Null()]) }),
  body: Type.String(),
  senderId: Type.Union([IdSchema, Type.Null()]),
  /** The sender's name, shortened ("An N."), or the coordination desk when there is no sender. */
  from: Type.String(),
  createdAt: TimestampSchema,
});
export type Message = Static<typeof MessageSchema>;

/**
 * With `personId`: the messages that person should see (to their current team and station, and to
 * everyone on duty); `after` (exclusive) lets a phone that was offline catch up.
 */
export const MessageListQuerySchema = Type.Object(
  {
    personId: Type.Optional(IdSchema),
    after: Type.Optional(TimestampSchema),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  },
  { additionalProperties: false },
);
export type MessageListQuery = Static<typeof MessageListQuerySchema>;
