import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { campaigns } from './campaigns';
import { people } from './people';
import { stations } from './stations';
import { teams } from './teams';
import { units } from './units';

/**
 * Secrets sent as links (or codes), stored as SHA-256, each with an expiry and a number of uses:
 * `setup` (the first admin, printed at first start), `sign-in` (a one-time link that opens a
 * session for `person_id`), `invite` (volunteers join a campaign's team or station: `campaign_id`
 * with `team_id` and/or `station_id`; usable `max_uses` times), `board` (a hall screen's read-only
 * link to `campaign_id` at `unit_id`; every screen that opens it gets a session tied to the link,
 * so revoking the link ends them all), `pin-code` (a one-time code to reset a PIN, sent through
 * the code transport; hashed with the person's id).
 */
export const signInLinks = pgTable(
  'sign_in_links',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    tokenHash: text('token_hash').notNull().unique(),
    purpose: text('purpose').notNull(),
    personId: integer('person_id').references(() => people.id, { onDelete: 'cascade' }),
    campaignId: integer('campaign_id').references(() => campaigns.id, { onDelete: 'cascade' }),
    unitId: integer('unit_id').references(() => units.id),
    teamId: integer('team_id').references(() => teams.id),
    stationId: integer('station_id').references(() => stations.id),
    /** What a person called it ("TV hội trường", "Tổ CNS số 3 — buổi sáng"). */
    label: text('label'),
    maxUses: integer('max_uses').notNull().default(1),
    uses: integer('uses').notNull().default(0),
    createdById: integer('created_by_id').references(() => people.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('sign_in_links_campaign_idx').on(t.campaignId, t.purpose), check('sign_in_links_purpose_check', sql`${t.purpose} in ('setup', 'sign-in', 'invite', 'board', 'pin-code')`), check('sign_in_links_uses_check', sql`${t.uses} <= ${t.maxUses}`)],
);
