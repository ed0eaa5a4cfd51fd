import { and, asc, desc, eq, gt, or, type SQL, sql } from 'drizzle-orm';
import { type Db, schema } from '@xk/db';
import type { Message, MessageCreate, MessageListQuery } from '@xk/contract';
import type { CampaignsService } from '../campaigns/campaigns-service';
import { badRequest, conflict } from '../errors';
import { shortName } from '../live/campaign-aggregates';
import { createTotalsRepository } from '../totals/totals-repository';

const { assignments, messages, people, stations, teams } = schema;
const totalsRepository = createTotalsRepository();
type MessageRow = typeof messages.$inferSelect;

/** Who a message without a sender is from. */
export const coordinationDesk = 'Ban điều phối';

/** Who should get a message pushed: the people it is for now, and the campaign's scope unit (consoles). */
export interface MessageRecipients {
  personIds: number[];
  scopeUnitId: number;
}

const sameMessage = (a: MessageRow, b: { campaignId: number; audienceKind: string; audienceId: number | null; body: string; senderId: number | null }) =>
  a.campaignId === b.campaignId && a.audienceKind === b.audienceKind && a.audienceId === b.audienceId && a.body === b.body && a.senderId === b.senderId;

/**
 * Messages from coordinators to a team, a station or everyone on duty: stored (idempotent by the
 * client's id), then pushed by the routes; a phone that was offline catches up with `list`.
 */
export function createMessagesService(db: Db, campaigns: CampaignsService) {
  const toMessage = (r: MessageRow, senderName: string | null): Message => ({
    id: r.id,
    campaignId: r.campaignId,
    audience: { kind: r.audienceKind as Message['audience']['kind'], id: r.audienceId },
    body: r.body,
    senderId: r.senderId,
    from: senderName ? shortName(senderName) : coordinationDesk,
    createdAt: r.createdAt.toISOString(),
  });

  async function nameOf(personId: number | null): Promise<string | null> {
    if (personId === null) return null;
    const [person] = await db.select({ name: people.name }).from(people).where(eq(people.id, personId));
    return person?.name ?? null;
  }

  /** People on duty now, as the totals count them (one rule: the totals repository's). */
  async function onDuty(campaignId: number, timezone: string): Promise<number[]> {
    const rows = await totalsRepository.onDuty(db, campaignId, timezone, await totalsRepository.today(db, timezone));
    return rows.map((r) => r.personId);
  }

  /** People whose open assignment in the campaign is at the station or in the team. */
  async function placedAt(campaignId: number, kind: 'team' | 'station', id: number): Promise<number[]> {
    const column = kind === 'team' ? assignments.teamId : assignments.stationId;
    const rows = await db
      .select({ personId: assignments.personId })
      .from(assignments)
      .where(and(eq(assignments.campaignId, campaignId), eq(column, id), sql`${assignments.endsAt} is null`));
    return rows.map((r) => r.personId);
  }

  return {
    /** Stores a message; `replay` when this id was stored before with the same message (a retry). */
    async post(campaignId: number, input: MessageCreate): Promise<{ message: Message; replay: boolean; recipients: MessageRecipients }> {
      const campaign = await campaigns.row(campaignId);
      const id = input.id.toLowerCase();
      const { kind } = input.audience;
      const audienceId = input.audience.id ?? null;
      if (kind === 'on_duty' && audienceId !== null) throw badRequest('body/audience/id', 'a message to everyone on duty names no team or station');
      if (kind !== 'on_duty' && audienceId === null) throw badRequest('body/audience/id', `a message to a ${kind} names its id`);
      if (!input.body.trim()) throw badRequest('body/body', 'body is blank');
      const wanted = { campaignId, audienceKind: kind, audienceId, body: input.body, senderId: input.senderId ?? null };

      const answer = async (row: MessageRow, replay: boolean) => {
        if (!sameMessage(row, wanted)) throw conflict(`message ${id} was already used for a different message; the first one is kept`, 'body/id');
        const personIds = row.audienceKind === 'on_duty' ? await onDuty(campaignId, campaign.timezone) : await placedAt(campaignId, row.audienceKind as 'team' | 'station', row.audienceId!);
        return { message: toMessage(row, await nameOf(row.senderId)), replay, recipients: { personIds, scopeUnitId: campaign.scopeUnitId } };
      };
      const [earlier] = await db.select().from(messages).where(eq(messages.id, id));
      if (earlier) return answer(earlier, true);

      if (kind === 'station') {
        const [station] = await db.select({ id: stations.id }).from(stations).where(and(eq(stations.id, audienceId!), eq(stations.campaignId, campaignId)));
        if (!station) throw badRequest('body/audience/id', `station ${audienceId} is not a station of this campaign`);
      }
      if (kind === 'team') {
        const [team] = await db.select({ unitId: teams.unitId }).from(teams).where(eq(teams.id, audienceId!));
        if (!team) throw badRequest('body/audience/id', `team ${audienceId} does not exist`);
        await campaigns.requireUnitInScope(campaignId, team.unitId, 'body/audience/id');
      }
      if (input.senderId !== undefined) {
        const [sender] = await db.select({ id: people.id }).from(people).where(eq(people.id, input.senderId));
        if (!sender) throw badRequest('body/senderId', `person ${input.senderId} does not exist`);
      }
      // Milliseconds, as the wire carries them, so `after=<createdAt>` never returns the same message again.
      const [inserted] = await db.insert(messages).values({ id, ...wanted, createdAt: new Date() }).onConflictDoNothing().returning();
      if (inserted) return answer(inserted, false);
      // The same id arrived concurrently: the first one stored is the message.
      const [first] = await db.select().from(messages).where(eq(messages.id, id));
      return answer(first!, true);
    },

    /**
     * Messages of a campaign, oldest first. With `personId`: those for the person's current team and
     * station, and those to everyone on duty — what a phone shows after being offline. `newest`:
     * the last `limit` of them (still oldest first), rather than the first.
     */
    async list(campaignId: number, query: MessageListQuery, options: { newest?: boolean } = {}): Promise<Message[]> {
      await campaigns.row(campaignId);
      let audience: SQL | undefined;
      if (query.personId !== undefined) {
        const [person] = await db.select({ id: people.id }).from(people).where(eq(people.id, query.personId));
        if (!person) throw badRequest('query/personId', `person ${query.personId} does not exist`);
        const [placement] = await db
          .select({ teamId: assignments.teamId, stationId: assignments.stationId })
          .from(assignments)
          .where(and(eq(assignments.campaignId, campaignId), eq(assignments.personId, query.personId), sql`${assignments.endsAt} is null`));
        audience = or(
          eq(messages.audienceKind, 'on_duty'),
          placement?.teamId ? and(eq(messages.audienceKind, 'team'), eq(messages.audienceId, placement.teamId)) : undefined,
          placement?.stationId ? and(eq(messages.audienceKind, 'station'), eq(messages.audienceId, placement.stationId)) : undefined,
        );
      }
      const rows = await db
        .select({ message: messages, senderName: people.name })
        .from(messages)
        .leftJoin(people, eq(people.id, messages.senderId))
        .where(and(eq(messages.campaignId, campaignId), audience, query.after ? gt(messages.createdAt, new Date(query.after)) : undefined))
        .orderBy(...(options.newest ? [desc(messages.createdAt), desc(messages.id)] : [asc(messages.createdAt), asc(messages.id)]))
        .limit(query.limit ?? 200);
      if (options.newest) rows.reverse();
      return rows.map((r) => toMessage(r.message, r.senderName));
    },
  };
}
export type MessagesService = ReturnType<typeof createMessagesService>;
