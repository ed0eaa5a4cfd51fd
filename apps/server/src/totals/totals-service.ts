import { eq } from 'drizzle-orm';
import { type Db, schema } from '@xk/db';
import type { DailyTotals, TargetProgress, UnitTotals } from '@xk/contract';
import { adoptionShare, progressOf, targetActual } from '@xk/domain';
import { badRequest, notFound } from '../errors';
import type { CampaignsService } from '../campaigns/campaigns-service';
import type { createTargetsService } from '../campaigns/targets-service';
import { createTotalsRepository, type OnDuty, type TallyRow } from './totals-repository';

const { units } = schema;

function counts(rows: TallyRow[], beneficiary: string) {
  const byService: Record<string, number> = {};
  let total = 0;
  let today = 0;
  for (const r of rows) {
    if (r.tally !== 'assistance' || r.beneficiary !== beneficiary) continue;
    byService[r.serviceCode!] = (byService[r.serviceCode!] ?? 0) + r.quantity;
    total += r.quantity;
    today += r.quantityToday;
  }
  return { total, today, byService };
}

function sessions(rows: TallyRow[], kind: string) {
  const mine = rows.filter((r) => r.tally === 'session' && r.sessionKind === kind);
  return { count: mine.reduce((n, r) => n + r.quantity, 0), attendance: mine.reduce((n, r) => n + r.attendance, 0) };
}

/** Campaign totals for any unit, rolled up its whole subtree, with progress against the unit's targets. */
export function createTotalsService(db: Db, campaigns: CampaignsService, targets: ReturnType<typeof createTargetsService>) {
  const repo = createTotalsRepository();

  async function scope(campaignId: number, unitId: number | undefined) {
    const campaign = await campaigns.row(campaignId);
    const id = unitId ?? campaign.scopeUnitId;
    const [unit] = await db.select({ id: units.id, path: units.path }).from(units).where(eq(units.id, id));
    if (!unit) throw notFound(`Unit ${id}`, 'query/unitId');
    const [scopeUnit] = await db.select({ path: units.path }).from(units).where(eq(units.id, campaign.scopeUnitId));
    if (scopeUnit && !unit.path.startsWith(scopeUnit.path) && !scopeUnit.path.startsWith(unit.path)) {
      throw badRequest('query/unitId', `unit ${id} is outside the campaign's scope`);
    }
    return { campaign, unit };
  }

  return {
    async forUnit(campaignId: number, unitId?: number): Promise<UnitTotals> {
      const { campaign, unit } = await scope(campaignId, unitId);
      // The sequence was read with the campaign, before the totals: they include at least everything up to it.
      const seq = Number(campaign.seq);
      const today = await repo.today(db, campaign.timezone);
      const [rows, volunteers, members, children, unitTargets] = await Promise.all([
        repo.tallies(db, campaignId, unit.path, campaign.timezone, today),
        repo.volunteers(db, campaignId, unit.path, campaign.timezone, today),
        repo.members(db, unit.path),
        repo.children(db, campaignId, unit.id),
        targets.list(campaignId, unit.id),
      ]);
      const residents = counts(rows, 'resident');
      const shops = counts(rows, 'shop');
      const adopters: Record<string, number> = {};
      for (const r of rows) if (r.tally === 'adoption') adopters[r.serviceCode!] = (adopters[r.serviceCode!] ?? 0) + r.quantity;
      const outreach = sessions(rows, 'outreach');
      const training = sessions(rows, 'training');
      const adoption = Object.fromEntries(Object.entries(adopters).map(([code, n]) => [code, { adopters: n, share: adoptionShare(n, members) }]));
      const figures = {
        residents,
        shops,
        adopters,
        members,
        sessions: outreach.count + training.count,
        attendance: outreach.attendance + training.attendance,
      };
      const progress: TargetProgress[] = unitTargets.map((t) => {
        const actual = targetActual(t.kind, t.serviceCode, figures);
        return { kind: t.kind, serviceCode: t.serviceCode, target: t.value, actual, progress: progressOf(actual, t.value) };
      });
      return {
        campaignId,
        unitId: unit.id,
        seq,
        asOf: new Date().toISOString(),
        today,
        residents,
        shops,
        sessions: { outreach, training },
        adoption: { members, byService: adoption },
        volunteers,
        targets: progress,
        children,
      };
    },

    async daily(campaignId: number, unitId?: number): Promise<DailyTotals> {
      const { campaign, unit } = await scope(campaignId, unitId);
      return { campaignId, unitId: unit.id, timezone: campaign.timezone, days: await repo.daily(db, campaignId, unit.path, campaign.timezone) };
    },

    /** Who is on duty now and where (everyone, or one person): the rule `volunteers.onDutyNow` counts by. */
    async onDuty(campaignId: number, personId?: number): Promise<OnDuty[]> {
      const campaign = await campaigns.row(campaignId);
      return repo.onDuty(db, campaignId, campaign.timezone, await repo.today(db, campaign.timezone), personId);
    },
  };
}
