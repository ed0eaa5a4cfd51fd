import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, timestamp } from 'drizzle-orm/pg-core';
import { stations } from './stations';

/** A staffed window at a station. A check-in under a shift ends (for on-duty counts) when the shift ends. */
export const shifts = pgTable(
  'shifts',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    stationId: integer('station_id').notNull().references(() => stations.id, { onDelete: 'cascade' }),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    peopleNeeded: integer('people_needed').notNull().default(0),
  },
  (t) => [index('shifts_station_idx').on(t.stationId), check('shifts_window_check', sql`${t.endsAt} > ${t.startsAt}`)],
);
