import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The hub's signing keys for station posters (ECDSA P-256): a poster's QR carries a code signed
 * with one, which phones check offline and the server checks again. One active key per deployment
 * (the newest), created on first need; older keys stay so posters already printed keep working.
 */
export const posterKeys = pgTable('poster_keys', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  /** Base64 of the SubjectPublicKeyInfo DER (what WebCrypto's importKey('spki') takes). */
  publicKey: text('public_key').notNull(),
  /** Base64 of the PKCS#8 DER. */
  privateKey: text('private_key').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
