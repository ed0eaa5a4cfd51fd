import { type Static, Type } from 'typebox';
import { IdSchema, TimestampSchema, UuidSchema } from './common';

export const MoveStatuses = ['pending', 'acknowledged'] as const;
export type MoveStatus = (typeof MoveStatuses)[number];

/**
 * A coordinator's command moving one person, a 1+1 pair or a team's members to a station and/or
 * team. `id` is made by the client, so a retried command is recognised. `expected` is what the
 * coordinator saw: per person, the id of their open assignment (null: none). If anyone's has
 * changed since, the command is refused with 409 and nothing is written.
 */
export const MoveCommandSchema = Type.Object(
  {
    id: UuidSchema,
    personIds: Type.Array(IdSchema, { minItems: 1, maxItems: 100 }),
    toStationId: Type.Optional(IdSchema),
    toTeamId: Type.Optional(IdSchema),
    reason: Type.Optional(Type.String({ maxLength: 500 })),
    requestedById: Type.Optional(IdSchema),
    expected: Type.Array(
      Type.Object({ personId: IdSchema, assignmentId: Type.Union([IdSchema, Type.Null()]) }, { additionalProperties: false }),
      { minItems: 1, maxItems: 100 },
    ),
  },
  { additionalProperties: false },
);
export type MoveCommand = Static<typeof MoveCommandSchema>;

/** One person's move: pending until their phone acknowledges it. */
export const MoveSchema = Type.Object({
  id: UuidSchema,
  campaignId: IdSchema,
  personId: IdSchema,
  /** The open assignment the person was moved from (null: none). */
  fromAssignmentId: Type.Union([IdSchema, Type.Null()]),
  fromStationId: Type.Union([IdSchema, Type.Null()]),
  fromTeamId: Type.Union([IdSchema, Type.Null()]),
  toStationId: Type.Union([IdSchema, Type.Null()]),
  toTeamId: Type.Union([IdSchema, Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
  requestedById: Type.Union([IdSchema, Type.Null()]),
  /** The reassignment entry of the activity log that carried the move out. */
  activityId: UuidSchema,
  /** The move this one undid (its people put back where they were). */
  undoesId: Type.Union([UuidSchema, Type.Null()]),
  status: Type.Enum(MoveStatuses),
  createdAt: TimestampSchema,
  acknowledgedAt: Type.Union([TimestampSchema, Type.Null()]),
});
export type Move = Static<typeof MoveSchema>;

/** The answer to a move command: one move per person, in the order of `personIds`. */
export const MoveResultSchema = Type.Object({
  id: UuidSchema,
  campaignId: IdSchema,
  moves: Type.Array(MoveSchema),
});
export type MoveResult = Static<typeof MoveResultSchema>;

/** Undoing a move: a new move (with the client's `id`, so a retry is recognised) that puts its people back. */
export const MoveUndoSchema = Type.Object({ id: UuidSchema, requestedById: Type.Optional(IdSchema) }, { additionalProperties: false });
export type MoveUndo = Static<typeof MoveUndoSchema>;

export const MoveParamsSchema = Type.Object({ moveId: UuidSchema }, { additionalProperties: false });
export const MoveAckSchema = Type.Object({ personId: IdSchema }, { additionalProperties: false });
export type MoveAck = Static<typeof MoveAckSchema>;

export const MoveListQuerySchema = Type.Object(
  {
    status: Type.Optional(Type.Enum(MoveStatuses)),
    personId: Type.Optional(IdSchema),
  },
  { additionalProperties: false },
);
export type MoveListQuery = Static<typeof MoveListQuerySchema>;
