import { type Static, Type } from 'typebox';
import { CodeSchema, IdSchema, NameSchema, TimestampSchema } from './common';

export const CampaignSchema = Type.Object({
  id: IdSchema,
  code: Type.String(),
  name: Type.String(),
  startsAt: TimestampSchema,
  endsAt: TimestampSchema,
  timezone: Type.String(),
  scopeUnitId: IdSchema,
  seq: Type.Integer(),
});
export type Campaign = Static<typeof CampaignSchema>;

export const CampaignCreateSchema = Type.Object(
  {
    code: CodeSchema,
    name: NameSchema,
    startsAt: TimestampSchema,
    endsAt: TimestampSchema,
    /** IANA zone for day and hour buckets; Asia/Ho_Chi_Minh by default. */
    timezone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    scopeUnitId: IdSchema,
    /** Service codes from the default catalogue; all of it when absent. */
    services: Type.Optional(Type.Array(CodeSchema, { maxItems: 100 })),
  },
  { additionalProperties: false },
);
export type CampaignCreate = Static<typeof CampaignCreateSchema>;

export const CampaignUpdateSchema = Type.Object(
  {
    name: Type.Optional(NameSchema),
    startsAt: Type.Optional(TimestampSchema),
    endsAt: Type.Optional(TimestampSchema),
    timezone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type CampaignUpdate = Static<typeof CampaignUpdateSchema>;

export const ServiceSchema = Type.Object({
  code: Type.String(),
  nameVi: Type.String(),
  nameEn: Type.String(),
  sortOrder: Type.Integer(),
  isActive: Type.Boolean(),
});
export type Service = Static<typeof ServiceSchema>;

export const ServiceUpsertSchema = Type.Object(
  {
    nameVi: NameSchema,
    nameEn: NameSchema,
    sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000 })),
    isActive: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type ServiceUpsert = Static<typeof ServiceUpsertSchema>;

export const ServiceParamsSchema = Type.Object({ id: IdSchema, code: CodeSchema }, { additionalProperties: false });
