import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { campaigns } from './campaigns';
import { people } from './people';
import { stations } from './stations';
import { teams } from './teams';

/**
 * Who is placed where for a campaign, with history: the current row has `ends_at` null; a
 * reassignment ends it and opens a new one. `partner_id` holds the 1+1 pairing with a local cadre.
 */
export const assignments = pgTable(
  'assignments',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    campaignId: integer('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
    personId: integer('person_id').notNull().references(() => people.id),
    teamId: integer('team_id').references(() => teams.id),
    stationId: integer('station_id').references(() => stations.id),
    partnerId: integer('partner_id').references(() => people.id),
    role: text('role').notNull().default('volunteer'),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull().defaultNow(),
    endsAt: timestamp('ends_at', { withTimezone: true }),
  },
  (t) => [
    index('assignments_person_idx').on(t.campaignId, t.personId),
    index('assignments_station_idx').on(t.stationId),
    uniqueIndex('assignments_one_open_per_person').on(t.campaignId, t.personId).where(sql`${t.endsAt} is null`),
  ],
);
