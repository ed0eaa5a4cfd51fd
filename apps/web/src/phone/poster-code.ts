/**
 * A station poster's code: `XK1.<campaignId>.<stationId>.<keyId>.<sig>`, where `sig` is the base64url
 * (no padding) ECDSA P-256 / SHA-256 signature in IEEE-P1363 form (r‖s, 64 bytes) over the ASCII
 * bytes of `XK1.<campaignId>.<stationId>.<keyId>`, made by the hub's poster key (see
 * notes/phone-design.md). The phone checks it offline with the public keys of GET /phone/today
 * (`posterKeys`); the server checks it again when the check-in arrives.
 */

export type PosterToken = {
  /** The whole token, as sent to the server in a check-in's `posterCode`. */
  token: string;
  campaignId: number;
  stationId: number;
  keyId: number;
  /** The signed part: `XK1.<campaignId>.<stationId>.<keyId>`. */
  signed: string;
  /** The signature, base64url without padding. */
  sig: string;
};

/** A hub's public poster key: its id and its SPKI DER in (standard) base64. */
export type PosterKey = { id: number; spki: string };

/**
 * - `valid`: signed by that key.
 * - `invalid`: not a poster code, or the signature does not match (tampered, truncated, another hub).
 * - `unknown-key`: signed with a key this phone does not know (a newer key: the server will decide).
 * - `unverifiable`: this browser cannot check signatures (no `crypto.subtle` outside a secure
 *   context, or an unusable cached key): the server will decide.
 */
export type PosterVerdict = 'valid' | 'invalid' | 'unknown-key' | 'unverifiable';

/** The server accepts a `posterCode` of at most 300 characters. */
const maxTokenLength = 300;
const id = '([1-9][0-9]{0,14})';
const tokenPattern = new RegExp(`^(XK1\\.${id}\\.${id}\\.${id})\\.([A-Za-z0-9_-]{1,200})$`);
const checkinMarker = '#/checkin/';

/**
 * The poster code in a scanned text: the bare token, or any URL containing `#/checkin/<token>`
 * (`https://hub/phone/#/checkin/XK1…`, also with a trailing `/`, `?…` or `&…` a chat app added).
 * Null for anything else.
 */
export function parsePosterToken(text: string): PosterToken | null {
  if (typeof text !== 'string') return null;
  let candidate = text.trim();
  const at = candidate.indexOf(checkinMarker);
  if (at >= 0) candidate = candidate.slice(at + checkinMarker.length).split(/[/?&#\s]/, 1)[0] ?? '';
  if (candidate.length > maxTokenLength) return null;
  const match = tokenPattern.exec(candidate);
  if (!match) return null;
  const [, signed, campaign, station, key, sig] = match as unknown as [string, string, string, string, string, string];
  const campaignId = Number(campaign);
  const stationId = Number(station);
  const keyId = Number(key);
  if (![campaignId, stationId, keyId].every(Number.isSafeInteger)) return null;
  return { token: candidate, campaignId, stationId, keyId, signed, sig };
}

/** base64 or base64url (padding optional) → bytes; null when malformed. */
function decodeBase64(text: string): Uint8Array<ArrayBuffer> | null {
  const standard = text.replace(/-/g, '+').replace(/_/g, '/');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(standard)) return null;
  try {
    const binary = atob(standard.padEnd(Math.ceil(standard.length / 4) * 4, '='));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}

const importedKeys = new Map<string, Promise<CryptoKey | null>>();

function importKey(subtle: SubtleCrypto, spki: string): Promise<CryptoKey | null> {
  let key = importedKeys.get(spki);
  if (!key) {
    const der = decodeBase64(spki);
    key = der
      ? subtle.importKey('spki', der, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']).catch(() => null)
      : Promise.resolve(null);
    importedKeys.set(spki, key);
  }
  return key;
}

/**
 * Checks a poster code (a token string, any text `parsePosterToken` reads, or a parsed token)
 * against the hub's public keys. Never throws.
 */
export async function verifyPosterToken(token: string | PosterToken, keys: readonly PosterKey[]): Promise<PosterVerdict> {
  const parsed = typeof token === 'string' ? parsePosterToken(token) : token;
  if (!parsed) return 'invalid';
  const subtle: SubtleCrypto | undefined = globalThis.crypto?.subtle;
  if (!subtle) return 'unverifiable';
  const entry = keys.find((k) => k.id === parsed.keyId);
  if (!entry) return 'unknown-key';
  const signature = decodeBase64(parsed.sig);
  // P-256 in IEEE-P1363 form is exactly r‖s, 32 bytes each.
  if (!signature || signature.length !== 64) return 'invalid';
  const key = await importKey(subtle, entry.spki);
  if (!key) return 'unverifiable';
  try {
    const ok = await subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, signature, new TextEncoder().encode(parsed.signed));
    return ok ? 'valid' : 'invalid';
  } catch {
    return 'invalid';
  }
}
