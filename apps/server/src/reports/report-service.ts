import type { Db } from '@xk/db';
import type { CampaignReport } from '@xk/contract';
import { adoptionShare } from '@xk/domain';
import type { CampaignsService } from '../campaigns/campaigns-service';
import type { createTargetsService } from '../campaigns/targets-service';
import { createTotalsRepository } from '../totals/totals-repository';
import { figuresOf, progressAgainst, rollupScope } from '../totals/totals-service';
import { createReportRepository } from './report-repository';

const hoursOf = (seconds: number) => Math.round((seconds / 3600) * 1000) / 1000;

/**
 * The reporting officer's report: a campaign's figures for a unit's whole subtree, broken down
 * by service, day, hour, station, team, child unit and person, with target progress and member
 * adoption. The overall figures come from the same queries and rules as the totals.
 */
export function createReportService(db: Db, campaigns: CampaignsService, targets: ReturnType<typeof createTargetsService>) {
  const totals = createTotalsRepository();
  const repo = createReportRepository();

  return {
    async report(campaignId: number, unitId?: number): Promise<CampaignReport> {
      const { campaign, unit } = await rollupScope(db, campaigns, campaignId, unitId);
      // Every query below stops at this sequence number: the report is one consistent cut of the log.
      const seq = Number(campaign.seq);
      const tz = campaign.timezone;
      const today = await totals.today(db, tz);
      // One query at a time, not all at once: over a big campaign each takes seconds, and a report
      // must not crowd out the writes (PGlite has one connection; PostgreSQL's pool is shared with them).
      const pathNames = await repo.pathNames(db, unit.path);
      const services = await repo.services(db, campaignId);
      const members = await totals.members(db, unit.path);
      const unitTargets = await targets.list(campaignId, unit.id);
      const tallies = await totals.tallies(db, campaignId, unit.path, tz, today, seq);
      const byDay = await totals.daily(db, campaignId, unit.path, tz, seq);
      const byHour = await repo.byHour(db, campaignId, unit.path, tz, seq);
      const byStation = await repo.byStation(db, campaignId, unit.path, seq);
      const byTeam = await repo.byTeam(db, campaignId, unit.path, seq);
      const byUnit = await repo.children(db, campaignId, unit.id, seq);
      const sessionDays = await repo.sessionsByDay(db, campaignId, unit.path, tz, seq);
      const volunteers = await repo.volunteers(db, campaignId, unit.path, tz, seq);
      const figures = figuresOf(tallies, members);

      // The catalogue's active services, then any other code something was counted under (an inactive or removed service).
      const counted = new Set([...Object.keys(figures.residents.byService), ...Object.keys(figures.shops.byService), ...Object.keys(figures.adopters)]);
      const names = new Map(services.map((s) => [s.code, s.nameVi]));
      const codes = [...services.filter((s) => s.isActive || counted.has(s.code)).map((s) => s.code), ...[...counted].filter((c) => !names.has(c)).sort()];
      const nameOf = (code: string) => names.get(code) ?? code;

      return {
        campaign: { id: campaign.id, code: campaign.code, name: campaign.name },
        unit: { id: unit.id, code: unit.code, name: unit.name, path: unit.path, pathNames },
        timezone: tz,
        seq,
        asOf: new Date().toISOString(),
        byService: codes.map((code) => ({
          serviceCode: code,
          serviceName: nameOf(code),
          residents: figures.residents.byService[code] ?? 0,
          shops: figures.shops.byService[code] ?? 0,
        })),
        byDay,
        byHour,
        byStation,
        byTeam,
        byUnit,
        sessions: { outreach: figures.outreach, training: figures.training, byDay: sessionDays },
        volunteers: {
          people: volunteers.length,
          hours: hoursOf(volunteers.reduce((s, v) => s + v.seconds, 0)),
          rows: volunteers.map(({ seconds, ...v }) => ({ ...v, hours: hoursOf(seconds) })),
        },
        targets: progressAgainst(unitTargets, figures),
        adoption: {
          members,
          byService: codes.map((code) => {
            const adopters = figures.adopters[code] ?? 0;
            return { serviceCode: code, serviceName: nameOf(code), adopters, members, share: adoptionShare(adopters, members) };
          }),
        },
      };
    },
  };
}
export type ReportService = ReturnType<typeof createReportService>;
