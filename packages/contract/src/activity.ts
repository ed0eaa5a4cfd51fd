import { type Static, type TSchema, Type } from 'typebox';
import { CodeSchema, IdSchema, TimestampSchema, UuidSchema } from './common';

export const ActivityKinds = ['check_in', 'check_out', 'assistance', 'adoption', 'session', 'reassignment', 'correction'] as const;
export type ActivityKind = (typeof ActivityKinds)[number];
export const Beneficiaries = ['resident', 'shop'] as const;
export const SessionKinds = ['outreach', 'training'] as const;
/** The only tags an entry may carry: none of them can identify a resident. */
export const AgeBands = ['under_18', '18_35', '36_59', '60_plus'] as const;


/** Fields every entry carries. `id` is made on the device, so a retry is recognised. */
const envelope = {
  id: UuidSchema,
  campaignId: IdSchema,
  personId: IdSchema,
  /** When it happened, by the device clock; the server adds `receivedAt`. */
  occurredAt: TimestampSchema,
  /** The unit the entry counts for; when absent: the station's, else the team's, else the person's own. */
  unitId: Type.Optional(IdSchema),
  stationId: Type.Optional(IdSchema),
  teamId: Type.Optional(IdSchema),
};

const entry = <K extends ActivityKind, P extends Record<string, TSchema>>(kind: K, props: P) =>
  Type.Object({ ...envelope, kind: Type.Literal(kind), ...props }, { additionalProperties: false });

/** A station poster's code as scanned: `XK1.<campaignId>.<stationId>.<keyId>.<signature>` (a URL holding it is read too). */
export const PosterCodeSchema = Type.String({ minLength: 1, maxLength: 300 });
export const CheckInSchema = entry('check_in', {
  stationId: IdSchema,
  shiftId: Type.Optional(IdSchema),
  /** The scanned poster's code (optional): when given, it must be a code this hub signed for this campaign and station. */
  posterCode: Type.Optional(PosterCodeSchema),
});
export const CheckOutSchema = entry('check_out', {});
/**
 * Why an entry was written by hand: counts back-filled from a station's paper tally ("sổ ghi tay
 * điểm chợ, sáng 10/10"). About the record, never about a resident. Such entries are audited.
 */
const BackfillReasonSchema = Type.String({ minLength: 3, maxLength: 500 });
export const AssistanceSchema = entry('assistance', {
  serviceCode: CodeSchema,
  beneficiary: Type.Optional(Type.Enum(Beneficiaries)),
  /** Several residents at once ("+5"); one tap is 1. */
  quantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  tags: Type.Optional(Type.Object({ ageBand: Type.Optional(Type.Enum(AgeBands)) }, { additionalProperties: false })),
  reason: Type.Optional(BackfillReasonSchema),
});
export const AdoptionSchema = entry('adoption', { serviceCode: CodeSchema });
export const SessionSchema = entry('session', {
  sessionKind: Type.Enum(SessionKinds),
  attendance: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
  reason: Type.Optional(BackfillReasonSchema),
});
export const ReassignmentSchema = entry('reassignment', {
  toStationId: Type.Optional(IdSchema),
  toTeamId: Type.Optional(IdSchema),
  reason: Type.Optional(Type.String({ maxLength: 500 })),
});
/** Voids an earlier entry, or adjusts its quantity / attendance to a new value; the original is never edited. */
export const CorrectionSchema = entry('correction', {
  correctsId: UuidSchema,
  action: Type.Enum(["void", "adjust"]),
  quantity: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
  attendance: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
  reason: Type.String({ minLength: 3, maxLength: 500 }),
});

export const activitySchemas = {
  check_in: CheckInSchema,
  check_out: CheckOutSchema,
  assistance: AssistanceSchema,
  adoption: AdoptionSchema,
  session: SessionSchema,
  reassignment: ReassignmentSchema,
  correction: CorrectionSchema,
} as const;

export type ActivityInput =
  | Static<typeof CheckInSchema>
  | Static<typeof CheckOutSchema>
  | Static<typeof AssistanceSchema>
  | Static<typeof AdoptionSchema>
  | Static<typeof SessionSchema>
  | Static<typeof ReassignmentSchema>
  | Static<typeof CorrectionSchema>;

/**
 * What the wire accepts before the per-kind check: any object. Each item is checked on its own
 * against `activitySchemas[kind]`, so one malformed item is `rejected` without failing its batch.
 */
export const ActivityItemSchema = Type.Object({}, { additionalProperties: true, description: 'One of the activity kinds: see ActivityKinds' });
/** What a phone reports about itself with each sync: entries still queued on it, and its last successful sync. */
export const PhoneClientSchema = Type.Object(
  {
    personId: IdSchema,
    campaignId: IdSchema,
    queueLength: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
    /** Null: the phone has not synced before (a report never erases a sync the hub already knows of). */
    lastSyncAt: Type.Union([TimestampSchema, Type.Null()]),
  },
  { additionalProperties: false },
);
export type PhoneClient = Static<typeof PhoneClientSchema>;

