import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { campaigns } from './campaigns';
import { people } from './people';
import { shifts } from './shifts';
import { stations } from './stations';
import { teams } from './teams';
import { units } from './units';

/**
 * The append-only activity log: the one source of truth every total is derived from.
 *
 * `id` is made by the client, so a retried write finds its first copy; `body_hash` is the hash of
 * the canonical body, telling a true retry (`duplicate`) from a reused id (`conflict`).
 * `tally` names the total a row adds to ('assistance', 'adoption', 'session'); a correction
 * carries the same tally and dimensions as the entry it corrects, with *deltas* in `quantity`
 * and `attendance`, so every rollup is a plain SUM and no row is ever updated. A correction also
 * copies the corrected entry's person, unit, station, team and `counted_at`, so per-person, per-unit
 * and per-day rollups net out where the original counted.
 */
export const activity = pgTable(
  'activity',
  {
    id: uuid('id').primaryKey(),
    campaignId: integer('campaign_id').notNull().references(() => campaigns.id),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    kind: text('kind').notNull(),
    personId: integer('person_id').notNull().references(() => people.id),
    /** The unit the entry was recorded against; it stays even when the unit is later merged or moved. */
    unitId: integer('unit_id').notNull().references(() => units.id),
    stationId: integer('station_id').references(() => stations.id),
    teamId: integer('team_id').references(() => teams.id),
    shiftId: integer('shift_id').references(() => shifts.id),
    tally: text('tally'),
    serviceCode: text('service_code'),
    beneficiary: text('beneficiary'),
    sessionKind: text('session_kind'),
    quantity: integer('quantity').notNull().default(0),
    attendance: integer('attendance').notNull().default(0),
    /** Non-identifying tags only (age band); never anything about a resident that could identify them. */
    tags: jsonb('tags').$type<Record<string, string>>(),
    correctsId: uuid('corrects_id').references((): AnyPgColumn => activity.id),
    reason: text('reason'),
    toStationId: integer('to_station_id').references(() => stations.id),
    toTeamId: integer('to_team_id').references(() => teams.id),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    /** The instant the row counts on for day and hour buckets: `occurred_at`, or for a correction the corrected entry's. */
    countedAt: timestamp('counted_at', { withTimezone: true }).notNull(),
    /** Who wrote the row when it is not the person it counts for (a coordinator's correction). */
    recordedById: integer('recorded_by_id').references(() => people.id),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    bodyHash: text('body_hash').notNull(),
  },
  (t) => [
    uniqueIndex('activity_campaign_seq').on(t.campaignId, t.seq),
    index('activity_campaign_unit_idx').on(t.campaignId, t.unitId),
    index('activity_campaign_person_idx').on(t.campaignId, t.personId, t.occurredAt),
    index('activity_corrects_idx').on(t.correctsId),
    check(
      'activity_kind_check',
      sql`${t.kind} in ('check_in','check_out','assistance','adoption','session','reassignment','correction')`,
    ),
    check('activity_tally_check', sql`${t.tally} is null or ${t.tally} in ('assistance','adoption','session')`),
  ],
);
