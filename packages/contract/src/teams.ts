import { type Static, Type } from 'typebox';
import { CodeSchema, IdSchema, NameSchema } from './common';

/** "Tổ công nghệ số cộng đồng", "Đội hình IT Xanh", "Đội thanh niên xung kích". */
export const TeamKinds = ['community_digital', 'it_xanh', 'xung_kich', 'other'] as const;

export const TeamSchema = Type.Object({
  id: IdSchema,
  code: Type.String(),
  name: Type.String(),
  kind: Type.Enum(TeamKinds),
  unitId: IdSchema,
});
export type Team = Static<typeof TeamSchema>;

export const TeamCreateSchema = Type.Object(
  {
    code: CodeSchema,
    name: NameSchema,
    kind: Type.Optional(Type.Enum(TeamKinds)),
    unitId: IdSchema,
  },
  { additionalProperties: false },
);
export type TeamCreate = Static<typeof TeamCreateSchema>;

export const TeamUpdateSchema = Type.Partial(Type.Omit(TeamCreateSchema, ['code']), { additionalProperties: false, minProperties: 1 });
export type TeamUpdate = Static<typeof TeamUpdateSchema>;
