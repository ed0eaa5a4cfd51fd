import { randomInt } from 'node:crypto';
import { and, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { Static } from 'typebox';
import { type Db, type DbOrTx, schema } from '@xk/db';
import type { Invite, InviteCreateSchema, InviteInfoSchema } from '@xk/contract';
import { normalizePhone } from '@xk/domain';
import { placePerson } from '../assignments/assignments-service';
import { AppError, badRequest, conflict, forbidden, notFound, unauthorized } from '../errors';
import type { Services } from '../services';
import type { AuthService, OpenedSession, RequestOrigin } from './auth-service';
import type { CodeTransport } from './code-transport';
import { type Actor, covers, rankOf, type Role, scopesOf, unitPaths } from './scope';
import { hashPassword, hashSecret, newSecret, verifyPassword } from './secrets';

const { assignments, campaigns, credentials, grants, memberships, people, signInLinks, stations, teams, units } = schema;
type LinkRow = typeof signInLinks.$inferSelect;
type InviteCreate = Static<typeof InviteCreateSchema>;
type InviteInfo = Static<typeof InviteInfoSchema>;

const minute = 60_000;
const day = 86_400_000;
/** How far ahead an invite may expire. */
export const inviteMaxLifetimeMs = 90 * day;
/** A reset code: 6 digits, valid 10 minutes, one use, at most one per phone every 60 s. */
export const pinCodePolicy = { lifetimeMs: 10 * minute, everyMs: 60_000 } as const;
/** A coordinator's PIN-reset sign-in link lasts a day. */
export const resetLinkLifetimeMs = day;

/**
 * A PIN anyone would try first: all one digit (000000, 777777) or a run up or down, wrapping past
 * 9 (123456, 654321, 890123, 098765). The schema already requires exactly six digits.
 */
export function isTrivialPin(pin: string): boolean {
  const d = [...pin].map(Number);
  const steps = d.slice(1).map((x, i) => (x - d[i]! + 10) % 10);
  return steps.every((s) => s === 0) || steps.every((s) => s === 1) || steps.every((s) => s === 9);
}

function requireGoodPin(pin: string, field = 'body/pin') {
  if (!/^[0-9]{6}$/.test(pin)) throw badRequest(field, 'the PIN must be exactly 6 digits');
  if (isTrivialPin(pin)) throw badRequest(field, 'this PIN is too easy to guess (one digit repeated, or a run such as 123456 or 654321): choose another');
}

function phoneOrThrow(input: string, field = 'body/phone'): string {
  const result = normalizePhone(input);
  if (!result.ok) throw badRequest(field, `phone ${result.reason}`);
  return result.phone;
}

/** The same answer for an unknown phone and a wrong PIN. */
const wrongPin = () => unauthorized('Wrong phone number or PIN');
const wrongCode = () => unauthorized('Wrong or expired code: ask for a new one');

/**
 * Why an invite cannot be used. Every dead invite answers 404 (`not_found`) with a message that
 * says which: unknown, revoked, expired or used up (the web app shows it as is).
 */
function deadInvite(row: LinkRow | undefined, now = new Date()): AppError {
  const ask = 'ask your coordinator for a new one';
  if (!row) return new AppError(404, 'not_found', `This invite link is not valid: check that it was copied whole, or ${ask}`).because('invite-unknown');
  if (row.revokedAt) return new AppError(404, 'not_found', `This invite was revoked: ${ask}`).because('invite-revoked');
  if (row.expiresAt <= now) return new AppError(404, 'not_found', `This invite expired on ${row.expiresAt.toISOString()}: ${ask}`).because('invite-expired');
  if (row.uses >= row.maxUses) return new AppError(404, 'not_found', `This invite has been used up (${row.uses} of ${row.maxUses}): ${ask}`).because('invite-used-up');
  return new AppError(404, 'not_found', `This invite cannot be used now: ${ask}`).because('invite-unknown');
}

const isLive = (now: Date) => and(isNull(signInLinks.revokedAt), gt(signInLinks.expiresAt, now), sql`${signInLinks.uses} < ${signInLinks.maxUses}`);

export const toInvite = (r: LinkRow): Invite => ({
  id: r.id,
  campaignId: r.campaignId!,
  teamId: r.teamId,
  stationId: r.stationId,
  label: r.label,
  maxUses: r.maxUses,
  uses: r.uses,
  expiresAt: r.expiresAt.toISOString(),
  createdAt: r.createdAt.toISOString(),
  revokedAt: r.revokedAt ? r.revokedAt.toISOString() : null,
});

/** The units an invite acts on (its team's and its station's, as they are now); [] when there is no such invite. */
export async function inviteUnits(db: Db, id: number): Promise<number[]> {
  const [row] = await db
    .select({ teamUnit: teams.unitId, stationUnit: stations.unitId })
    .from(signInLinks)
    .leftJoin(teams, eq(teams.id, signInLinks.teamId))
    .leftJoin(stations, eq(stations.id, signInLinks.stationId))
    .where(and(eq(signInLinks.id, id), eq(signInLinks.purpose, 'invite')));
  if (!row) return [];
  return [row.teamUnit, row.stationUnit].filter((u): u is number => typeof u === 'number');
}

// A real argon2id hash of a random string, verified against when the phone is unknown (same timing).
let dummyHash = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$2Yf9i4Q3VX1w5gC2oU1j2n7a0W0mO1C6y8cYvQ1r9xE';
void hashPassword(newSecret()).then((h: string) => (dummyHash = h));

interface VolunteerDeps {
  auth: AuthService;
  services: Services;
  /** The code transport to send through now (looked up at each send: tests may swap it). */
  transport: () => CodeTransport;
  log: { error(obj: object, msg: string): void };
}

/**
 * Volunteers: invites to a campaign's team or station, joining from one with a 6-digit PIN, PIN
 * sign-in on a phone (a long-lived 'phone' session), and PIN resets (a code through the code
 * transport, or a coordinator's one-time sign-in link). PINs and codes are stored only hashed
 * (PINs argon2id, codes SHA-256 of `personId:code`); every lockout is keyed on what is tried
 * (`invite:<sha256>`, `pin:<phone>`, `code:<phone>`), never on an address.
 */
export function createVolunteerService(db: Db, deps: VolunteerDeps) {
  const { auth, services } = deps;

  /** A person (by actor) as the audit log names them when the action opened their session. */
  const asPerson = (personId: number, sessionId: number): Actor => ({ kind: 'person', personId, sessionId, secret: '', grants: [] });

  async function personByPhone(phone: string) {
    const [row] = await db.select({ id: people.id, name: people.name, phone: people.phone }).from(people).where(eq(people.phone, phone));
    return row ?? null;
  }

  async function setPinHash(tx: DbOrTx, personId: number, pinHash: string) {
    await tx.insert(credentials).values({ personId, pinHash }).onConflictDoUpdate({ target: credentials.personId, set: { pinHash, updatedAt: new Date() } });
  }

  /**
   * Why an existing person cannot join from an invite: they already have a way to sign in (a PIN, a
   * password), or they hold a staff role (taking them over by phone number would take the role).
   */
  async function refusalToJoin(tx: DbOrTx, personId: number): Promise<AppError | null> {
    const [cred] = await tx.select().from(credentials).where(eq(credentials.personId, personId));
    if (cred?.pinHash) return conflict('this phone number already has an account: sign in with your PIN', 'body/phone').because('account-pin');
    if (cred?.passwordHash) return conflict('this phone number already has an account: sign in with your password', 'body/phone').because('account-password');
    const roles = await tx.select({ role: grants.role }).from(grants).where(eq(grants.personId, personId));
    if (roles.some((g) => rankOf(g.role as Role) > rankOf('volunteer'))) return conflict('this phone number belongs to a staff account: ask a coordinator for a sign-in link', 'body/phone').because('account-staff');
    return null;
  }

  async function invitePlaces(campaignId: number, teamId: number | null, stationId: number | null) {
    const [campaign] = await db.select({ name: campaigns.name }).from(campaigns).where(eq(campaigns.id, campaignId));
    const [team] = teamId ? await db.select({ name: teams.name, unitId: teams.unitId }).from(teams).where(eq(teams.id, teamId)) : [];
    const [station] = stationId ? await db.select({ name: stations.name, unitId: stations.unitId }).from(stations).where(eq(stations.id, stationId)) : [];
    return { campaign, team, station, unitId: team?.unitId ?? station?.unitId ?? null };
  }

  return {
    isTrivialPin,

    /** A new invite (its secret shown once); the team and station must be the campaign's. */
    async createInvite(actor: Actor, campaignId: number, input: InviteCreate, origin: RequestOrigin) {
      const campaign = await services.campaigns.row(campaignId);
      if (input.teamId === undefined && input.stationId === undefined) throw badRequest('body/teamId', 'an invite names a team, a station or both');
      let unitId: number | null = null;
      if (input.teamId !== undefined) {
        const [team] = await db.select({ unitId: teams.unitId }).from(teams).where(eq(teams.id, input.teamId));
        if (!team) throw badRequest('body/teamId', `team ${input.teamId} does not exist`);
        await services.campaigns.requireUnitInScope(campaign.id, team.unitId, 'body/teamId');
        unitId = team.unitId;
      }
      if (input.stationId !== undefined) {
        const [station] = await db.select({ unitId: stations.unitId, campaignId: stations.campaignId }).from(stations).where(eq(stations.id, input.stationId));
        if (!station || station.campaignId !== campaign.id) throw badRequest('body/stationId', `station ${input.stationId} is not a station of this campaign`);
        unitId ??= station.unitId;
      }
      const expiresAt = new Date(input.expiresAt);
      const now = Date.now();
      if (Number.isNaN(expiresAt.getTime()) || expiresAt.getTime() <= now) throw badRequest('body/expiresAt', 'expiresAt must be in the future');
      if (expiresAt.getTime() > now + inviteMaxLifetimeMs) throw badRequest('body/expiresAt', 'an invite may last at most 90 days');
      const { secret, link } = await auth.newLink({
        purpose: 'invite',
        campaignId: campaign.id,
        unitId,
        teamId: input.teamId ?? null,
        stationId: input.stationId ?? null,
        label: input.label ?? null,
        maxUses: input.maxUses,
        expiresAt,
        createdById: actor.kind === 'person' ? actor.personId : null,
      });
      await auth.audit(actor, 'invite.create', `invite:${link.id}`, { campaignId: campaign.id, teamId: link.teamId, stationId: link.stationId, maxUses: link.maxUses, expiresAt: link.expiresAt.toISOString() }, origin);
      return { ...toInvite(link), secret };
    },

    /** A campaign's invites (never their secrets), narrowed to those whose team's and station's units the caller coordinates. */
    async listInvites(actor: Actor, campaignId: number): Promise<Invite[]> {
      await services.campaigns.row(campaignId);
      const rows = await db
        .select({ link: signInLinks, teamUnit: teams.unitId, stationUnit: stations.unitId })
        .from(signInLinks)
        .leftJoin(teams, eq(teams.id, signInLinks.teamId))
        .leftJoin(stations, eq(stations.id, signInLinks.stationId))
        .where(and(eq(signInLinks.campaignId, campaignId), eq(signInLinks.purpose, 'invite')))
        .orderBy(desc(signInLinks.id));
      const scopes = scopesOf(actor, 'coordinator');
      if (scopes.includes(null)) return rows.map((r) => toInvite(r.link));
      const paths = await unitPaths(db, rows.flatMap((r) => [r.teamUnit, r.stationUnit].filter((u): u is number => typeof u === 'number')));
      const sees = (unitId: number | null) => unitId === null || (paths.has(unitId) && covers(scopes, paths.get(unitId)!));
      return rows.filter((r) => (r.teamUnit !== null || r.stationUnit !== null) && sees(r.teamUnit) && sees(r.stationUnit)).map((r) => toInvite(r.link));
    },

    /** Revokes an invite (idempotent: a revoked one stays as it was); people who joined keep their sessions. */
    async revokeInvite(actor: Actor, id: number, origin: RequestOrigin): Promise<Invite> {
      const [revoked] = await db
        .update(signInLinks)
        .set({ revokedAt: new Date() })
        .where(and(eq(signInLinks.id, id), eq(signInLinks.purpose, 'invite'), isNull(signInLinks.revokedAt)))
        .returning();
      if (revoked) {
        await auth.audit(actor, 'invite.revoke', `invite:${id}`, { campaignId: revoked.campaignId }, origin);
        return toInvite(revoked);
      }
      const [row] = await db.select().from(signInLinks).where(and(eq(signInLinks.id, id), eq(signInLinks.purpose, 'invite')));
      if (!row) throw notFound(`Invite ${id}`);
      return toInvite(row);
    },

    /** What a live invite leads to (public; nothing is used up). Dead invites count against the invite's lockout. */
    async peek(secret: string): Promise<InviteInfo> {
      const key = `invite:${hashSecret(secret)}`;
      await auth.checkAttempts(key);
      const link = await auth.peekLink(secret, 'invite');
      if (!link) {
        const [row] = await db.select().from(signInLinks).where(and(eq(signInLinks.tokenHash, hashSecret(secret)), eq(signInLinks.purpose, 'invite')));
        // Only secrets that never were count: a hall of phones scanning an expired poster must read "expired", not "wait".
        if (!row) await auth.recordFailure(key);
        throw deadInvite(row);
      }
      const places = await invitePlaces(link.campaignId!, link.teamId, link.stationId);
      const unitId = places.unitId ?? link.unitId;
      const [unit] = unitId ? await db.select({ name: units.name }).from(units).where(eq(units.id, unitId)) : [];
      return { campaignName: places.campaign?.name ?? '', teamName: places.team?.name ?? null, stationName: places.station?.name ?? null, unitName: unit?.name ?? '', expiresAt: link.expiresAt.toISOString() };
    },

    /**
     * Joins from an invite: one use of it, the person (new, or one a coordinator imported without
     * any way to sign in), a volunteer's membership and grant in the team's (else the station's)
     * unit, a placement at the team/station, the PIN — all in one transaction, so a refusal
     * half-way burns no use — then a phone session.
     */
    async join(input: { secret: string; name: string; phone: string; pin: string }, origin: RequestOrigin): Promise<OpenedSession> {
      const key = `invite:${hashSecret(input.secret)}`;
      await auth.checkAttempts(key);
      requireGoodPin(input.pin);
      const phone = phoneOrThrow(input.phone);
      const name = input.name.trim();
      if (!name) throw badRequest('body/name', 'name is blank');
      const live = await auth.peekLink(input.secret, 'invite');
      if (!live) {
        const [row] = await db.select().from(signInLinks).where(and(eq(signInLinks.tokenHash, hashSecret(input.secret)), eq(signInLinks.purpose, 'invite')));
        if (!row) await auth.recordFailure(key);
        await auth.audit(null, 'join.failed', row ? `invite:${row.id}` : null, { phone }, origin);
        throw deadInvite(row);
      }
      const known = await personByPhone(phone);
      if (known) {
        const refusal = await refusalToJoin(db, known.id);
        if (refusal) throw refusal;
      }
      const pinHash = await hashPassword(input.pin);
      const joined = await db.transaction(async (tx) => {
        const now = new Date();
        // The use itself, as useLink does it, but inside this transaction.
        const [link] = await tx
          .update(signInLinks)
          .set({ uses: sql`${signInLinks.uses} + 1` })
          .where(and(eq(signInLinks.tokenHash, hashSecret(input.secret)), eq(signInLinks.purpose, 'invite'), isLive(now)))
          .returning();
        if (!link?.campaignId) throw deadInvite(link);
        const [team] = link.teamId ? await tx.select({ unitId: teams.unitId }).from(teams).where(eq(teams.id, link.teamId)) : [];
        const [station] = link.stationId ? await tx.select({ unitId: stations.unitId }).from(stations).where(eq(stations.id, link.stationId)) : [];
        const unitId = team?.unitId ?? station?.unitId ?? link.unitId;
        if (!unitId) throw deadInvite(undefined);

        let personId: number;
        let created = false;
        // Serialises joins (and placements) of one person: NO KEY UPDATE, as the assignments service does.
        const [existing] = await tx.select({ id: people.id }).from(people).where(eq(people.phone, phone)).for('no key update');
        if (existing) {
          const refusal = await refusalToJoin(tx, existing.id);
          if (refusal) throw refusal;
          personId = existing.id;
        } else {
          const [row] = await tx.insert(people).values({ name, phone }).returning({ id: people.id });
          personId = row!.id;
          created = true;
        }
        await tx.insert(memberships).values({ personId, unitId, role: 'volunteer' }).onConflictDoNothing();
        await tx.insert(grants).values({ personId, role: 'volunteer', unitId, createdById: link.createdById }).onConflictDoNothing();
        const [open] = await tx
          .select()
          .from(assignments)
          .where(and(eq(assignments.campaignId, link.campaignId), eq(assignments.personId, personId), isNull(assignments.endsAt)));
        const placed = open && (link.teamId === null || open.teamId === link.teamId) && (link.stationId === null || open.stationId === link.stationId);
        if (!placed) await placePerson(tx, link.campaignId, { personId, teamId: link.teamId, stationId: link.stationId, role: 'volunteer' }, now);
        await setPinHash(tx, personId, pinHash);
        return { personId, created, link, newPlacement: !placed };
      });
      if (joined.created) services.people.events.emit('named', joined.personId, name);
      // A new volunteer (or a new placement) shows on coordinators' rosters.
      if (joined.link.campaignId) services.assignments.events.emit('placed', joined.link.campaignId, [joined.personId]);
      await auth.clearAttempts(key);
      const session = await auth.openSession(joined.personId, 'phone');
      await auth.audit(
        asPerson(joined.personId, session.sessionId),
        'join',
        `person:${joined.personId}`,
        { inviteId: joined.link.id, campaignId: joined.link.campaignId, teamId: joined.link.teamId, stationId: joined.link.stationId, newPerson: joined.created, newPlacement: joined.newPlacement },
        origin,
      );
      return session;
    },

    /** A volunteer's sign-in on a phone: phone number and PIN; the lockout is the phone's, not the address's. */
    async pinSignIn(phoneInput: string, pin: string, origin: RequestOrigin): Promise<OpenedSession> {
      const normal = normalizePhone(phoneInput);
      const key = `pin:${normal.ok ? normal.phone : phoneInput.trim()}`;
      await auth.checkAttempts(key);
      const person = normal.ok ? await personByPhone(normal.phone) : null;
      const [cred] = person ? await db.select({ pinHash: credentials.pinHash }).from(credentials).where(eq(credentials.personId, person.id)) : [];
      // Verify against something even for an unknown phone, so timing does not tell which phones have accounts.
      const ok = await verifyPassword(cred?.pinHash ?? dummyHash, pin);
      const staff = person ? (await auth.grantsOf(person.id)).some((g) => rankOf(g.role) > rankOf('volunteer')) : false;
      if (!person || !cred?.pinHash || !ok || staff) {
        await auth.audit(null, 'sign-in.pin.failed', person ? `person:${person.id}` : null, { phone: normal.ok ? normal.phone : phoneInput.slice(0, 40) }, origin);
        await auth.recordFailure(key);
        throw wrongPin();
      }
      await auth.clearAttempts(key);
      const session = await auth.openSession(person.id, 'phone');
      await auth.audit(asPerson(person.id, session.sessionId), 'sign-in.pin', `person:${person.id}`, null, origin);
      return session;
    },

    /** A signed-in person sets their own PIN. */
    async setPin(actor: Actor, pin: string, origin: RequestOrigin) {
      if (actor.kind !== 'person') throw forbidden('Only a person has a PIN');
      // Six digits are a phone's lock, not a staff account's: coordinators and above sign in with a password.
      if (actor.grants.some((g) => rankOf(g.role) > rankOf('volunteer'))) throw forbidden('Staff accounts sign in with a password, not a PIN');
      requireGoodPin(pin);
      await setPinHash(db, actor.personId, await hashPassword(pin));
      const [person] = await db.select({ phone: people.phone }).from(people).where(eq(people.id, actor.personId));
      if (person) await auth.clearAttempts(`pin:${person.phone}`);
      await auth.audit(actor, 'pin.set', `person:${actor.personId}`, null, origin);
    },

    /**
     * Sends a reset code to a known phone that has a way to sign in, at most one every 60 s; says
     * nothing either way (the route always answers 202). A new code replaces the phone's older ones.
     */
    async requestCode(phoneInput: string, origin: RequestOrigin): Promise<void> {
      const normal = normalizePhone(phoneInput);
      if (!normal.ok) return;
      const person = await personByPhone(normal.phone);
      if (!person) return;
      const [cred] = await db.select().from(credentials).where(eq(credentials.personId, person.id));
      if (!cred?.pinHash && !cred?.passwordHash) return;
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      const sent = await db.transaction(async (tx) => {
        await tx.select({ id: people.id }).from(people).where(eq(people.id, person.id)).for('no key update');
        const since = new Date(Date.now() - pinCodePolicy.everyMs);
        const [recent] = await tx
          .select({ id: signInLinks.id })
          .from(signInLinks)
          .where(and(eq(signInLinks.purpose, 'pin-code'), eq(signInLinks.personId, person.id), gt(signInLinks.createdAt, since)))
          .limit(1);
        if (recent) return false;
        await tx.delete(signInLinks).where(and(eq(signInLinks.purpose, 'pin-code'), eq(signInLinks.personId, person.id)));
        await tx.insert(signInLinks).values({ tokenHash: hashSecret(`${person.id}:${code}`), purpose: 'pin-code', personId: person.id, maxUses: 1, expiresAt: new Date(Date.now() + pinCodePolicy.lifetimeMs) });
        return true;
      });
      if (!sent) return;
      await auth.audit(null, 'pin.code', `person:${person.id}`, null, origin);
      // Not awaited: how long a gateway takes must not tell who has an account.
      const text = `Xung Kích: mã đặt lại PIN của bạn là ${code} (hiệu lực 10 phút). Đừng đưa mã này cho ai.`;
      void Promise.resolve()
        .then(() => deps.transport().send(normal.phone, text))
        .catch((err: unknown) => deps.log.error({ err: err instanceof Error ? err.message : String(err), personId: person.id }, 'sending a PIN reset code failed'));
    },

    /** Sets a new PIN with the code received, and signs in on this phone. */
    async resetWithCode(input: { phone: string; code: string; pin: string }, origin: RequestOrigin): Promise<OpenedSession> {
      const normal = normalizePhone(input.phone);
      const key = `code:${normal.ok ? normal.phone : input.phone.trim()}`;
      await auth.checkAttempts(key);
      requireGoodPin(input.pin);
      const person = normal.ok ? await personByPhone(normal.phone) : null;
      const pinHash = await hashPassword(input.pin);
      const used = person
        ? await db.transaction(async (tx) => {
            const [link] = await tx
              .update(signInLinks)
              .set({ uses: sql`${signInLinks.uses} + 1` })
              .where(and(eq(signInLinks.tokenHash, hashSecret(`${person.id}:${input.code}`)), eq(signInLinks.purpose, 'pin-code'), eq(signInLinks.personId, person.id), isLive(new Date())))
              .returning({ id: signInLinks.id });
            if (link) await setPinHash(tx, person.id, pinHash);
            return !!link;
          })
        : false;
      if (!person || !used) {
        await auth.audit(null, 'pin.reset.failed', person ? `person:${person.id}` : null, { phone: normal.ok ? normal.phone : input.phone.slice(0, 40) }, origin);
        await auth.recordFailure(key);
        throw wrongCode();
      }
      await auth.clearAttempts(key);
      await auth.clearAttempts(`pin:${person.phone}`);
      // A forgotten PIN is often a lost phone: whatever was signed in before is signed out.
      await auth.revokePersonSessions(person.id);
      const session = await auth.openSession(person.id, 'phone');
      await auth.audit(asPerson(person.id, session.sessionId), 'pin.reset', `person:${person.id}`, { by: 'code' }, origin);
      return session;
    },

    /**
     * Invites people already in the hub (a file of volunteers just imported): a personal one-time
     * sign-in link each (the phone then asks them to choose a PIN), sent through the code transport
     * unless `send` is false, and returned so the coordinator can also print or forward them.
     * Whoever can already sign in (a PIN, a password) or holds a staff role gets no link.
     */
    async invitePeople(actor: Actor, campaignId: number, input: { personIds: number[]; days?: number | undefined; send?: boolean | undefined }, baseUrl: string, origin: RequestOrigin) {
      const campaign = await services.campaigns.row(campaignId);
      const found = await db.select({ id: people.id, name: people.name, phone: people.phone }).from(people).where(inArray(people.id, input.personIds));
      const missing = input.personIds.find((id) => !found.some((p) => p.id === id));
      if (missing !== undefined) throw badRequest('body/personIds', `person ${missing} does not exist`);
      const creds = await db.select().from(credentials).where(inArray(credentials.personId, input.personIds));
      const staff = await db.select({ personId: grants.personId, role: grants.role }).from(grants).where(inArray(grants.personId, input.personIds));
      const expiresAt = new Date(Date.now() + (input.days ?? 7) * day);
      const out: { invites: Array<{ personId: number; name: string; phone: string; url: string; expiresAt: string; sent: boolean }>; skipped: Array<{ personId: number; name: string; reason: string }> } = { invites: [], skipped: [] };
      for (const p of found) {
        const cred = creds.find((c) => c.personId === p.id);
        if (cred?.pinHash || cred?.passwordHash) {
          out.skipped.push({ personId: p.id, name: p.name, reason: cred.pinHash ? 'has-pin' : 'has-password' });
          continue;
        }
        if (staff.some((g) => g.personId === p.id && rankOf(g.role as Role) > rankOf('volunteer'))) {
          out.skipped.push({ personId: p.id, name: p.name, reason: 'staff' });
          continue;
        }
        const { secret, link } = await auth.newLink({ purpose: 'sign-in', personId: p.id, expiresAt, createdById: actor.kind === 'person' ? actor.personId : null });
        const url = `${baseUrl}/phone/#/link/${secret}`;
        let sent = false;
        if (input.send !== false) {
          try {
            await deps.transport().send(p.phone, `Xung Kích: mời bạn tham gia «${campaign.name}». Mở liên kết để đặt mã PIN: ${url}`);
            sent = true;
          } catch (err) {
            deps.log.error({ err, personId: p.id }, 'invite link not sent');
          }
        }
        out.invites.push({ personId: p.id, name: p.name, phone: p.phone, url, expiresAt: link.expiresAt.toISOString(), sent });
      }
      await auth.audit(actor, 'invite.people', `campaign:${campaignId}`, { invited: out.invites.length, skipped: out.skipped.length, sent: out.invites.filter((i) => i.sent).length }, origin);
      return out;
    },

    /**
     * A coordinator's answer to a forgotten PIN: a one-time sign-in link (24 h) for the volunteer,
     * who then sets a new PIN. Only for volunteers (a staff role's holder is reset by an admin).
     */
    async resetLink(actor: Actor, personId: number, origin: RequestOrigin): Promise<{ secret: string }> {
      await services.people.get(personId);
      const held = await db.select({ role: grants.role }).from(grants).where(eq(grants.personId, personId));
      const staff = held.some((g) => rankOf(g.role as Role) > rankOf('volunteer'));
      if (staff && !scopesOf(actor, 'admin').includes(null)) throw forbidden(`Person ${personId} holds a staff role: only an admin may send them a sign-in link`);
      const { secret, link } = await auth.newLink({ purpose: 'sign-in', personId, expiresAt: new Date(Date.now() + resetLinkLifetimeMs), createdById: actor.kind === 'person' ? actor.personId : null });
      await auth.audit(actor, 'pin.reset-link', `person:${personId}`, { linkId: link.id }, origin);
      return { secret };
    },
  };
}
export type VolunteerService = ReturnType<typeof createVolunteerService>;

