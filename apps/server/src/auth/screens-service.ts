import { and, count, desc, eq, gt, inArray, isNull } from 'drizzle-orm';
import type { BoardLink, IntegrationToken } from '@xk/contract';
import { type Db, schema } from '@xk/db';
import { badRequest, notFound, unauthorized } from '../errors';
import { seesUnit } from './access';
import type { AuthService, RequestOrigin } from './auth-service';
import { type Actor, covers, unitPaths } from './scope';

const { campaigns, sessions, signInLinks } = schema;
const day = 86_400_000;

/** A board link serves every screen of a hall for a year (each screen that opens it uses one of its uses). */
export const boardLinkPolicy = { maxUses: 1_000_000, lifetimeMs: 365 * day } as const;

const invalidBoardLink = () => unauthorized('This board link is not valid: it was revoked or has expired. Ask a coordinator for a new board link.');

type LinkRow = typeof signInLinks.$inferSelect;
type SessionRow = typeof sessions.$inferSelect;

const toBoardLink = (r: LinkRow, screens: number): BoardLink => ({
  id: r.id,
  campaignId: r.campaignId!,
  unitId: r.unitId!,
  label: r.label,
  createdAt: r.createdAt.toISOString(),
  revokedAt: r.revokedAt?.toISOString() ?? null,
  screens,
});

const toToken = (r: SessionRow): IntegrationToken => ({
  id: r.id,
  unitId: r.unitId!,
  label: r.label,
  createdAt: r.createdAt.toISOString(),
  lastSeenAt: r.lastSeenAt.toISOString(),
  revokedAt: r.revokedAt?.toISOString() ?? null,
});

const personOf = (actor: Actor) => (actor.kind === 'person' ? actor.personId : null);

/**
 * Read-only screens: board links (a campaign's live board at a unit, for hall TVs; every screen
 * that opens one gets its own session tied to the link, so revoking the link ends them all) and
 * integration tokens (a bearer session over a subtree). Secrets are returned once and stored
 * hashed (by the auth service's building blocks).
 */
