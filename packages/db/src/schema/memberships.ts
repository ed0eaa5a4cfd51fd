import { index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { people } from './people';
import { units } from './units';

/** A person belongs to a unit with a role ('member', 'volunteer', 'cadre', 'coordinator', 'secretary'). */
export const memberships = pgTable(
  'memberships',
  {
    personId: integer('person_id').notNull().references(() => people.id, { onDelete: 'cascade' }),
    unitId: integer('unit_id').notNull().references(() => units.id),
    role: text('role').notNull().default('member'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.unitId] }), index('memberships_unit_idx').on(t.unitId)],
);
