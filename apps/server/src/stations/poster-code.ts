import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from 'node:crypto';
import { desc, sql } from 'drizzle-orm';
import { type Db, schema } from '@xk/db';

/**
 * Station poster codes: `XK1.<campaignId>.<stationId>.<keyId>.<sig>`, where sig is base64url (no
 * padding) of the ECDSA P-256 / SHA-256 signature in IEEE-P1363 form (r‖s, 64 bytes) over the
 * ASCII bytes of `XK1.<campaignId>.<stationId>.<keyId>` — exactly what WebCrypto's
 * `verify({ name: 'ECDSA', hash: 'SHA-256' }, key, sig, data)` checks, so a phone checks a poster
 * offline with the public keys of `GET /phone/today`, and the server checks it again on check-in.
 */

export const posterTokenVersion = 'XK1';

export interface PosterClaims {
  campaignId: number;
  stationId: number;
  keyId: number;
}

export interface ParsedPosterToken extends PosterClaims {
  /** The token alone (without the URL it may have been found in). */
  token: string;
  /** What the signature covers. */
  payload: string;
  signature: Buffer;
}

/** A key as the hub hands it to phones: its id and the base64 SPKI DER of its public half. */
export interface PosterPublicKey {
  id: number;
  spki: string;
}

const maxId = 2_147_483_647;
/** The token anywhere in a scanned text: bare, or inside a URL (`…/phone/#/checkin/<token>`). */
const tokenPattern = /XK1\.(\d{1,10})\.(\d{1,10})\.(\d{1,10})\.([A-Za-z0-9_-]{1,200})(?![A-Za-z0-9_-])/;

export const posterPayload = (c: PosterClaims) => `${posterTokenVersion}.${c.campaignId}.${c.stationId}.${c.keyId}`;

/** Reads a poster token out of any scanned text; null when there is none. */
export function parsePosterToken(text: string): ParsedPosterToken | null {
  const m = tokenPattern.exec(text);
  if (!m) return null;
  const [campaignId, stationId, keyId] = [m[1], m[2], m[3]].map(Number) as [number, number, number];
  if (![campaignId, stationId, keyId].every((n) => n >= 1 && n <= maxId)) return null;
  const claims = { campaignId, stationId, keyId };
  const payload = posterPayload(claims);
  return { ...claims, token: `${payload}.${m[4]}`, payload, signature: Buffer.from(m[4]!, 'base64url') };
}

/** Signs a poster token with a private key (ECDSA P-256, SHA-256, IEEE-P1363 signature). */
export function signPosterToken(claims: PosterClaims, privateKey: KeyObject): string {
  const payload = posterPayload(claims);
  const signature = sign('sha256', Buffer.from(payload, 'ascii'), { key: privateKey, dsaEncoding: 'ieee-p1363' });
  return `${payload}.${signature.toString('base64url')}`;
}

/** Public keys parsed once: keys never change once stored (a new key is a new row). */
const publicKeyCache = new Map<string, KeyObject>();
function publicKeyOf(spki: string): KeyObject {
  let key = publicKeyCache.get(spki);
  if (!key) {
    key = createPublicKey({ key: Buffer.from(spki, 'base64'), format: 'der', type: 'spki' });
    if (publicKeyCache.size > 1000) publicKeyCache.clear();
    publicKeyCache.set(spki, key);
  }
  return key;
}

/**
 * Why a check-in's poster code is not good for it, or null when it is: a code this hub signed
 * (`keys`: public keys by id, base64 SPKI) for this very campaign and station.
 */
export function posterCodeProblem(code: string, entry: { campaignId: number; stationId: number }, keys: ReadonlyMap<number, string>): string | null {
  const parsed = parsePosterToken(code);
  if (!parsed) return 'not a station poster code (XK1.<campaign>.<station>.<key>.<signature>): scan the poster again, or pick the station from the list';
  const spki = keys.get(parsed.keyId);
  if (spki === undefined) return `the poster is signed with key ${parsed.keyId}, which this hub does not have: it was not printed by this hub`;
  let good = false;
  try {
    good = parsed.signature.length === 64 && verify('sha256', Buffer.from(parsed.payload, 'ascii'), { key: publicKeyOf(spki), dsaEncoding: 'ieee-p1363' }, parsed.signature);
  } catch {
    good = false;
  }
  if (!good) return "the poster code's signature does not match: the code was altered, or the poster was not printed by this hub";
  if (parsed.campaignId !== entry.campaignId) return `this is a poster of campaign ${parsed.campaignId}, not of campaign ${entry.campaignId}`;
  if (parsed.stationId !== entry.stationId) return `this is the poster of station ${parsed.stationId}, not of station ${entry.stationId}`;
  return null;
}

/** Lock key space of the poster keys (`pg_advisory_xact_lock(key, 0)`): two hubs never create two keys at once. */
const posterKeyLock = 727300;

/** The deployment's poster keys: the newest is the active one, created on first need. */
export function createPosterKeys(db: Db) {
  const { posterKeys } = schema;
  let active: { id: number; privateKey: KeyObject } | undefined;

  /** The key new posters are signed with; made (once, whichever hub asks first) when there is none. */
  async function activeKey(): Promise<{ id: number; privateKey: KeyObject }> {
    if (active) return active;
    let [row] = await db.select().from(posterKeys).orderBy(desc(posterKeys.id)).limit(1);
    if (!row) {
      row = await db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(${sql.raw(String(posterKeyLock))}, 0)`);
        const [existing] = await tx.select().from(posterKeys).orderBy(desc(posterKeys.id)).limit(1);
        if (existing) return existing;
        const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
        const [created] = await tx
          .insert(posterKeys)
          .values({
            publicKey: pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
            privateKey: pair.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
          })
          .returning();
        return created!;
      });
    }
    active = { id: row.id, privateKey: createPrivateKey({ key: Buffer.from(row.privateKey, 'base64'), format: 'der', type: 'pkcs8' }) };
    return active;
  }

  return {
    active: activeKey,

    /** Every key's public half, oldest first: a phone checks posters signed with any of them. */
    async publicKeys(): Promise<PosterPublicKey[]> {
      const rows = await db.select({ id: posterKeys.id, spki: posterKeys.publicKey }).from(posterKeys).orderBy(posterKeys.id);
      return rows;
    },

    /** A poster token for a station of a campaign, signed with the active key. */
    async sign(campaignId: number, stationId: number): Promise<string> {
      const key = await activeKey();
      return signPosterToken({ campaignId, stationId, keyId: key.id }, key.privateKey);
    },
  };
}
export type PosterKeys = ReturnType<typeof createPosterKeys>;
