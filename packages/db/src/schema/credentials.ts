import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { people } from './people';

/**
 * How a person proves who they are: a password (staff) and/or a 6-digit PIN (volunteers on their
 * phone), both only as argon2id hashes. No row: the person cannot sign in by secret (only by a link).
 */
export const credentials = pgTable('credentials', {
  personId: integer('person_id').primaryKey().references(() => people.id, { onDelete: 'cascade' }),
  passwordHash: text('password_hash'),
  pinHash: text('pin_hash'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
