import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { units } from './units';

/** "Tổ công nghệ số cộng đồng", "Đội hình IT Xanh", "đội thanh niên xung kích": a team under a unit. */
export const teams = pgTable(
  'teams',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    kind: text('kind').notNull().default('community_digital'),
    unitId: integer('unit_id').notNull().references(() => units.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('teams_unit_idx').on(t.unitId)],
);
