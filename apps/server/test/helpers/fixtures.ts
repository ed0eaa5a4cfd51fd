import { randomUUID } from 'node:crypto';
import { created } from './requests';
import type { TestApp } from './test-app';

let counter = 0;
/** A fresh code for each fixture, so fixtures of one test file never collide. */
export const code = (prefix: string) => `${prefix}-${++counter}-${Math.random().toString(36).slice(2, 6)}`;
/** A valid, unique Vietnamese mobile number. */
export const phone = () => `09${String(10_000_000 + Math.floor(Math.random() * 89_999_999)).slice(0, 8)}`;

export const createUnit = (t: TestApp, fields: { parentId?: number; memberCount?: number; name?: string } = {}) =>
  created(t, '/api/v1/units', { code: code('U'), name: fields.name ?? 'Đơn vị thử', ...fields }) as Promise<{ id: number; path: string; code: string }>;

export const createPerson = (t: TestApp, unitId?: number) =>
  created(t, '/api/v1/people', { name: 'Nguyễn Văn Thử', phone: phone(), ...(unitId ? { memberships: [{ unitId, role: 'volunteer' }] } : {}) }) as Promise<{ id: number }>;

/**
 * A fixed-offset time zone in which it is now about noon: tests that count "today" from times a few
 * hours back must not straddle a local midnight, whenever they run.
 */
export function middayTimezone(now = new Date()): string {
  const offset = 12 - now.getUTCHours();
  return offset === 0 ? 'Etc/GMT' : offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
}

export const createCampaign = (t: TestApp, scopeUnitId: number, fields: { startsAt?: string; endsAt?: string; timezone?: string } = {}) =>
  created(t, '/api/v1/campaigns', {
    code: code('C'),
    name: 'Ngày Chuyển đổi số quốc gia 10/10',
    startsAt: fields.startsAt ?? '2020-01-01T00:00:00+07:00',
    endsAt: fields.endsAt ?? '2040-01-01T00:00:00+07:00',
    ...(fields.timezone ? { timezone: fields.timezone } : {}),
    scopeUnitId,
  }) as Promise<{ id: number; seq: number }>;

export const createStation = (t: TestApp, campaignId: number, unitId: number) =>
  created(t, `/api/v1/campaigns/${campaignId}/stations`, { unitId, code: code('S'), name: 'Điểm hỗ trợ thử', kind: 'market' }) as Promise<{ id: number }>;

/** A campaign over a small tree with a person and a station: what most activity tests start from. */
export async function createScene(t: TestApp, campaignFields: { timezone?: string } = {}) {
  const root = await createUnit(t, { name: 'Thành đoàn Thử', memberCount: 10 });
  const commune = await createUnit(t, { parentId: root.id, name: 'Đoàn phường Thử', memberCount: 30 });
  const campaign = await createCampaign(t, root.id, campaignFields);
  const station = await createStation(t, campaign.id, commune.id);
  const person = await createPerson(t, commune.id);
  return { root, commune, campaign, station, person };
}

export const assistance = (scene: { campaign: { id: number }; person: { id: number }; station: { id: number } }, fields: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  kind: 'assistance',
  campaignId: scene.campaign.id,
  personId: scene.person.id,
  stationId: scene.station.id,
  serviceCode: 'vneid_level2',
  occurredAt: new Date().toISOString(),
  ...fields,
});

/**
 * A tree of any depth: 1–3 children per unit down to depth 4, then a single chain to depth 5.
 * Returns the generator's own view of it (child → parent), which tests sum over independently.
 */
export async function createTree(t: TestApp, r: { int(lo: number, hi: number): number }) {
  const root = await createUnit(t, { name: 'Tỉnh đoàn', memberCount: 5 });
  const parentOf = new Map<number, number | null>([[root.id, null]]);
  const all = [root.id];
  async function grow(parentId: number, depth: number): Promise<void> {
    if (depth > 5) return;
    const n = depth < 4 ? r.int(1, 3) : 1;
    for (let i = 0; i < n; i++) {
      const unit = await createUnit(t, { parentId, memberCount: r.int(0, 50), name: 'Chi đoàn Khu dân cư số 1' });
      parentOf.set(unit.id, parentId);
      all.push(unit.id);
      await grow(unit.id, depth + 1);
    }
  }
  await grow(root.id, 1);
  return { root, parentOf, all };
}
