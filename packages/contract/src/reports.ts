import { type Static, Type } from 'typebox';
import { IdSchema, TimestampSchema } from './common';
import { TargetProgressSchema } from './totals';

/**
 * A campaign's report for one unit's whole subtree (merged units included under their
 * successors), as of one sequence number: every figure counts exactly the activity up to `seq`.
 * Every count is a SUM of the log's deltas, so corrections net out where the corrected entry
 * counted (its unit, station, team, person, day and hour).
 */

/** The measures every breakdown carries. */
const measures = {
  /** Residents helped (assistance to residents, net of corrections). */
  residents: Type.Integer(),
  /** Shops helped (assistance to shops). */
  shops: Type.Integer(),
  /** Outreach sessions and trainings held. */
  sessions: Type.Integer(),
  /** People who attended them. */
  attendance: Type.Integer(),
  checkIns: Type.Integer(),
};

const Day = Type.String({ description: "YYYY-MM-DD in the campaign's timezone" });
const SessionCounts = Type.Object({ count: Type.Integer(), attendance: Type.Integer() });

/** The tables of a report, as `GET …/report.csv?table=` names them (the workbook has one sheet each). */
export const ReportTables = ['byService', 'byDay', 'byHour', 'byStation', 'byTeam', 'byUnit', 'sessions', 'volunteers', 'targets', 'adoption'] as const;
export type ReportTable = (typeof ReportTables)[number];

export const CampaignReportSchema = Type.Object({
  campaign: Type.Object({ id: IdSchema, code: Type.String(), name: Type.String() }),
  unit: Type.Object({
    id: IdSchema,
    code: Type.String(),
    name: Type.String(),
    path: Type.String(),
    /** Names from the top of the tree down to the unit itself. */
    pathNames: Type.Array(Type.String()),
  }),
  timezone: Type.String(),
  /** The campaign's sequence number the report counts everything up to, and nothing after. */
  seq: Type.Integer(),
  asOf: TimestampSchema,
  /** Every service of the campaign's catalogue (and any other counted), in catalogue order. */
  byService: Type.Array(Type.Object({ serviceCode: Type.String(), serviceName: Type.String(), residents: Type.Integer(), shops: Type.Integer() })),
  /** Days with any entry, in order. */
  byDay: Type.Array(Type.Object({ day: Day, ...measures })),
  /** Local hours (0–23) of each day with any entry, in order. */
  byHour: Type.Array(Type.Object({ day: Day, hour: Type.Integer({ minimum: 0, maximum: 23 }), ...measures })),
  /** The campaign's stations in the subtree, and any other station an entry of the subtree names. */
  byStation: Type.Array(
    Type.Object({ stationId: IdSchema, code: Type.String(), name: Type.String(), unitId: IdSchema, unitCode: Type.String(), unitName: Type.String(), ...measures }),
  ),
  /** Teams named by entries of the subtree. */
  byTeam: Type.Array(
    Type.Object({ teamId: IdSchema, code: Type.String(), name: Type.String(), unitId: IdSchema, unitCode: Type.String(), unitName: Type.String(), ...measures }),
  ),
  /** The unit's children (not merged ones: they count inside their successors), each rolled up its subtree. */
  byUnit: Type.Array(
    Type.Object({
      unitId: IdSchema,
      code: Type.String(),
      name: Type.String(),
      ...measures,
      /** People with any entry in the child's subtree. */
      volunteers: Type.Integer(),
    }),
  ),
  sessions: Type.Object({
    outreach: SessionCounts,
    training: SessionCounts,
    byDay: Type.Array(
      Type.Object({ day: Day, outreach: Type.Integer(), outreachAttendance: Type.Integer(), training: Type.Integer(), trainingAttendance: Type.Integer() }),
    ),
  }),
  /** Everyone with an entry in the subtree (personal data: coordinators only). */
  volunteers: Type.Object({
    /** People who took part. */
    people: Type.Integer(),
    /** Hours on duty, all of them together. */
    hours: Type.Number(),
    rows: Type.Array(
      Type.Object({
        personId: IdSchema,
        name: Type.String(),
        /** As stored (+84…). */
        phone: Type.String(),
        /** Where their latest entry in the subtree counted. */
        unitId: IdSchema,
        unitCode: Type.String(),
        unitName: Type.String(),
        /** The team of their latest entry in the subtree that names one. */
        teamId: Type.Union([IdSchema, Type.Null()]),
        teamName: Type.Union([Type.String(), Type.Null()]),
        checkIns: Type.Integer(),
        residents: Type.Integer(),
        shops: Type.Integer(),
        /**
         * Hours on duty from check-ins in the subtree: each lasts until the first of the person's
         * next check-in or check-out (anywhere), its shift's end (no shift: the end of that local
         * day), and now.
         */
        hours: Type.Number(),
      }),
    ),
  }),
  /** Progress against the unit's own targets: the same figures as the totals. */
  targets: Type.Array(TargetProgressSchema),
  adoption: Type.Object({
    /** Declared members of the subtree (merged units left out: they count in their successors). */
    members: Type.Integer(),
    byService: Type.Array(Type.Object({ serviceCode: Type.String(), serviceName: Type.String(), adopters: Type.Integer(), members: Type.Integer(), share: Type.Number() })),
  }),
});
export type CampaignReport = Static<typeof CampaignReportSchema>;

export const ReportQuerySchema = Type.Object({ unitId: Type.Optional(IdSchema) }, { additionalProperties: false });

export const ReportCsvQuerySchema = Type.Object({ unitId: Type.Optional(IdSchema), table: Type.Enum(ReportTables) }, { additionalProperties: false });
