import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { campaigns } from './campaigns';
import { people } from './people';
import { stations } from './stations';
import { teams } from './teams';

/**
 * A coordinator's move command, one row per person it moves (a pair or a team's members share the
 * command's client-made `id`). The row is written before the reassignment entry that carries it out
 * (`activity_id`, derived from `id` and the person, so a retry writes the same entry): it claims the
 * placement the coordinator saw (`from_assignment_id`). The unique index lets only one command
 * ever move a person away from a given placement, whatever the number of hub processes.
 * Pending until the person's phone acknowledges it.
 */
export const moves = pgTable(
  'moves',
  {
    id: uuid('id').notNull(),
    campaignId: integer('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
    personId: integer('person_id').notNull().references(() => people.id),
    /** The open assignment the person was moved from (null: none). */
    fromAssignmentId: integer('from_assignment_id'),
    fromStationId: integer('from_station_id').references(() => stations.id),
    fromTeamId: integer('from_team_id').references(() => teams.id),
    toStationId: integer('to_station_id').references(() => stations.id),
    toTeamId: integer('to_team_id').references(() => teams.id),
    reason: text('reason'),
    requestedById: integer('requested_by_id').references(() => people.id),
    /** The move this one undid (put its people back where they were). */
    undoesId: uuid('undoes_id'),
    /** The reassignment entry of the activity log that carries the move out. */
    activityId: uuid('activity_id').notNull(),
    status: text('status').notNull().default('pending'),
    /** Hash of the canonical command, telling a retry from a reused id. */
    bodyHash: text('body_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.personId] }),
    uniqueIndex('moves_activity_id').on(t.activityId),
    uniqueIndex('moves_one_per_placement').on(t.campaignId, t.personId, sql`coalesce(${t.fromAssignmentId}, 0)`),
    index('moves_campaign_idx').on(t.campaignId, t.createdAt),
    check('moves_status_check', sql`${t.status} in ('pending','acknowledged')`),
    check('moves_destination_check', sql`${t.toStationId} is not null or ${t.toTeamId} is not null`),
  ],
);
