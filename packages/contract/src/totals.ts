import { type Static, Type } from 'typebox';
import { IdSchema, TimestampSchema } from './common';
import { TargetKindSchema } from './targets';

const Counts = Type.Object({
  total: Type.Integer(),
  today: Type.Integer(),
  byService: Type.Record(Type.String(), Type.Integer()),
});

const SessionCounts = Type.Object({ count: Type.Integer(), attendance: Type.Integer() });

export const TargetProgressSchema = Type.Object({
  kind: TargetKindSchema,
  serviceCode: Type.String(),
  target: Type.Number(),
  actual: Type.Number(),
  /** actual / target, 0 when the target is 0; may pass 1. */
  progress: Type.Number(),
});
export type TargetProgress = Static<typeof TargetProgressSchema>;

/** A campaign's totals for one unit's whole subtree (merged units included under their successors). */
export const UnitTotalsSchema = Type.Object({
  campaignId: IdSchema,
  unitId: IdSchema,
  /** The campaign's sequence number these totals include everything up to. */
  seq: Type.Integer(),
  asOf: TimestampSchema,
  /** Today in the campaign's timezone, `YYYY-MM-DD`. */
  today: Type.String(),
  residents: Counts,
  shops: Counts,
  sessions: Type.Object({ outreach: SessionCounts, training: SessionCounts }),
  adoption: Type.Object({
    members: Type.Integer(),
    byService: Type.Record(Type.String(), Type.Object({ adopters: Type.Integer(), share: Type.Number() })),
  }),
  volunteers: Type.Object({ onDutyNow: Type.Integer(), checkedInToday: Type.Integer() }),
  targets: Type.Array(TargetProgressSchema),
  children: Type.Array(
    Type.Object({ unitId: IdSchema, code: Type.String(), name: Type.String(), residents: Type.Integer(), shops: Type.Integer() }),
  ),
});
export type UnitTotals = Static<typeof UnitTotalsSchema>;

export const TotalsQuerySchema = Type.Object(
  { unitId: Type.Optional(IdSchema) },
  { additionalProperties: false },
);

export const DailyTotalsSchema = Type.Object({
  campaignId: IdSchema,
  unitId: IdSchema,
  timezone: Type.String(),
  days: Type.Array(
    Type.Object({
      day: Type.String(),
      residents: Type.Integer(),
      shops: Type.Integer(),
      sessions: Type.Integer(),
      attendance: Type.Integer(),
      checkIns: Type.Integer(),
    }),
  ),
});
export type DailyTotals = Static<typeof DailyTotalsSchema>;
