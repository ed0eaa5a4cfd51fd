import { EventEmitter } from 'node:events';
import { and, asc, eq, gt, type SQL, sql } from 'drizzle-orm';
import type { Static } from 'typebox';
import { type Db, queryRows, schema } from '@xk/db';
import type { ActivityListQuerySchema, ActivityRecord, ActivityResult, PersonEntry } from '@xk/contract';
import type { CampaignsService } from '../campaigns/campaigns-service';
import { checkItem } from './activity-validation';
import { type WriteItem, writeCampaignGroup } from './activity-writer';
import { createGroupCommit } from './group-commit';
import type { ActivityInsert } from './activity-rows';

const { activity } = schema;
type ActivityRow = typeof activity.$inferSelect;

export const toActivityRecord = (r: ActivityRow): ActivityRecord => ({
  id: r.id,
  campaignId: r.campaignId,
  seq: Number(r.seq),
  kind: r.kind as ActivityRecord['kind'],
  personId: r.personId,
  unitId: r.unitId,
  stationId: r.stationId,
  teamId: r.teamId,
  shiftId: r.shiftId,
  tally: r.tally,
  serviceCode: r.serviceCode,
  beneficiary: r.beneficiary,
  sessionKind: r.sessionKind,
  quantity: r.quantity,
  attendance: r.attendance,
  tags: r.tags ?? null,
  correctsId: r.correctsId,
  reason: r.reason,
  toStationId: r.toStationId,
  toTeamId: r.toTeamId,
  occurredAt: r.occurredAt.toISOString(),
  receivedAt: r.receivedAt.toISOString(),
});

export interface CommittedBatch {
  campaignId: number;
  /** The campaign's sequence number after this commit. */
  seq: number;
  rows: ActivityInsert[];
}

/**
 * The one write path for every client — phone, import, integration: validation, idempotency by the
 * client's UUID, one transaction per campaign per call, and a 'committed' event after each commit.
 */
export function createActivityService(db: Db, campaigns: CampaignsService) {
  const events = new EventEmitter<{ committed: [CommittedBatch] }>();

  /** One round of the group commit: a transaction per campaign, the results in submission order. */
  async function writeRound(round: WriteItem[]): Promise<ActivityResult[]> {
    const results: ActivityResult[] = new Array(round.length);
    const byCampaign = new Map<number, WriteItem[]>();
    round.forEach((item, index) => {
      const group = byCampaign.get(item.input.campaignId) ?? [];
      group.push({ ...item, index });
      byCampaign.set(item.input.campaignId, group);
    });
    for (const [campaignId, group] of byCampaign) {
      const outcome = await writeCampaignGroup(db, campaignId, group);
      for (const [index, result] of outcome.results) results[index] = result;
      if (outcome.committed.length) events.emit('committed', { campaignId, seq: outcome.seq, rows: outcome.committed });
    }
    return results;
  }

  const groupCommit = createGroupCommit(writeRound, { maxItems: 1000 });

  /** Validates each item on its own, then hands the valid ones to the group commit. */
  async function write(items: unknown[]): Promise<ActivityResult[]> {
    const results: ActivityResult[] = new Array(items.length);
    const valid: Array<{ at: number; item: WriteItem }> = [];
    items.forEach((raw, at) => {
      const checked = checkItem(raw);
      if (checked.ok) valid.push({ at, item: { index: 0, input: checked.input, bodyHash: checked.bodyHash } });
      else results[at] = { id: checked.id, status: 'rejected', field: checked.field, reason: checked.reason };
    });
    const written = await groupCommit.submit(valid.map((v) => v.item));
    valid.forEach((v, i) => (results[v.at] = written[i]!));
    return results;
  }

  return {
    events,
    write,
    /** Resolves when every write submitted so far is committed. */
    idle: () => groupCommit.idle(),
    groupCommitStats: () => groupCommit.stats(),
    /** The services a person uses themself ("I use it myself"): their adoptions net of voids. */
    async adoptedBy(campaignId: number, personId: number): Promise<string[]> {
      const rows = await db
        .select({ serviceCode: activity.serviceCode })
        .from(activity)
        .where(and(eq(activity.campaignId, campaignId), eq(activity.personId, personId), eq(activity.tally, 'adoption')))
        .groupBy(activity.serviceCode)
        .having(sql`sum(${activity.quantity}) > 0`)
        .orderBy(asc(activity.serviceCode));
      return rows.flatMap((r) => (r.serviceCode ? [r.serviceCode] : []));
    },
    /** A person's countable entries, newest first, each with its value after the corrections made to it. */
    async entriesOf(campaignId: number, personId: number, limit = 100): Promise<PersonEntry[]> {
      await campaigns.row(campaignId);
      const rows = await queryRows<{ id: string; seq: string | number; kind: PersonEntry['kind']; service_code: string | null; beneficiary: string | null; session_kind: string | null; station_id: number | null; counted_at: Date | string; quantity: number; attendance: number; dq: string | number | null; da: string | number | null; n: string | number; reason: string | null }>(
        db,
        sql`select a.id, a.seq, a.kind, a.service_code, a.beneficiary, a.session_kind, a.station_id, a.counted_at, a.quantity, a.attendance, a.reason,
                   c.dq, c.da, c.n
            from activity a
            left join lateral (select sum(quantity) as dq, sum(attendance) as da, count(*) as n from activity c where c.corrects_id = a.id) c on true
            where a.campaign_id = ${campaignId} and a.person_id = ${personId} and a.tally is not null and a.kind <> 'correction'
            order by a.seq desc limit ${limit}`,
      );
      return rows.map((r) => ({
        id: r.id,
        seq: Number(r.seq),
        kind: r.kind,
        serviceCode: r.service_code,
        beneficiary: r.beneficiary,
        sessionKind: r.session_kind,
        stationId: r.station_id,
        countedAt: new Date(r.counted_at).toISOString(),
        quantity: r.quantity,
        attendance: r.attendance,
        currentQuantity: r.quantity + Number(r.dq ?? 0),
        currentAttendance: r.attendance + Number(r.da ?? 0),
        corrections: Number(r.n),
        reason: r.reason,
      }));
    },
    async list(campaignId: number, query: Static<typeof ActivityListQuerySchema>): Promise<ActivityRecord[]> {
      await campaigns.row(campaignId);
      const filters: Array<SQL | undefined> = [
        eq(activity.campaignId, campaignId),
        query.afterSeq !== undefined ? gt(activity.seq, query.afterSeq) : undefined,
        query.unitId ? eq(activity.unitId, query.unitId) : undefined,
        query.personId ? eq(activity.personId, query.personId) : undefined,
        query.kind ? eq(activity.kind, query.kind) : undefined,
      ];
      const rows = await db.select().from(activity).where(and(...filters)).orderBy(asc(activity.seq)).limit(query.limit ?? 100);
      return rows.map(toActivityRecord);
    },
  };
}
export type ActivityService = ReturnType<typeof createActivityService>;
