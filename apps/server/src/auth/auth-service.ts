import { and, eq, gt, inArray, isNull, or, lt, sql } from 'drizzle-orm';
import { type Db, schema } from '@xk/db';
import { normalizePhone } from '@xk/domain';
import { AppError, badRequest, conflict, tooManyAttempts, unauthorized } from '../errors';
import type { PeopleService } from '../people/people-service';
import { type Actor, type Grant, type Role, roles } from './scope';
import { hashPassword, hashSecret, newSecret, verifyPassword } from './secrets';

const { auditLog, credentials, grants, people, sessions, signInAttempts, signInLinks, units } = schema;

const day = 86_400_000;
/** How long sessions last: staff in a browser 30 days, a volunteer's phone 180 days (revocable). */
export const sessionLifetimeMs = { web: 30 * day, phone: 180 * day, board: 365 * day, token: 5 * 365 * day } as const;
/** A resolved session is trusted this long before it is read again (revocation on another hub takes at most this). */
const cacheMs = 2000;

export interface RequestOrigin {
  ip?: string | undefined;
  userAgent?: string | undefined;
}

export interface OpenedSession {
  secret: string;
  sessionId: number;
  personId: number;
  expiresAt: Date;
}

/** Failures allowed before a key locks, and the first lock's length (it doubles, up to 15 min). */
export const attemptPolicy = { failures: 5, firstLockMs: 30_000, maxLockMs: 15 * 60_000, forgetAfterMs: 15 * 60_000 };

const invalidSignIn = () => new AppError(401, 'unauthorized', 'Wrong phone number, e-mail or password');

/**
 * Who may do what: passwords (argon2id), sessions (secrets stored hashed), grants of roles over
 * subtrees, one-time links (the first admin's set-up, sign-in links), and the audit log.
 */
