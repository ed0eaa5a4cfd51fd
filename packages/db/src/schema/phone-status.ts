import { check, integer, pgTable, primaryKey, timestamp } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { campaigns } from './campaigns';
import { people } from './people';

/** What a person's phone last reported with a sync: entries still queued on it and its last sync. */
export const phoneStatus = pgTable(
  'phone_status',
  {
    campaignId: integer('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
    personId: integer('person_id').notNull().references(() => people.id, { onDelete: 'cascade' }),
    queueLength: integer('queue_length').notNull(),
    /** By the phone's clock; null: the phone has not synced yet. */
    lastSyncAt: timestamp('last_sync_at', { withTimezone: true }),
    /** By the server's clock: when the report arrived. */
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.personId] }), check('phone_status_queue_check', sql`${t.queueLength} >= 0`)],
);
