import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { people } from './people';
import { units } from './units';

/**
 * What a person may do, and where: a role over a unit's subtree (a coordinator of a district acts on
 * the district and every unit under it). A person may hold several. `unit_id` null: the whole tree
 * (only for admins).
 */
export const grants = pgTable(
  'grants',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    personId: integer('person_id').notNull().references(() => people.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    unitId: integer('unit_id').references(() => units.id),
    createdById: integer('created_by_id').references(() => people.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('grants_person_role_unit').on(t.personId, t.role, sql`coalesce(${t.unitId}, 0)`),
    index('grants_unit_idx').on(t.unitId),
    check('grants_role_check', sql`${t.role} in ('admin', 'organizer', 'coordinator', 'volunteer')`),
    check('grants_whole_tree_admin_only', sql`${t.unitId} is not null or ${t.role} = 'admin'`),
  ],
);