export function createAuthService(db: Db, peopleService: PeopleService) {
  const cache = new Map<string, { actor: Actor | null; at: number }>();

  async function grantsOf(personId: number): Promise<Grant[]> {
    const rows = await db
      .select({ role: grants.role, unitId: grants.unitId, path: units.path })
      .from(grants)
      .leftJoin(units, eq(units.id, grants.unitId))
      .where(eq(grants.personId, personId));
    return rows.map((r) => ({ role: r.role as Role, unitId: r.unitId, path: r.unitId === null ? null : r.path }));
  }

  async function openSession(personId: number, kind: 'web' | 'phone'): Promise<OpenedSession> {
    const secret = newSecret();
    const expiresAt = new Date(Date.now() + sessionLifetimeMs[kind]);
    const [row] = await db.insert(sessions).values({ tokenHash: hashSecret(secret), kind, personId, expiresAt }).returning({ id: sessions.id });
    return { secret, sessionId: row!.id, personId, expiresAt };
  }

  /** A board's or integration's session: its own scope, no person; tied to the link it came from. */
  async function openScreenSession(input: { kind: 'board' | 'token'; unitId: number; campaignId?: number | null; linkId?: number | null; label?: string | null; createdById?: number | null }) {
    const secret = newSecret();
    const expiresAt = new Date(Date.now() + sessionLifetimeMs[input.kind]);
    const [row] = await db
      .insert(sessions)
      .values({ tokenHash: hashSecret(secret), kind: input.kind, unitId: input.unitId, campaignId: input.campaignId ?? null, linkId: input.linkId ?? null, label: input.label ?? null, createdById: input.createdById ?? null, expiresAt })
      .returning();
    return { secret, session: row!, expiresAt };
  }

  /** A new link of any purpose; the secret is returned once and stored hashed. */
  async function newLink(input: { purpose: 'sign-in' | 'invite' | 'board'; expiresAt: Date; maxUses?: number; personId?: number | null; campaignId?: number | null; unitId?: number | null; teamId?: number | null; stationId?: number | null; label?: string | null; createdById?: number | null }) {
    const secret = newSecret();
    const [row] = await db.insert(signInLinks).values({ tokenHash: hashSecret(secret), maxUses: 1, ...input }).returning();
    return { secret, link: row! };
  }

  /** Revokes sessions (and forgets them here at once; other hubs within 2 s). */
  async function revokeSessions(where: { sessionId?: number; linkId?: number }) {
    const cond = where.sessionId !== undefined ? eq(sessions.id, where.sessionId) : eq(sessions.linkId, where.linkId!);
    await db.update(sessions).set({ revokedAt: new Date() }).where(and(cond, isNull(sessions.revokedAt)));
    cache.clear();
  }

  async function audit(actor: Actor | null, action: string, target: string | null, detail: Record<string, unknown> | null, origin: RequestOrigin = {}) {
    await db.insert(auditLog).values({
      actorPersonId: actor?.kind === 'person' ? actor.personId : null,
      actorSessionId: actor?.sessionId ?? null,
      action,
      target,
      detail,
      ip: origin.ip ?? null,
      userAgent: origin.userAgent?.slice(0, 300) ?? null,
    });
  }

  /** Throws 429 while `key` is locked (a login, a phone's PIN, an invite: never an address). */
  async function checkAttempts(key: string) {
    const [row] = await db.select().from(signInAttempts).where(eq(signInAttempts.key, key));
    const wait = row?.lockedUntil ? row.lockedUntil.getTime() - Date.now() : 0;
    if (wait > 0) throw tooManyAttempts(Math.ceil(wait / 1000));
  }

  /** Counts a failure; the fifth within 15 min locks the key (30 s, doubling at each lock). */
  async function recordFailure(key: string) {
    const now = new Date();
    const forgetBefore = new Date(now.getTime() - attemptPolicy.forgetAfterMs);
    const [row] = await db
      .insert(signInAttempts)
      .values({ key, failures: 1, lastFailureAt: now })
      .onConflictDoUpdate({
        target: signInAttempts.key,
        set: {
          failures: sql`case when ${signInAttempts.lastFailureAt} < ${forgetBefore} then 1 else ${signInAttempts.failures} + 1 end`,
          lastFailureAt: now,
        },
      })
      .returning();
    if (row && row.failures >= attemptPolicy.failures) {
      const lockMs = Math.min(attemptPolicy.firstLockMs * 2 ** row.locks, attemptPolicy.maxLockMs);
      await db.update(signInAttempts).set({ failures: 0, locks: row.locks + 1, lockedUntil: new Date(now.getTime() + lockMs) }).where(eq(signInAttempts.key, key));
    }
  }

  const clearAttempts = (key: string) => db.delete(signInAttempts).where(eq(signInAttempts.key, key));

  /** The key of a login: its normalised phone number or lower-cased e-mail. */
  function loginKey(login: string): string {
    const text = login.trim();
    if (text.includes('@')) return `login:${text.toLowerCase()}`;
    const phone = normalizePhone(text);
    return `login:${phone.ok ? phone.phone : text}`;
  }

  async function findByLogin(login: string): Promise<number | null> {
    const text = login.trim();
    if (text.includes('@')) {
      const [row] = await db.select({ id: people.id }).from(people).where(sql`lower(${people.email}) = ${text.toLowerCase()}`);
      return row?.id ?? null;
    }
    const phone = normalizePhone(text);
    if (!phone.ok) return null;
    const [row] = await db.select({ id: people.id }).from(people).where(eq(people.phone, phone.phone));
    return row?.id ?? null;
  }

  /** Consumes one use of a live link of `purpose`; null when unknown, used up, expired or revoked. */
  async function useLink(secret: string, purpose: 'setup' | 'sign-in' | 'invite' | 'board') {
    const [row] = await db
      .update(signInLinks)
      .set({ uses: sql`${signInLinks.uses} + 1` })
      .where(
        and(
          eq(signInLinks.tokenHash, hashSecret(secret)),
          eq(signInLinks.purpose, purpose),
          isNull(signInLinks.revokedAt),
          gt(signInLinks.expiresAt, new Date()),
          sql`${signInLinks.uses} < ${signInLinks.maxUses}`,
        ),
      )
      .returning();
    return row ?? null;
  }

  /** A live link of `purpose` without using it up (an invite's preview); null when not live. */
  async function peekLink(secret: string, purpose: 'invite' | 'board') {
    const [row] = await db
      .select()
      .from(signInLinks)
      .where(and(eq(signInLinks.tokenHash, hashSecret(secret)), eq(signInLinks.purpose, purpose), isNull(signInLinks.revokedAt), gt(signInLinks.expiresAt, new Date()), sql`${signInLinks.uses} < ${signInLinks.maxUses}`));
    return row ?? null;
  }

  return {
    grantsOf,
    audit,
    // For the other auth modules (invites and PINs, boards and tokens): the building blocks.
    openSession,
    openScreenSession,
    newLink,
    useLink,
    peekLink,
    revokeSessions,
    checkAttempts,
    recordFailure,
    clearAttempts,
    async grantRows(personId: number) {
      const rows = await db.select().from(grants).where(eq(grants.personId, personId)).orderBy(grants.id);
      return rows.map((r) => ({ id: r.id, personId: r.personId, role: r.role as Role, unitId: r.unitId }));
    },

    /** Whether nobody can administer the hub yet (no admin grant): the first start prints a set-up link. */
    async setupNeeded(): Promise<boolean> {
      const [row] = await db.select({ id: grants.id }).from(grants).where(eq(grants.role, 'admin')).limit(1);
      return !row;
    },

    /** A new one-time set-up link's secret (valid 24 h, and only while nobody is admin). */
    async newSetupLink(): Promise<string> {
      const secret = newSecret();
      await db.insert(signInLinks).values({ tokenHash: hashSecret(secret), purpose: 'setup', expiresAt: new Date(Date.now() + day) });
      return secret;
    },

    /** Creates the first admin from a set-up link, and signs them in. */
    async setup(secret: string, input: { name: string; phone: string; email?: string | undefined; password: string }, origin: RequestOrigin): Promise<OpenedSession> {
      if (input.password.length < 10) throw badRequest('body/password', 'the password must have at least 10 characters');
      const [admin] = await db.select({ id: grants.id }).from(grants).where(eq(grants.role, 'admin')).limit(1);
      if (admin) throw unauthorized('The hub already has an admin: sign in instead');
      const link = await useLink(secret, 'setup');
      if (!link) throw unauthorized('This set-up link is not valid (used or expired): restart the hub for a new one');
      const person = await peopleService.create({ name: input.name, phone: input.phone, ...(input.email ? { email: input.email } : {}) });
      await db.insert(credentials).values({ personId: person.id, passwordHash: await hashPassword(input.password) });
      await db.insert(grants).values({ personId: person.id, role: 'admin', unitId: null });
      const session = await openSession(person.id, 'web');
      await audit({ kind: 'person', personId: person.id, sessionId: session.sessionId, secret: '', grants: [] }, 'setup.first-admin', `person:${person.id}`, null, origin);
      return session;
    },

    /** Staff sign-in: phone number or e-mail, and password. The same answer for an unknown login and a wrong password. */
    async signIn(login: string, password: string, origin: RequestOrigin): Promise<OpenedSession> {
      const key = loginKey(login);
      await checkAttempts(key);
      const personId = await findByLogin(login);
      const [cred] = personId ? await db.select().from(credentials).where(eq(credentials.personId, personId)) : [];
      // Verify against something even for an unknown login, so timing does not tell which logins exist.
      const ok = await verifyPassword(cred?.passwordHash ?? dummyHash, password);
      if (!personId || !cred?.passwordHash || !ok) {
        await audit(null, 'sign-in.failed', personId ? `person:${personId}` : null, { login: login.slice(0, 100) }, origin);
        await recordFailure(key);
        throw invalidSignIn();
      }
      await clearAttempts(key);
      const session = await openSession(personId, 'web');
      await audit({ kind: 'person', personId, sessionId: session.sessionId, secret: '', grants: [] }, 'sign-in', `person:${personId}`, null, origin);
      return session;
    },

    /** A one-time sign-in link for a person (the demo prints them; later, coordinators send them). */
    async newSignInLink(personId: number, createdById: number | null, ttlMs = 7 * day): Promise<string> {
      const secret = newSecret();
      await db.insert(signInLinks).values({ tokenHash: hashSecret(secret), purpose: 'sign-in', personId, createdById, expiresAt: new Date(Date.now() + ttlMs) });
      return secret;
    },

    async redeemSignInLink(secret: string, origin: RequestOrigin): Promise<OpenedSession> {
      const link = await useLink(secret, 'sign-in');
      if (!link?.personId) throw unauthorized('This sign-in link is not valid (used, expired or revoked)');
      const session = await openSession(link.personId, 'web');
      await audit({ kind: 'person', personId: link.personId, sessionId: session.sessionId, secret: '', grants: [] }, 'sign-in.link', `person:${link.personId}`, null, origin);
      return session;
    },

    async setPassword(personId: number, password: string) {
      if (password.length < 10) throw badRequest('body/password', 'the password must have at least 10 characters');
      const passwordHash = await hashPassword(password);
      await db.insert(credentials).values({ personId, passwordHash }).onConflictDoUpdate({ target: credentials.personId, set: { passwordHash, updatedAt: new Date() } });
    },

    /** The actor behind a session secret; null when unknown, expired or revoked. */
    async resolve(secret: string): Promise<Actor | null> {
      const key = hashSecret(secret);
      const hit = cache.get(key);
      if (hit && Date.now() - hit.at < cacheMs) return hit.actor;
      const [row] = await db
        .select({ id: sessions.id, kind: sessions.kind, personId: sessions.personId, campaignId: sessions.campaignId, unitId: sessions.unitId, path: units.path, expiresAt: sessions.expiresAt, revokedAt: sessions.revokedAt })
        .from(sessions)
        .leftJoin(units, eq(units.id, sessions.unitId))
        .where(eq(sessions.tokenHash, key));
      let actor: Actor | null = null;
      if (row && !row.revokedAt && row.expiresAt > new Date()) {
        if ((row.kind === 'web' || row.kind === 'phone') && row.personId) actor = { kind: 'person', sessionId: row.id, secret, personId: row.personId, grants: await grantsOf(row.personId), onPhone: row.kind === 'phone' };
        else if (row.kind === 'board' && row.campaignId && row.unitId && row.path) actor = { kind: 'board', sessionId: row.id, secret, campaignId: row.campaignId, unitId: row.unitId, path: row.path };
        else if (row.kind === 'token' && row.unitId && row.path) actor = { kind: 'token', sessionId: row.id, secret, unitId: row.unitId, path: row.path };
      }
      if (cache.size > 50_000) cache.clear();
      cache.set(key, { actor, at: Date.now() });
      // When a session was last used (tokens and screens are listed with it), at most once a minute.
      if (actor) await db.update(sessions).set({ lastSeenAt: new Date() }).where(and(eq(sessions.id, actor.sessionId), lt(sessions.lastSeenAt, new Date(Date.now() - 60_000))));
      return actor;
    },

    /** Ends every live session of a person; answers how many. */
    async revokePersonSessions(personId: number): Promise<number> {
      const rows = await db.update(sessions).set({ revokedAt: new Date() }).where(and(eq(sessions.personId, personId), isNull(sessions.revokedAt))).returning({ id: sessions.id });
      cache.clear();
      return rows.length;
    },

    /** Of these sessions, the ones revoked or expired since (live sockets of those are closed). */
    async endedSessions(ids: number[]): Promise<number[]> {
      if (ids.length === 0) return [];
      const rows = await db
        .select({ id: sessions.id })
        .from(sessions)
        .where(and(inArray(sessions.id, ids), or(sql`${sessions.revokedAt} is not null`, lt(sessions.expiresAt, new Date()))));
      return rows.map((r) => r.id);
    },

    async signOut(actor: Actor, origin: RequestOrigin) {
      await revokeSessions({ sessionId: actor.sessionId });
      await audit(actor, 'sign-out', null, null, origin);
    },

    /** Gives a person a role over a unit's subtree (null: the whole tree, admins only). */
    async grant(by: Actor, personId: number, role: Role, unitId: number | null, origin: RequestOrigin) {
      if (!roles.includes(role)) throw badRequest('body/role', `role must be one of ${roles.join(', ')}`);
      if (unitId === null && role !== 'admin') throw badRequest('body/unitId', 'only an admin role may cover the whole tree');
      await peopleService.get(personId);
      const [row] = await db.insert(grants).values({ personId, role, unitId, createdById: by.kind === 'person' ? by.personId : null }).onConflictDoNothing().returning({ id: grants.id });
      if (!row) throw conflict(`person ${personId} already has ${role} over ${unitId === null ? 'the whole tree' : `unit ${unitId}`}`);
      cache.clear();
      await audit(by, 'grant.add', `person:${personId}`, { role, unitId }, origin);
      return { id: row.id, personId, role, unitId };
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;

// A real argon2id hash of a random string, verified against when the login is unknown.
let dummyHash = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$2Yf9i4Q3VX1w5gC2oU1j2n7a0W0mO1C6y8cYvQ1r9xE';
void hashPassword(newSecret()).then((h: string) => (dummyHash = h));
