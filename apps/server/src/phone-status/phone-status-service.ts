import { and, asc, eq, sql } from 'drizzle-orm';
import { type Db, schema } from '@xk/db';
import type { PhoneClient, PhoneStatus } from '@xk/contract';
import type { CampaignsService } from '../campaigns/campaigns-service';
import { badRequest } from '../errors';

const { campaigns: campaignsTable, people, phoneStatus } = schema;

const toPhoneStatus = (r: typeof phoneStatus.$inferSelect): PhoneStatus => ({
  campaignId: r.campaignId,
  personId: r.personId,
  queueLength: r.queueLength,
  lastSyncAt: r.lastSyncAt.toISOString(),
  lastSeenAt: r.lastSeenAt.toISOString(),
});

/** What each phone last reported with a sync: how many entries it still queues, and its last sync. */
export function createPhoneStatusService(db: Db, campaigns: CampaignsService) {
  return {
    /** Checks a batch's `client` before its items are written, so a bad one fails the batch whole. */
    async check(client: PhoneClient): Promise<void> {
      const [campaign] = await db.select({ id: campaignsTable.id }).from(campaignsTable).where(eq(campaignsTable.id, client.campaignId));
      if (!campaign) throw badRequest('body/client/campaignId', `campaign ${client.campaignId} does not exist`);
      const [person] = await db.select({ id: people.id }).from(people).where(eq(people.id, client.personId));
      if (!person) throw badRequest('body/client/personId', `person ${client.personId} does not exist`);
    },

    /** Keeps the latest report (`lastSeenAt` is the server's clock). */
    async record(client: PhoneClient): Promise<PhoneStatus> {
      const values = { campaignId: client.campaignId, personId: client.personId, queueLength: client.queueLength, lastSyncAt: new Date(client.lastSyncAt), lastSeenAt: new Date() };
      const [row] = await db
        .insert(phoneStatus)
        .values(values)
        .onConflictDoUpdate({
          target: [phoneStatus.campaignId, phoneStatus.personId],
          set: { queueLength: values.queueLength, lastSyncAt: values.lastSyncAt, lastSeenAt: sql`excluded.last_seen_at` },
        })
        .returning();
      return toPhoneStatus(row!);
    },

    async list(campaignId: number, personId?: number): Promise<PhoneStatus[]> {
      await campaigns.row(campaignId);
      const rows = await db
        .select()
        .from(phoneStatus)
        .where(and(eq(phoneStatus.campaignId, campaignId), personId ? eq(phoneStatus.personId, personId) : undefined))
        .orderBy(asc(phoneStatus.personId));
      return rows.map(toPhoneStatus);
    },
  };
}
export type PhoneStatusService = ReturnType<typeof createPhoneStatusService>;
