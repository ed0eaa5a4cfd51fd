import { EventEmitter } from 'node:events';
import { and, asc, eq } from 'drizzle-orm';
import { type Db, schema } from '@xk/db';
import type { Target, TargetUpsert } from '@xk/contract';
import { badRequest, notFound } from '../errors';
import type { CampaignsService } from './campaigns-service';

const { targets, campaignServices } = schema;
const toTarget = (r: typeof targets.$inferSelect): Target => ({
  id: r.id,
  campaignId: r.campaignId,
  unitId: r.unitId,
  serviceCode: r.serviceCode,
  kind: r.kind as Target['kind'],
  value: Number(r.value),
});

/** Targets per campaign × unit × service × kind. Setting one twice replaces it. */
export function createTargetsService(db: Db, campaigns: CampaignsService) {
  const events = new EventEmitter<{ changed: [campaignId: number] }>();
  return {
    events,
    async list(campaignId: number, unitId?: number): Promise<Target[]> {
      await campaigns.row(campaignId);
      const rows = await db
        .select()
        .from(targets)
        .where(and(eq(targets.campaignId, campaignId), unitId ? eq(targets.unitId, unitId) : undefined))
        .orderBy(asc(targets.unitId), asc(targets.kind), asc(targets.serviceCode));
      return rows.map(toTarget);
    },

    async upsert(campaignId: number, input: TargetUpsert): Promise<Target> {
      await campaigns.row(campaignId);
      const serviceCode = input.serviceCode ?? '';
      const perService = input.kind === 'residents' || input.kind === 'shops' || input.kind === 'adoption_share';
      if (perService && !serviceCode) throw badRequest('body/serviceCode', `a ${input.kind} target names a service`);
      if (!perService && serviceCode) throw badRequest('body/serviceCode', `a ${input.kind} target is not per service: leave serviceCode empty`);
      if (input.kind === 'adoption_share' && input.value > 1) throw badRequest('body/value', 'an adoption share is between 0 and 1');
      if (!Number.isInteger(input.value) && input.kind !== 'adoption_share') throw badRequest('body/value', 'a count target is a whole number');
      await campaigns.requireUnitInScope(campaignId, input.unitId, 'body/unitId');
      if (serviceCode) {
        const [svc] = await db.select({ code: campaignServices.code }).from(campaignServices).where(and(eq(campaignServices.campaignId, campaignId), eq(campaignServices.code, serviceCode)));
        if (!svc) throw badRequest('body/serviceCode', `${serviceCode} is not a service of this campaign`);
      }
      const [saved] = await db
        .insert(targets)
        .values({ campaignId, unitId: input.unitId, serviceCode, kind: input.kind, value: input.value })
        .onConflictDoUpdate({ target: [targets.campaignId, targets.unitId, targets.serviceCode, targets.kind], set: { value: input.value } })
        .returning();
      events.emit('changed', campaignId);
      return toTarget(saved!);
    },

    async remove(campaignId: number, targetId: number): Promise<void> {
      const deleted = await db.delete(targets).where(and(eq(targets.campaignId, campaignId), eq(targets.id, targetId))).returning({ id: targets.id });
      if (deleted.length === 0) throw notFound(`Target ${targetId}`);
      events.emit('changed', campaignId);
    },
  };
}
