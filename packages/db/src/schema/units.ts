import { sql } from 'drizzle-orm';
import { type AnyPgColumn, check, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The organisation tree (Tỉnh đoàn → Huyện đoàn → cơ sở Đoàn → …), of any depth.
 * `code` is the stable key people type ("HP-LC-P1"); names repeat ("Phường 1") and change.
 * `path` is derived, never written by hand: `/id/…/id/` from the root through the unit's
 * *effective* parent — its successor when merged, else its parent — so a merged unit sits
 * under its successor and every rollup by path prefix follows successor links.
 */
export const units = pgTable(
  'units',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    /** Free-form level label: 'province', 'district', 'commune', 'branch'… (depth is not fixed). */
    level: text('level').notNull().default('unit'),
    parentId: integer('parent_id').references((): AnyPgColumn => units.id),
    successorId: integer('successor_id').references((): AnyPgColumn => units.id),
    mergedAt: timestamp('merged_at', { withTimezone: true }),
    path: text('path').notNull().default(''),
    depth: integer('depth').notNull().default(0),
    /** Declared union-member headcount of this unit alone (not its children): the denominator of adoption shares. */
    memberCount: integer('member_count').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('units_path_idx').using('btree', t.path.op('text_pattern_ops')),
    index('units_parent_idx').on(t.parentId),
    check('units_member_count_check', sql`${t.memberCount} >= 0`),
    check('units_not_own_parent', sql`${t.parentId} is distinct from ${t.id}`),
  ],
);
