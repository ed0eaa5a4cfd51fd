import { type Static, Type } from 'typebox';
import { CodeSchema, IdSchema, NameSchema, TimestampSchema } from './common';

export const StationKinds = ['public_service_centre', 'market', 'digital_street', 'residential', 'school', 'other'] as const;
export const StationKindSchema = Type.Enum(StationKinds);

export const StationSchema = Type.Object({
  id: IdSchema,
  campaignId: IdSchema,
  unitId: IdSchema,
  code: Type.String(),
  name: Type.String(),
  kind: StationKindSchema,
  lat: Type.Union([Type.Number(), Type.Null()]),
  lng: Type.Union([Type.Number(), Type.Null()]),
  peopleNeeded: Type.Integer(),
});
export type Station = Static<typeof StationSchema>;

export const StationCreateSchema = Type.Object(
  {
    unitId: IdSchema,
    code: CodeSchema,
    name: NameSchema,
    kind: StationKindSchema,
    lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
    lng: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
    peopleNeeded: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000 })),
  },
  { additionalProperties: false },
);
export type StationCreate = Static<typeof StationCreateSchema>;

export const StationUpdateSchema = Type.Partial(Type.Omit(StationCreateSchema, ['code']), { additionalProperties: false, minProperties: 1 });
export type StationUpdate = Static<typeof StationUpdateSchema>;

export const ShiftSchema = Type.Object({
  id: IdSchema,
  stationId: IdSchema,
  startsAt: TimestampSchema,
  endsAt: TimestampSchema,
  peopleNeeded: Type.Integer(),
});
export type Shift = Static<typeof ShiftSchema>;

export const ShiftCreateSchema = Type.Object(
  {
    startsAt: TimestampSchema,
    endsAt: TimestampSchema,
    peopleNeeded: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000 })),
  },
  { additionalProperties: false },
);
export type ShiftCreate = Static<typeof ShiftCreateSchema>;
