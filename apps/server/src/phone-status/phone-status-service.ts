import { EventEmitter } from 'node:events';
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
  lastSyncAt: r.lastSyncAt ? r.lastSyncAt.toISOString() : null,
  lastSeenAt: r.lastSeenAt.toISOString(),
});

/** What each phone last reported with a sync: how many entries it still queues, and its last sync. */
export function createPhoneStatusService(db: Db, campaigns: CampaignsService) {
  /** 'recorded' after a phone's report was stored: coordinators' rosters show its queue and when it was heard. */
  const events = new EventEmitter<{ recorded: [status: PhoneStatus] }>();
  return {
    events,
    /**
     * Checks a report before it is kept: a batch's `client` before its items are written (so a bad
     * one fails the batch whole), or `POST /phone/status`'s body; `at` is where the report sits.
     */
    async check(client: PhoneClient, at = 'body/client'): Promise<void> {
      const [campaign] = await db.select({ id: campaignsTable.id }).from(campaignsTable).where(eq(campaignsTable.id, client.campaignId));
      if (!campaign) throw badRequest(`${at}/campaignId`, `campaign ${client.campaignId} does not exist`);
      const [person] = await db.select({ id: people.id }).from(people).where(eq(people.id, client.personId));
      if (!person) throw badRequest(`${at}/personId`, `person ${client.personId} does not exist`);
    },

    /**
     * Keeps the latest report (`lastSeenAt` is the server's clock). A report without a last sync
     * (a phone that never synced, or was reset) keeps the one the hub already knows.
     */
    async record(client: PhoneClient): Promise<PhoneStatus> {
      const values = { campaignId: client.campaignId, personId: client.personId, queueLength: client.queueLength, lastSyncAt: client.lastSyncAt ? new Date(client.lastSyncAt) : null, lastSeenAt: new Date() };
      const [row] = await db
        .insert(phoneStatus)
        .values(values)
        .onConflictDoUpdate({
          target: [phoneStatus.campaignId, phoneStatus.personId],
          set: { queueLength: values.queueLength, lastSyncAt: sql`coalesce(excluded.last_sync_at, phone_status.last_sync_at)`, lastSeenAt: sql`excluded.last_seen_at` },
        })
        .returning();
      const status = toPhoneStatus(row!);
      events.emit('recorded', status);
      return status;
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
