import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { campaigns } from './campaigns';
import { people } from './people';

/**
 * A coordinator's message to a team, a station or everyone on duty. `id` is made by the client,
 * so a retry is recognised. Stored so that a phone that was offline catches up on reconnecting.
 */
export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey(),
    campaignId: integer('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
    audienceKind: text('audience_kind').notNull(),
    /** The team or station; null for 'on_duty'. */
    audienceId: integer('audience_id'),
    body: text('body').notNull(),
    senderId: integer('sender_id').references(() => people.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('messages_campaign_idx').on(t.campaignId, t.createdAt),
    index('messages_audience_idx').on(t.campaignId, t.audienceKind, t.audienceId),
    check('messages_audience_check', sql`${t.audienceKind} in ('team','station','on_duty') and (${t.audienceKind} = 'on_duty') = (${t.audienceId} is null)`),
    check('messages_body_check', sql`char_length(${t.body}) between 1 and 1000`),
  ],
);
