import { type Static, Type } from 'typebox';
import { CodeSchema, IdSchema, NameSchema, TimestampSchema } from './common';

export const UnitSchema = Type.Object({
  id: IdSchema,
  code: Type.String(),
  name: Type.String(),
  level: Type.String(),
  parentId: Type.Union([IdSchema, Type.Null()]),
  successorId: Type.Union([IdSchema, Type.Null()]),
  mergedAt: Type.Union([TimestampSchema, Type.Null()]),
  path: Type.String(),
  depth: Type.Integer(),
  memberCount: Type.Integer(),
});
export type Unit = Static<typeof UnitSchema>;

export const UnitCreateSchema = Type.Object(
  {
    code: CodeSchema,
    name: NameSchema,
    level: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    parentId: Type.Optional(Type.Union([IdSchema, Type.Null()])),
    memberCount: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000 })),
  },
  { additionalProperties: false },
);
export type UnitCreate = Static<typeof UnitCreateSchema>;

/** Rename, move (new parent) or correct the headcount; any change to the tree rebuilds paths. */
export const UnitUpdateSchema = Type.Object(
  {
    name: Type.Optional(NameSchema),
    level: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    parentId: Type.Optional(Type.Union([IdSchema, Type.Null()])),
    memberCount: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UnitUpdate = Static<typeof UnitUpdateSchema>;

/** Merge this unit into `successorId`: its history stays its own, and rolls up under the successor from now on. */
export const UnitMergeSchema = Type.Object({ successorId: IdSchema }, { additionalProperties: false });

export const UnitListQuerySchema = Type.Object(
  {
    parentId: Type.Optional(IdSchema),
    /** Diacritic-insensitive search in name and code ("hoang hoa" finds "Hoằng Hóa"). */
    q: Type.Optional(Type.String({ maxLength: 100 })),
    includeMerged: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
