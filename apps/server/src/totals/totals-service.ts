import { eq } from 'drizzle-orm';
import { type Db, schema } from '@xk/db';
import type { DailyTotals, Target, TargetProgress, UnitTotals } from '@xk/contract';
import { adoptionShare, progressOf, type TargetFigures, targetActual } from '@xk/domain';
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

/** What a subtree's tallies add up to, in the shape target progress is measured on. */
export interface SubtreeFigures extends TargetFigures {
  residents: ReturnType<typeof counts>;
  shops: ReturnType<typeof counts>;
  outreach: ReturnType<typeof sessions>;
  training: ReturnType<typeof sessions>;
}

export function figuresOf(rows: TallyRow[], members: number): SubtreeFigures {
  const adopters: Record<string, number> = {};
  for (const r of rows) if (r.tally === 'adoption') adopters[r.serviceCode!] = (adopters[r.serviceCode!] ?? 0) + r.quantity;
  const outreach = sessions(rows, 'outreach');
  const training = sessions(rows, 'training');
  return {
    residents: counts(rows, 'resident'),
    shops: counts(rows, 'shop'),
    adopters,
    members,
    outreach,
    training,
    sessions: outreach.count + training.count,
    attendance: outreach.attendance + training.attendance,
  };
}

/** Progress against a unit's targets: one rule for the totals and the reports. */
export const progressAgainst = (unitTargets: Target[], figures: TargetFigures): TargetProgress[] =>
  unitTargets.map((t) => {
    const actual = targetActual(t.kind, t.serviceCode, figures);
    return { kind: t.kind, serviceCode: t.serviceCode, target: t.value, actual, progress: progressOf(actual, t.value) };
  });

/** The campaign and unit a rollup is for: the campaign's scope unit by default; 404 / 400 on `query/unitId`. */
export async function rollupScope(db: Db, campaigns: CampaignsService, campaignId: number, unitId: number | undefined) {
  const campaign = await campaigns.row(campaignId);
  const id = unitId ?? campaign.scopeUnitId;
  const [unit] = await db.select({ id: units.id, code: units.code, name: units.name, path: units.path }).from(units).where(eq(units.id, id));
  if (!unit) throw notFound(`Unit ${id}`, 'query/unitId');
  const [scopeUnit] = await db.select({ path: units.path }).from(units).where(eq(units.id, campaign.scopeUnitId));
  if (scopeUnit && !unit.path.startsWith(scopeUnit.path) && !scopeUnit.path.startsWith(unit.path)) {
    throw badRequest('query/unitId', `unit ${id} is outside the campaign's scope`);
  }
  return { campaign, unit };
}

/** Campaign totals for any unit, rolled up its whole subtree, with progress against the unit's targets. */
export function createTotalsService(db: Db, campaigns: CampaignsService, targets: ReturnType<typeof createTargetsService>) {
  const repo = createTotalsRepository();

  const scope = (campaignId: number, unitId: number | undefined) => rollupScope(db, campaigns, campaignId, unitId);

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
      const figures = figuresOf(rows, members);
      const { residents, shops, outreach, training } = figures;
      const adoption = Object.fromEntries(Object.entries(figures.adopters).map(([code, n]) => [code, { adopters: n, share: adoptionShare(n, members) }]));
      const progress = progressAgainst(unitTargets, figures);
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
