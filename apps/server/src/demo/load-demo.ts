import { randomUUID } from 'node:crypto';
import type { Services } from '../services';
import { createDemoData, type DemoData } from './demo-data';

export interface DemoIds {
  campaignId: number;
  units: Map<string, number>;
  stations: Map<string, number>;
  people: number[];
}

/**
 * Loads the demo province when the database holds no campaign yet, through the same services the
 * API uses (so the demo obeys every rule), then records a morning of activity through the one
 * write path. Returns whether it loaded.
 */
export async function loadDemoIfEmpty(services: Services, log: { info(msg: string): void }, now = new Date()): Promise<boolean> {
  if ((await services.campaigns.list()).length > 0) return false;
  const data = createDemoData({ now });
  const ids = await loadDemo(services, data);
  const written = await recordDemoActivity(services, data, ids, now);
  log.info(`demo: ${data.units.length} units, ${data.people.length} people, ${data.stations.length} stations, ${written} activity entries`);
  return true;
}

export async function loadDemo(services: Services, data: DemoData): Promise<DemoIds> {
  const units = new Map<string, number>();
  for (const u of data.units) {
    const parentId = u.parentCode ? units.get(u.parentCode) : undefined;
    const created = await services.units.create({ code: u.code, name: u.name, level: u.level, memberCount: u.memberCount, ...(parentId ? { parentId } : {}) });
    units.set(u.code, created.id);
  }
  const teams = new Map<string, number>();
  for (const t of data.teams) teams.set(t.code, (await services.teams.create({ code: t.code, name: t.name, kind: t.kind, unitId: units.get(t.unitCode)! })).id);

  const c = data.campaign;
  const campaign = await services.campaigns.create({ code: c.code, name: c.name, startsAt: c.startsAt, endsAt: c.endsAt, timezone: c.timezone, scopeUnitId: units.get(c.scopeUnitCode)! });
  for (const t of data.targets) {
    await services.targets.upsert(campaign.id, { unitId: units.get(t.unitCode)!, serviceCode: t.serviceCode, kind: t.kind, value: t.value });
  }
  const stations = new Map<string, number>();
  for (const s of data.stations) {
    const created = await services.stations.create(campaign.id, { unitId: units.get(s.unitCode)!, code: s.code, name: s.name, kind: s.kind, lat: s.lat, lng: s.lng, peopleNeeded: s.peopleNeeded });
    stations.set(s.code, created.id);
  }
  const people: number[] = [];
  for (const p of data.people) {
    const person = await services.people.create({ name: p.name, phone: p.phone, memberships: [{ unitId: units.get(p.unitCode)!, role: p.role }] });
    people.push(person.id);
    if (p.teamCode || p.stationCode) {
      await services.assignments.create(campaign.id, {
        personId: person.id,
        ...(p.teamCode ? { teamId: teams.get(p.teamCode)! } : {}),
        ...(p.stationCode ? { stationId: stations.get(p.stationCode)! } : {}),
      });
    }
  }
  return { campaignId: campaign.id, units, stations, people };
}

/** A deterministic morning: placed volunteers check in, and help residents and shops with the catalogue's services. */
async function recordDemoActivity(services: Services, data: DemoData, ids: DemoIds, now: Date): Promise<number> {
  const services_ = ['vneid_level2', 'public_service_account', 'cashless_payment', 'citizen_app', 'vssid', 'online_filing'];
  const items: object[] = [];
  let tick = 0;
  data.people.forEach((p, i) => {
    if (p.role !== 'volunteer' || !p.stationCode || i % 3 === 2) return;
    const personId = ids.people[i]!;
    const stationId = ids.stations.get(p.stationCode)!;
    const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000).toISOString();
    const start = 30 + (i % 7) * 10;
    items.push({ id: randomUUID(), kind: 'check_in', campaignId: ids.campaignId, personId, stationId, occurredAt: at(start) });
    const taps = 2 + (i % 5);
    for (let k = 0; k < taps; k++) {
      const serviceCode = services_[(i + k) % services_.length]!;
      items.push({
        id: randomUUID(),
        kind: 'assistance',
        campaignId: ids.campaignId,
        personId,
        stationId,
        serviceCode,
        ...(serviceCode === 'cashless_payment' && k % 2 === 0 ? { beneficiary: 'shop' } : {}),
        ...(++tick % 4 === 0 ? { tags: { ageBand: '60_plus' } } : {}),
        occurredAt: at(start - 3 - k * 4),
      });
    }
    if (i % 4 === 0) items.push({ id: randomUUID(), kind: 'adoption', campaignId: ids.campaignId, personId, serviceCode: 'vneid_level2', occurredAt: at(start) });
  });
  let accepted = 0;
  for (let i = 0; i < items.length; i += 500) {
    const results = await services.activity.write(items.slice(i, i + 500));
    accepted += results.filter((r) => r.status === 'accepted').length;
  }
  return accepted;
}
