import { type Static, Type } from 'typebox';
import { CodeSchema, IdSchema } from './common';

/**
 * residents / shops: people or shops helped with a service; adoption_share: share (0–1) of the
 * unit's members who use the service themselves; sessions / attendance: outreach and trainings.
 */
export const TargetKinds = ['residents', 'shops', 'adoption_share', 'sessions', 'attendance'] as const;
export type TargetKind = (typeof TargetKinds)[number];
export const TargetKindSchema = Type.Enum(TargetKinds);

export const TargetSchema = Type.Object({
  id: IdSchema,
  campaignId: IdSchema,
  unitId: IdSchema,
  /** '' for targets not tied to a service (sessions, attendance). */
  serviceCode: Type.String(),
  kind: TargetKindSchema,
  value: Type.Number(),
});
export type Target = Static<typeof TargetSchema>;

/** Sets (creates or replaces) the target for one campaign × unit × service × kind. */
export const TargetUpsertSchema = Type.Object(
  {
    unitId: IdSchema,
    serviceCode: Type.Optional(Type.Union([CodeSchema, Type.Literal('')])),
    kind: TargetKindSchema,
    value: Type.Number({ minimum: 0, maximum: 1_000_000_000 }),
  },
  { additionalProperties: false },
);
export type TargetUpsert = Static<typeof TargetUpsertSchema>;

/**
 * Splits a unit's target (the one for `kind` and `serviceCode`) among its child units, replacing
 * theirs: a count by the children's member headcounts (`members`) or `equal`ly, in whole parts
 * that add up to it; an adoption share is the same share for each child. Answers the children's targets.
 */
export const TargetSplitSchema = Type.Object(
  {
    unitId: IdSchema,
    serviceCode: Type.Optional(Type.Union([CodeSchema, Type.Literal('')])),
    kind: TargetKindSchema,
    by: Type.Enum(['members', 'equal']),
  },
  { additionalProperties: false },
);
export type TargetSplit = Static<typeof TargetSplitSchema>;
