import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** A new secret for a session or a link: 256 random bits, URL-safe. */
export const newSecret = () => randomBytes(32).toString('base64url');

/** How secrets are stored: their SHA-256 (they are random and long: no salt or slow hash needed). */
export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** The CSRF token that goes with a session: derived from its secret, so nothing more is stored. */
export const csrfTokenFor = (sessionSecret: string) => createHash('sha256').update(`csrf:${sessionSecret}`).digest('base64url');

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

// argon2id with OWASP's minimum (19 MiB, 2 passes, 1 lane); hashing runs on libuv's thread pool,
// not on the event loop.
const argon2Options = { algorithm: 2 as const, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** Hashes a password or a PIN (argon2id). */
export const hashPassword = (password: string) => hash(password, argon2Options);

/** Whether `password` matches `stored`; false for a malformed hash. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}
