import { type Static, Type } from 'typebox';
import { IdSchema, NameSchema, TimestampSchema } from './common';

export const MembershipRoles = ['member', 'volunteer', 'cadre', 'coordinator', 'secretary'] as const;

export const MembershipSchema = Type.Object({
  unitId: IdSchema,
  role: Type.Enum(MembershipRoles),
});

export const PersonSchema = Type.Object({
  id: IdSchema,
  name: Type.String(),
  /** Normalised E.164 (`+849…`). */
  phone: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  memberships: Type.Array(MembershipSchema),
  createdAt: TimestampSchema,
});
export type Person = Static<typeof PersonSchema>;

/** `phone` is accepted as people write it (`0912 345 678`, `+84912345678`, `84912345678`) and normalised. */
export const PersonCreateSchema = Type.Object(
  {
    name: NameSchema,
    phone: Type.String({ minLength: 9, maxLength: 20 }),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 200 })),
    memberships: Type.Optional(Type.Array(MembershipSchema, { maxItems: 20 })),
  },
  { additionalProperties: false },
);
export type PersonCreate = Static<typeof PersonCreateSchema>;

export const PersonUpdateSchema = Type.Object(
  {
    name: Type.Optional(NameSchema),
    phone: Type.Optional(Type.String({ minLength: 9, maxLength: 20 })),
    email: Type.Optional(Type.Union([Type.String({ format: 'email', maxLength: 200 }), Type.Null()])),
    memberships: Type.Optional(Type.Array(MembershipSchema, { maxItems: 20 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type PersonUpdate = Static<typeof PersonUpdateSchema>;

export const PersonListQuerySchema = Type.Object(
  {
    unitId: Type.Optional(IdSchema),
    phone: Type.Optional(Type.String({ maxLength: 20 })),
    q: Type.Optional(Type.String({ maxLength: 100 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    afterId: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);
