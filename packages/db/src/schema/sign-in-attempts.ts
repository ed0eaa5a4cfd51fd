import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Failed attempts at a secret, per what was tried — a login, a phone's PIN, an invite — never per
 * address (a hall shares one Wi-Fi address, a carrier thousands of phones). After 5 failures the
 * key is locked for 30 s, doubling at each further lock up to 15 min; a success clears it.
 */
export const signInAttempts = pgTable('sign_in_attempts', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  locks: integer('locks').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  lastFailureAt: timestamp('last_failure_at', { withTimezone: true }).notNull().defaultNow(),
});
