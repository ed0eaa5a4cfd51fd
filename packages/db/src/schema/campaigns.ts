import { sql } from 'drizzle-orm';
import { bigint, check, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { units } from './units';

/**
 * A drive such as "Ngày Chuyển đổi số quốc gia 10/10": a window, a timezone for day buckets,
 * and a scope (a subtree of units). `seq` is the per-campaign event counter, advanced inside the
 * transaction that writes activity, so sequence order is commit order.
 */
export const campaigns = pgTable(
  'campaigns',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    timezone: text('timezone').notNull().default('Asia/Ho_Chi_Minh'),
    scopeUnitId: integer('scope_unit_id').notNull().references(() => units.id),
    seq: bigint('seq', { mode: 'number' }).notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('campaigns_window_check', sql`${t.endsAt} > ${t.startsAt}`)],
);
