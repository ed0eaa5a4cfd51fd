// Client ids for queued actions: made once, on the phone, before anything is sent, so a retry is
// recognised by the server (its idempotency key) and two tabs never fork an action into two ids.

/** A random (v4) UUID string from 16 random bytes: the version and variant bits are set here. */
export function uuidFromBytes(bytes: Uint8Array): string {
  if (bytes.length < 16) throw new RangeError('a UUID needs 16 random bytes');
  const b = Array.from(bytes.subarray(0, 16));
  b[6] = (b[6]! & 0x0f) | 0x40; // version 4
  b[8] = (b[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const hex = b.map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

type CryptoLike = Pick<Crypto, 'getRandomValues'> & { randomUUID?: () => string };

/**
 * A new lowercase v4 UUID. `crypto.randomUUID` exists only in secure contexts (HTTPS, localhost):
 * a phone on the hall's plain-HTTP Wi-Fi gets one made from `crypto.getRandomValues`, which
 * every context has.
 */
export function newId(source: CryptoLike = globalThis.crypto): string {
  if (typeof source.randomUUID === 'function') return source.randomUUID().toLowerCase();
  return uuidFromBytes(source.getRandomValues(new Uint8Array(16)));
}