export const ActivityBatchSchema = Type.Object(
  {
    // Items are checked one by one, so even a non-object item is answered in its place, not by failing the batch.
    items: Type.Array(Type.Unknown({ description: 'An entry of one of the activity kinds' }), { minItems: 1, maxItems: 500 }),
    client: Type.Optional(PhoneClientSchema),
  },
  { additionalProperties: false },
);

export const ResultStatuses = ['accepted', 'duplicate', 'conflict', 'rejected'] as const;
export type ResultStatus = (typeof ResultStatuses)[number];

export const ActivityResultSchema = Type.Object({
  /** The client id; null when the item had none we could read. */
  id: Type.Union([Type.String(), Type.Null()]),
  status: Type.Enum(ResultStatuses),
  /** For accepted, duplicate and conflict: the stored entry's sequence number and arrival. */
  seq: Type.Optional(Type.Integer()),
  receivedAt: Type.Optional(TimestampSchema),
  /** For rejected and conflict: the offending field and why. */
  field: Type.Optional(Type.String()),
  reason: Type.Optional(Type.String()),
});
export type ActivityResult = Static<typeof ActivityResultSchema>;

export const ActivityBatchResultSchema = Type.Object({ results: Type.Array(ActivityResultSchema) });

export const ActivityRecordSchema = Type.Object({
  id: UuidSchema,
  campaignId: IdSchema,
  seq: Type.Integer(),
  kind: Type.Enum(ActivityKinds),
  personId: IdSchema,
  unitId: IdSchema,
  stationId: Type.Union([IdSchema, Type.Null()]),
  teamId: Type.Union([IdSchema, Type.Null()]),
  shiftId: Type.Union([IdSchema, Type.Null()]),
  tally: Type.Union([Type.String(), Type.Null()]),
  serviceCode: Type.Union([Type.String(), Type.Null()]),
  beneficiary: Type.Union([Type.String(), Type.Null()]),
  sessionKind: Type.Union([Type.String(), Type.Null()]),
  quantity: Type.Integer(),
  attendance: Type.Integer(),
  tags: Type.Union([Type.Record(Type.String(), Type.String()), Type.Null()]),
  correctsId: Type.Union([UuidSchema, Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
  toStationId: Type.Union([IdSchema, Type.Null()]),
  toTeamId: Type.Union([IdSchema, Type.Null()]),
  occurredAt: TimestampSchema,
  receivedAt: TimestampSchema,
});
export type ActivityRecord = Static<typeof ActivityRecordSchema>;

/**
 * A countable entry of a person as it stands now, for a coordinator correcting the record: what was
 * written, and its quantity and attendance after the corrections made to it so far (0 and 0: voided).
 */
export const PersonEntrySchema = Type.Object({
  id: UuidSchema,
  seq: Type.Integer(),
  kind: Type.Union([Type.Literal('assistance'), Type.Literal('adoption'), Type.Literal('session')]),
  serviceCode: Type.Union([Type.String(), Type.Null()]),
  beneficiary: Type.Union([Type.String(), Type.Null()]),
  sessionKind: Type.Union([Type.String(), Type.Null()]),
  stationId: Type.Union([IdSchema, Type.Null()]),
  /** When it counts (the phone's corrected clock). */
  countedAt: TimestampSchema,
  quantity: Type.Integer(),
  attendance: Type.Integer(),
  /** After corrections. */
  currentQuantity: Type.Integer(),
  currentAttendance: Type.Integer(),
  corrections: Type.Integer(),
  /** A back-fill's reason. */
  reason: Type.Union([Type.String(), Type.Null()]),
});
export type PersonEntry = Static<typeof PersonEntrySchema>;
export const PersonEntriesParamsSchema = Type.Object({ id: IdSchema, personId: IdSchema }, { additionalProperties: false });
export const PersonEntriesQuerySchema = Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) }, { additionalProperties: false });

export const ActivityListQuerySchema = Type.Object(
  {
    unitId: Type.Optional(IdSchema),
    personId: Type.Optional(IdSchema),
    kind: Type.Optional(Type.Enum(ActivityKinds)),
    /** Entries with a sequence number above this (for catching up). */
    afterSeq: Type.Optional(Type.Integer({ minimum: 0 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  },
  { additionalProperties: false },
);

/** A phone's last report, as the server keeps it (`lastSeenAt` by the server's clock). */
export const PhoneStatusSchema = Type.Object({
  campaignId: IdSchema,
  personId: IdSchema,
  queueLength: Type.Integer({ minimum: 0 }),
  /** Null: the phone has reported its queue but never synced. */
  lastSyncAt: Type.Union([TimestampSchema, Type.Null()]),
  lastSeenAt: TimestampSchema,
});
export type PhoneStatus = Static<typeof PhoneStatusSchema>;

export const PhoneStatusQuerySchema = Type.Object({ personId: Type.Optional(IdSchema) }, { additionalProperties: false });
