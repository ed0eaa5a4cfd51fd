import { type Static, type TSchema, Type } from 'typebox';
import { Beneficiaries } from './activity';
import { IdSchema, TimestampSchema } from './common';
import { MessageSchema } from './messages';
import { MoveSchema } from './moves';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Ref = Type.Object({ id: IdSchema, name: Type.String() });

export const PhoneTodayQuerySchema = Type.Object({ campaignId: Type.Optional(IdSchema) }, { additionalProperties: false });
export type PhoneTodayQuery = Static<typeof PhoneTodayQuerySchema>;

/** A campaign as the phone shows it; `scopeUnitId` is the unit of its progress (`live:subscribe` scope `unit`). */
export const PhoneCampaignSchema = Type.Object({
  id: IdSchema,
  name: Type.String(),
  startsAt: TimestampSchema,
  endsAt: TimestampSchema,
  timezone: Type.String(),
  scopeUnitId: IdSchema,
});
export type PhoneCampaign = Static<typeof PhoneCampaignSchema>;

/** A station for the pick list and the placement (no address is kept for stations yet: always null). */
export const PhoneStationSchema = Type.Object({
  id: IdSchema,
  name: Type.String(),
  address: Nullable(Type.String()),
  lat: Nullable(Type.Number()),
  lng: Nullable(Type.Number()),
  unitId: IdSchema,
});
export type PhoneStation = Static<typeof PhoneStationSchema>;

/** Where the person is placed in the campaign: their open assignment. */
export const PhonePlacementSchema = Type.Object({
  assignmentId: IdSchema,
  /** The unit the placement counts for: the station's, else the team's. */
  unit: Ref,
  team: Nullable(Ref),
  station: Nullable(Type.Object({ id: IdSchema, name: Type.String(), address: Nullable(Type.String()), lat: Nullable(Type.Number()), lng: Nullable(Type.Number()) })),
  /** The station's shift running now, else its next one; null when it has none left. */
  shift: Nullable(Type.Object({ id: IdSchema, startsAt: TimestampSchema, endsAt: TimestampSchema })),
  /** The 1+1 partner (a local cadre for home visits). */
  partner: Nullable(Ref),
});
export type PhonePlacement = Static<typeof PhonePlacementSchema>;

/** On duty now, from the activity log, by the rule the totals count with: the latest check-in/out is a check-in whose shift has not ended (without a shift: made today). */
export const PhoneOnDutySchema = Type.Object({
  stationId: IdSchema,
  /** The check-in's time (device clock, as counted). */
  since: TimestampSchema,
  shiftId: Nullable(IdSchema),
});

/** A service of the campaign's catalogue (active ones only), with who it may be counted for. */
export const PhoneServiceSchema = Type.Object({
  code: Type.String(),
  /** Vietnamese name. */
  name: Type.String(),
  nameEn: Type.String(),
  /** `resident` always; `shop` where shops are counted (cashless payment, e-commerce, or a shops target on the service). */
  beneficiaries: Type.Array(Type.Enum(Beneficiaries)),
});
export type PhoneServiceItem = Static<typeof PhoneServiceSchema>;

/** A poster-signing public key: base64 SPKI DER, for WebCrypto `importKey('spki', …, { name: 'ECDSA', namedCurve: 'P-256' })`. */
export const PosterKeySchema = Type.Object({ id: IdSchema, spki: Type.String() });
export type PosterKey = Static<typeof PosterKeySchema>;

/** Everything the phone needs to render offline (`GET /phone/today`); the phone caches it. */
export const PhoneTodaySchema = Type.Object({
  serverTime: TimestampSchema,
  person: Type.Object({ id: IdSchema, name: Type.String(), shortName: Type.String() }),
  /** Campaigns the person may work in (overlapping their units, or placed in), newest first. */
  campaigns: Type.Array(PhoneCampaignSchema),
  /** ?campaignId; else the one of their open placement (not ended); else the newest running one in their units; else null. */
  campaign: Nullable(PhoneCampaignSchema),
  /** The rest is about `campaign` (empty or null without one). */
  placement: Nullable(PhonePlacementSchema),
  onDuty: Nullable(PhoneOnDutySchema),
  services: Type.Array(PhoneServiceSchema),
  /** The campaign's stations overlapping the person's units (and their placement's station), for the pick list. */
  stations: Type.Array(PhoneStationSchema),
  /** Service codes the person ticked "I use it myself" (net adoptions). */
  adopted: Type.Array(Type.String()),
  /** Moves of the person not yet acknowledged, oldest first. */
  pendingMoves: Type.Array(MoveSchema),
  /** The newest 20 messages for the person (team, station, everyone on duty), oldest first. */
  messages: Type.Array(MessageSchema),
  /** Every poster-signing key, oldest first (the newest signs new posters). */
  posterKeys: Type.Array(PosterKeySchema),
});
export type PhoneToday = Static<typeof PhoneTodaySchema>;

/** The phone reports its queue when it has nothing to send (a sync reports it in the batch's `client`). */
export const PhoneStatusReportSchema = Type.Object(
  {
    campaignId: IdSchema,
    queueLength: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
    /** The last answer from the hub (null: never synced). */
    lastSyncAt: Nullable(TimestampSchema),
  },
  { additionalProperties: false },
);
export type PhoneStatusReport = Static<typeof PhoneStatusReportSchema>;

export const StationPosterQuerySchema = Type.Object({ campaignId: Type.Optional(IdSchema) }, { additionalProperties: false });
/** A station poster's code and the URL its QR carries (`<publicUrl>/phone/#/checkin/<token>`). */
export const StationPosterSchema = Type.Object({ token: Type.String(), url: Type.String() });
export type StationPoster = Static<typeof StationPosterSchema>;
