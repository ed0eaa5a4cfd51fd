import { sql } from 'drizzle-orm';
import { type AnyPgColumn, check, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { campaigns } from './campaigns';
import { people } from './people';
import { signInLinks } from './sign-in-links';
import { units } from './units';

/**
 * A signed-in browser, phone, board screen or integration: the secret it holds is stored only as
 * its SHA-256 (`token_hash`; secrets are 256 random bits, so a fast hash is enough). A person's
 * session acts with the person's grants; a board or integration session carries its own scope:
 * `unit_id` (and `campaign_id` for a board). Revoked or expired sessions answer 401.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    tokenHash: text('token_hash').notNull().unique(),
    kind: text('kind').notNull(),
    personId: integer('person_id').references(() => people.id, { onDelete: 'cascade' }),
    campaignId: integer('campaign_id').references(() => campaigns.id, { onDelete: 'cascade' }),
    unitId: integer('unit_id').references(() => units.id),
    /** What a person called it ("TV hội trường", "Hệ thống báo cáo tỉnh"). */
    label: text('label'),
    createdById: integer('created_by_id').references(() => people.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    /** The board link (or invite) this session was opened with: revoking the link ends it. */
    linkId: integer('link_id').references((): AnyPgColumn => signInLinks.id),
  },
  (t) => [
    index('sessions_person_idx').on(t.personId),
    index('sessions_link_idx').on(t.linkId),
    check('sessions_kind_check', sql`${t.kind} in ('web', 'phone', 'board', 'token')`),
    check('sessions_owner_check', sql`(${t.kind} in ('web', 'phone') and ${t.personId} is not null) or (${t.kind} in ('board', 'token') and ${t.unitId} is not null)`),
  ],
);
