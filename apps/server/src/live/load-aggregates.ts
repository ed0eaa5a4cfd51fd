import { and, asc, eq, gt } from 'drizzle-orm';
import { type Db, schema } from '@xk/db';
import type { Target } from '@xk/contract';
import { type AggregateContext, type AggregateRow, CampaignAggregates, type UnitInfo } from './campaign-aggregates';

const { activity, campaigns, people, shifts, stations, targets, teams, units } = schema;
const pageSize = 5000;
const yieldToLoop = () => new Promise((resolve) => setImmediate(resolve));

const rowColumns = {
  seq: activity.seq,
  kind: activity.kind,
  tally: activity.tally,
  personId: activity.personId,
  unitId: activity.unitId,
  stationId: activity.stationId,
  teamId: activity.teamId,
  shiftId: activity.shiftId,
  serviceCode: activity.serviceCode,
  beneficiary: activity.beneficiary,
  sessionKind: activity.sessionKind,
  quantity: activity.quantity,
  attendance: activity.attendance,
  countedAt: activity.countedAt,
  receivedAt: activity.receivedAt,
};

/** Activity rows of the campaign after `afterSeq` (up to `limit`), in sequence order. */
export async function readRows(db: Db, campaignId: number, afterSeq: number, limit = pageSize): Promise<AggregateRow[]> {
  const rows = await db.select(rowColumns).from(activity).where(and(eq(activity.campaignId, campaignId), gt(activity.seq, afterSeq))).orderBy(asc(activity.seq)).limit(limit);
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

export async function loadTargets(db: Db, campaignId: number): Promise<Target[]> {
  const rows = await db.select().from(targets).where(eq(targets.campaignId, campaignId));
  return rows.map((t) => ({ id: t.id, campaignId: t.campaignId, unitId: t.unitId, serviceCode: t.serviceCode, kind: t.kind as Target['kind'], value: Number(t.value) }));
}

/** What the rollups depend on in the tree, as one string: two equal fingerprints roll up alike. */
export function treeFingerprint(units: UnitInfo[]): string {
  return units
    .map((u) => `${u.id}:${u.path}:${u.successorId ?? ''}:${u.memberCount}`)
    .sort()
    .join(',');
}

export async function loadContext(db: Db, campaignId: number): Promise<AggregateContext | null> {
  const [campaign] = await db.select().from(campaigns).where(eq(campaigns.id, campaignId));
  if (!campaign) return null;
  const unitRows = await db.select({ id: units.id, code: units.code, name: units.name, parentId: units.parentId, successorId: units.successorId, path: units.path, memberCount: units.memberCount }).from(units);
  const stationRows = await db.select({ id: stations.id, name: stations.name }).from(stations).where(eq(stations.campaignId, campaignId));
  const teamRows = await db.select({ id: teams.id, name: teams.name }).from(teams);
  const shiftRows = await db.select({ id: shifts.id, endsAt: shifts.endsAt }).from(shifts).innerJoin(stations, eq(stations.id, shifts.stationId)).where(eq(stations.campaignId, campaignId));
  const peopleRows = await db.select({ id: people.id, name: people.name }).from(people);
  return {
    campaignId,
    timezone: campaign.timezone,
    scopeUnitId: campaign.scopeUnitId,
    units: unitRows,
    targets: await loadTargets(db, campaignId),
    stations: new Map(stationRows.map((s) => [s.id, s.name])),
    teams: new Map(teamRows.map((t) => [t.id, t.name])),
    shiftEnds: new Map(shiftRows.map((s) => [s.id, s.endsAt.getTime()])),
    people: new Map(peopleRows.map((p) => [p.id, p.name])),
  };
}

/**
 * Builds a campaign's aggregates from the database: the context, then the whole log in pages of
 * 5,000 rows in sequence order, yielding between pages so a large log never freezes the hub.
 */
export async function buildAggregates(db: Db, campaignId: number): Promise<CampaignAggregates | null> {
  const context = await loadContext(db, campaignId);
  if (!context) return null;
  const aggregates = new CampaignAggregates(context);
  for (;;) {
    const rows = await readRows(db, campaignId, aggregates.appliedSeq);
    aggregates.apply(rows);
    if (rows.length < pageSize) return aggregates;
    await yieldToLoop();
  }
}
