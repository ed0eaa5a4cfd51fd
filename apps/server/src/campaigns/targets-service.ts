import { EventEmitter } from 'node:events';
import { and, asc, eq, sql } from 'drizzle-orm';
import { type Db, type DbOrTx, queryRows, schema } from '@xk/db';
import type { Target, TargetKind, TargetSplit, TargetUpsert } from '@xk/contract';
import { childTargets } from '@xk/domain';
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

/** The children's values; a stored target the domain cannot split (a count that is not whole) is the request's 400, not a 500. */
function splitValues(...args: Parameters<typeof childTargets>): number[] {
  try {
    return childTargets(...args);
  } catch (err) {
    if (err instanceof RangeError) throw badRequest('body/kind', `this target cannot be split: ${err.message}`);
    throw err;
  }
}

/** Targets per campaign × unit × service × kind. Setting one twice replaces it. */
export function createTargetsService(db: Db, campaigns: CampaignsService) {
  const events = new EventEmitter<{ changed: [campaignId: number] }>();

  /** The service code a target of `kind` is keyed by ('' when not per service); a 400 when they do not go together. */
  function serviceCodeOf(kind: TargetKind, code: string | undefined): string {
    const serviceCode = code ?? '';
    const perService = kind === 'residents' || kind === 'shops' || kind === 'adoption_share';
    if (perService && !serviceCode) throw badRequest('body/serviceCode', `a ${kind} target names a service`);
    if (!perService && serviceCode) throw badRequest('body/serviceCode', `a ${kind} target is not per service: leave serviceCode empty`);
    return serviceCode;
  }

  async function requireService(campaignId: number, serviceCode: string): Promise<void> {
    if (!serviceCode) return;
    const [svc] = await db.select({ code: campaignServices.code }).from(campaignServices).where(and(eq(campaignServices.campaignId, campaignId), eq(campaignServices.code, serviceCode)));
    if (!svc) throw badRequest('body/serviceCode', `${serviceCode} is not a service of this campaign`);
  }

  /** Sets one target inside the caller's statement or transaction. */
  async function save(tx: DbOrTx, campaignId: number, unitId: number, serviceCode: string, kind: TargetKind, value: number): Promise<Target> {
    const [saved] = await tx
      .insert(targets)
      .values({ campaignId, unitId, serviceCode, kind, value })
      .onConflictDoUpdate({ target: [targets.campaignId, targets.unitId, targets.serviceCode, targets.kind], set: { value } })
      .returning();
    return toTarget(saved!);
  }

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
      const serviceCode = serviceCodeOf(input.kind, input.serviceCode);
      if (input.kind === 'adoption_share' && input.value > 1) throw badRequest('body/value', 'an adoption share is between 0 and 1');
      if (!Number.isInteger(input.value) && input.kind !== 'adoption_share') throw badRequest('body/value', 'a count target is a whole number');
      await campaigns.requireUnitInScope(campaignId, input.unitId, 'body/unitId');
      await requireService(campaignId, serviceCode);
      const saved = await save(db, campaignId, input.unitId, serviceCode, input.kind, input.value);
      events.emit('changed', campaignId);
      return saved;
    },

    /**
     * Splits a unit's target among its child units (not merged), replacing their targets of that
     * kind and service, in one transaction: all of them or none. Answers the children's targets,
     * in the children's order (oldest first: ties of a split go to the
     * earlier child, the same on either database, whatever its collation).
     */
    async split(campaignId: number, input: TargetSplit): Promise<Target[]> {
      await campaigns.row(campaignId);
      const serviceCode = serviceCodeOf(input.kind, input.serviceCode);
      await campaigns.requireUnitInScope(campaignId, input.unitId, 'body/unitId');
      await requireService(campaignId, serviceCode);
      const saved = await db.transaction(async (tx) => {
        const [parent] = await tx
          .select({ value: targets.value })
          .from(targets)
          .where(and(eq(targets.campaignId, campaignId), eq(targets.unitId, input.unitId), eq(targets.serviceCode, serviceCode), eq(targets.kind, input.kind)));
        if (!parent) throw badRequest('body/kind', `unit ${input.unitId} has no ${input.kind} target${serviceCode ? ` for ${serviceCode}` : ''} in this campaign: set it first`);
        // Each child's members are its whole subtree's (merged units sit under their successors, counted there).
        const children = await queryRows<{ id: number; members: number }>(
          tx,
          sql`select c.id, coalesce(sum(d.member_count), 0)::int as members
              from units c
              left join units d on d.path like c.path || '%' and d.successor_id is null
              where c.parent_id = ${input.unitId} and c.successor_id is null
              group by c.id
              order by c.id`,
        );
        if (children.length === 0) throw badRequest('body/unitId', `unit ${input.unitId} has no child units to split its target among`);
        const values = splitValues(input.kind, Number(parent.value), children.map((c) => Number(c.members)), input.by);
        const out: Target[] = [];
        for (const [i, child] of children.entries()) out.push(await save(tx, campaignId, child.id, serviceCode, input.kind, values[i]!));
        return out;
      });
      events.emit('changed', campaignId);
      return saved;
    },

    async remove(campaignId: number, targetId: number): Promise<void> {
      const deleted = await db.delete(targets).where(and(eq(targets.campaignId, campaignId), eq(targets.id, targetId))).returning({ id: targets.id });
      if (deleted.length === 0) throw notFound(`Target ${targetId}`);
      events.emit('changed', campaignId);
    },
  };
}