export function createScreensService(db: Db, auth: AuthService) {
  async function campaignScope(campaignId: number): Promise<number> {
    const [row] = await db.select({ unitId: campaigns.scopeUnitId }).from(campaigns).where(eq(campaigns.id, campaignId));
    if (!row) throw notFound(`Campaign ${campaignId}`, 'params/id');
    return row.unitId;
  }

  async function boardLinkRow(id: number): Promise<LinkRow | undefined> {
    const [row] = await db.select().from(signInLinks).where(and(eq(signInLinks.id, id), eq(signInLinks.purpose, 'board')));
    return row;
  }

  /** Screens (live sessions) opened from each link. */
  async function screensOf(linkIds: number[]): Promise<Map<number, number>> {
    if (linkIds.length === 0) return new Map();
    const rows = await db
      .select({ linkId: sessions.linkId, n: count() })
      .from(sessions)
      .where(and(inArray(sessions.linkId, linkIds), eq(sessions.kind, 'board'), isNull(sessions.revokedAt), gt(sessions.expiresAt, new Date())))
      .groupBy(sessions.linkId);
    return new Map(rows.map((r) => [r.linkId!, Number(r.n)]));
  }

  async function tokenRow(id: number): Promise<SessionRow | undefined> {
    const [row] = await db.select().from(sessions).where(and(eq(sessions.id, id), eq(sessions.kind, 'token')));
    return row;
  }

  return {
    /** The unit of a board link, for its route's policy (undefined when there is none: the handler answers 404). */
    async boardLinkUnit(id: number): Promise<number | undefined> {
      return (await boardLinkRow(id))?.unitId ?? undefined;
    },

    /** The unit of an integration token, for its route's policy. */
    async tokenUnit(id: number): Promise<number | undefined> {
      return (await tokenRow(id))?.unitId ?? undefined;
    },

    /** A new board link for a campaign at a unit inside its scope; the secret is returned once. */
    async createBoardLink(actor: Actor, campaignId: number, input: { unitId: number; label?: string | undefined }, origin: RequestOrigin) {
      const scopeUnitId = await campaignScope(campaignId);
      const paths = await unitPaths(db, [scopeUnitId, input.unitId]);
      const unitPath = paths.get(input.unitId);
      if (unitPath === undefined) throw badRequest('body/unitId', `unit ${input.unitId} does not exist`);
      if (!covers([paths.get(scopeUnitId)!], unitPath)) throw badRequest('body/unitId', `unit ${input.unitId} is outside the units of campaign ${campaignId}`);
      const { secret, link } = await auth.newLink({
        purpose: 'board',
        campaignId,
        unitId: input.unitId,
        label: input.label ?? null,
        maxUses: boardLinkPolicy.maxUses,
        expiresAt: new Date(Date.now() + boardLinkPolicy.lifetimeMs),
        createdById: personOf(actor),
      });
      await auth.audit(actor, 'board-link.create', `board-link:${link.id}`, { campaignId, unitId: input.unitId, label: input.label ?? null }, origin);
      return { ...toBoardLink(link, 0), secret };
    },

    /** A campaign's board links at units the actor coordinates, with the screens open on each. */
    async listBoardLinks(actor: Actor, campaignId: number): Promise<BoardLink[]> {
      await campaignScope(campaignId);
      const rows = await db
        .select()
        .from(signInLinks)
        .where(and(eq(signInLinks.campaignId, campaignId), eq(signInLinks.purpose, 'board')))
        .orderBy(desc(signInLinks.id));
      const paths = await unitPaths(db, rows.map((r) => r.unitId!));
      const mine = rows.filter((r) => {
        const path = paths.get(r.unitId!);
        return path !== undefined && seesUnit(actor, 'coordinator', path);
      });
      const screens = await screensOf(mine.map((r) => r.id));
      return mine.map((r) => toBoardLink(r, screens.get(r.id) ?? 0));
    },

    /** Revokes a board link and every screen opened from it (their sockets close at the next sweep). Idempotent. */
    async revokeBoardLink(actor: Actor, id: number, origin: RequestOrigin): Promise<BoardLink> {
      const found = await boardLinkRow(id);
      if (!found) throw notFound(`Board link ${id}`, 'params/id');
      const [revoked] = await db
        .update(signInLinks)
        .set({ revokedAt: new Date() })
        .where(and(eq(signInLinks.id, id), isNull(signInLinks.revokedAt)))
        .returning();
      // Always, even when the link was revoked already: a screen that was opening as it was revoked is caught too.
      await auth.revokeSessions({ linkId: id });
      if (revoked) await auth.audit(actor, 'board-link.revoke', `board-link:${id}`, { campaignId: found.campaignId, unitId: found.unitId }, origin);
      return toBoardLink(revoked ?? found, 0);
    },

    /** A TV opens a board link: one use of it buys the screen its own read-only session. */
    async openBoard(secret: string, origin: RequestOrigin): Promise<{ secret: string; expiresAt: Date }> {
      const link = await auth.useLink(secret, 'board');
      if (!link?.unitId || !link.campaignId) throw invalidBoardLink();
      const { secret: sessionSecret, session, expiresAt } = await auth.openScreenSession({ kind: 'board', unitId: link.unitId, campaignId: link.campaignId, linkId: link.id, label: link.label });
      // A revocation that ran between using the link and opening the session did not see it: end it now.
      const current = await boardLinkRow(link.id);
      if (!current || current.revokedAt) {
        await auth.revokeSessions({ sessionId: session.id });
        throw invalidBoardLink();
      }
      const actor: Actor = { kind: 'board', sessionId: session.id, secret: '', campaignId: link.campaignId, unitId: link.unitId, path: '' };
      await auth.audit(actor, 'board.open', `board-link:${link.id}`, { campaignId: link.campaignId, unitId: link.unitId }, origin);
      return { secret: sessionSecret, expiresAt };
    },

    /** A new integration token over a unit's subtree; the secret is returned once. */
    async createToken(actor: Actor, input: { unitId: number; label: string }, origin: RequestOrigin) {
      const path = (await unitPaths(db, [input.unitId])).get(input.unitId);
      if (path === undefined) throw badRequest('body/unitId', `unit ${input.unitId} does not exist`);
      const { secret, session } = await auth.openScreenSession({ kind: 'token', unitId: input.unitId, label: input.label, createdById: personOf(actor) });
      await auth.audit(actor, 'token.create', `token:${session.id}`, { unitId: input.unitId, label: input.label }, origin);
      return { ...toToken(session), secret };
    },

    /** Integration tokens over units the actor organizes (never their secrets: only hashes are kept). */
    async listTokens(actor: Actor): Promise<IntegrationToken[]> {
      const rows = await db.select().from(sessions).where(eq(sessions.kind, 'token')).orderBy(desc(sessions.id));
      const paths = await unitPaths(db, rows.map((r) => r.unitId!));
      return rows
        .filter((r) => {
          const path = paths.get(r.unitId!);
          return path !== undefined && seesUnit(actor, 'organizer', path);
        })
        .map(toToken);
    },

    /** Revokes an integration token (at once on this hub, within 2 s on others). Idempotent. */
    async revokeToken(actor: Actor, id: number, origin: RequestOrigin): Promise<IntegrationToken> {
      const found = await tokenRow(id);
      if (!found) throw notFound(`Token ${id}`, 'params/id');
      if (!found.revokedAt) {
        await auth.revokeSessions({ sessionId: id });
        await auth.audit(actor, 'token.revoke', `token:${id}`, { unitId: found.unitId, label: found.label }, origin);
      }
      return toToken((await tokenRow(id))!);
    },
  };
}
export type ScreensService = ReturnType<typeof createScreensService>;
