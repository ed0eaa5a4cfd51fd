import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Volunteers, cadres and coordinators. The phone is stored normalised (`+84…`) so one person is one row. */
export const people = pgTable(
  'people',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    phone: text('phone').notNull().unique(),
    email: text('email').unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('people_name_idx').on(t.name)],
);
