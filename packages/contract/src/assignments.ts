import { type Static, Type } from 'typebox';
import { IdSchema, TimestampSchema } from './common';

export const AssignmentSchema = Type.Object({
  id: IdSchema,
  campaignId: IdSchema,
  personId: IdSchema,
  teamId: Type.Union([IdSchema, Type.Null()]),
  stationId: Type.Union([IdSchema, Type.Null()]),
  partnerId: Type.Union([IdSchema, Type.Null()]),
  role: Type.String(),
  startsAt: TimestampSchema,
  endsAt: Type.Union([TimestampSchema, Type.Null()]),
});
export type Assignment = Static<typeof AssignmentSchema>;

/** Places a person for a campaign; the person's open assignment, if any, is ended (history is kept). */
export const AssignmentCreateSchema = Type.Object(
  {
    personId: IdSchema,
    teamId: Type.Optional(IdSchema),
    stationId: Type.Optional(IdSchema),
    /** The local cadre paired with a volunteer for home visits (the 1+1 rule). */
    partnerId: Type.Optional(IdSchema),
    role: Type.Optional(Type.Union([Type.Literal('volunteer'), Type.Literal('cadre'), Type.Literal('lead')])),
  },
  { additionalProperties: false },
);
export type AssignmentCreate = Static<typeof AssignmentCreateSchema>;

export const AssignmentListQuerySchema = Type.Object(
  {
    personId: Type.Optional(IdSchema),
    stationId: Type.Optional(IdSchema),
    teamId: Type.Optional(IdSchema),
    /** Include ended assignments (the history). */
    history: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
