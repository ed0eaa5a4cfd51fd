import { randomUUID } from 'node:crypto';
import * as assert from 'uvu/assert';
import { code, createCampaign, createPerson, createStation, createUnit } from './fixtures';
import { created } from './requests';
import type { TestApp } from './test-app';
import { rng } from './workload';

/**
 * A campaign's worth of activity for report tests, generated from a seed over a small tree:
 *
 *   province ─┬─ district 1 ─┬─ commune 1a ── branch 1a-i
 *             │              ├─ commune 1b
 *             │              └─ commune 1c   (merged into commune 2a after the first days)
 *             └─ district 2 ─┬─ commune 2a
 *                            └─ commune 2b
 *
 * Stations in the communes and the branch, three teams, past shifts on some stations, 16 people
 * working two to four past days in Asia/Ho_Chi_Minh: check-ins with and without a shift (some
 * never checked out, some moving to a second station in the afternoon), residents and shops
 * helped, outreach and training sessions, adoptions, then corrections, then late entries for the
 * merged commune. The generator keeps every entry it sent (`entries`) and the tree as it knows it
 * (`parentOf`, after the merge), for tests to compute their own expectations.
 */

export const timezone = 'Asia/Ho_Chi_Minh';
/** Việt Nam has no daylight saving: local time is UTC+7 all year. */
const offsetMs = 7 * 3_600_000;

/** The instant of a local wall-clock time `daysAgo` days before today (in Asia/Ho_Chi_Minh). */
export function localInstant(daysAgo: number, hour: number, minute = 0): number {
  const local = new Date(Date.now() + offsetMs);
  return Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - daysAgo, hour, minute) - offsetMs;
}

/** The end of the local day containing `instant`. */
export const localDayEnd = (instant: number) => {
  const local = new Date(instant + offsetMs);
  return Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + 1) - offsetMs;
};

export interface GeneratedEntry {
  id: string;
  kind: string;
  personId: number;
  stationId?: number;
  /** The unit it counts for (its station's). */
  unitId: number;
  teamId?: number;
  shiftId?: number;
  at: number;
}

const services = ['vneid_level2', 'public_service_account', 'cashless_payment', 'citizen_app', 'vssid', 'ehealth_book'];

async function submit(t: TestApp, items: object[]) {
  for (let i = 0; i < items.length; i += 200) {
    const res = await t.call({ method: 'POST', url: '/api/v1/activity/batch', payload: { items: items.slice(i, i + 200) } });
    const bad = res.body.results.filter((r: { status: string }) => r.status !== 'accepted');
    assert.equal(bad, [], 'every generated entry is accepted');
  }
}

export async function createReportWorkload(t: TestApp, seed = 20251010) {
  const r = rng(seed);
  const province = await createUnit(t, { name: 'Tỉnh đoàn Long An', memberCount: 12 });
  const d1 = await createUnit(t, { parentId: province.id, name: 'Huyện đoàn Bến Lức', memberCount: 20 });
  const d2 = await createUnit(t, { parentId: province.id, name: 'Huyện đoàn Cần Giuộc', memberCount: 15 });
  const c1a = await createUnit(t, { parentId: d1.id, name: 'Đoàn xã Thạnh Đức', memberCount: 40 });
  const c1b = await createUnit(t, { parentId: d1.id, name: 'Đoàn xã Lương Hòa', memberCount: 35 });
  const c1c = await createUnit(t, { parentId: d1.id, name: 'Đoàn xã Bình Đức', memberCount: 25 });
  const b1a = await createUnit(t, { parentId: c1a.id, name: 'Chi đoàn ấp 3', memberCount: 18 });
  const c2a = await createUnit(t, { parentId: d2.id, name: 'Đoàn xã Phước Lý', memberCount: 30 });
  const c2b = await createUnit(t, { parentId: d2.id, name: 'Đoàn thị trấn Cần Giuộc', memberCount: 45 });
  const units = { province, d1, d2, c1a, c1b, c1c, b1a, c2a, c2b };
  const memberCount = new Map<number, number>([[province.id, 12], [d1.id, 20], [d2.id, 15], [c1a.id, 40], [c1b.id, 35], [c1c.id, 25], [b1a.id, 18], [c2a.id, 30], [c2b.id, 45]]);
  const parentOf = new Map<number, number | null>([[province.id, null], [d1.id, province.id], [d2.id, province.id], [c1a.id, d1.id], [c1b.id, d1.id], [c1c.id, d1.id], [b1a.id, c1a.id], [c2a.id, d2.id], [c2b.id, d2.id]]);
  const merged = new Set<number>();

  const campaign = await createCampaign(t, province.id, { timezone });
  const stationUnits = [c1a, c1a, b1a, c1b, c1c, c2a, c2b, c2b];
  const stations: Array<{ id: number; unitId: number }> = [];
  for (const u of stationUnits) stations.push({ id: (await createStation(t, campaign.id, u.id)).id, unitId: u.id });
  // A station in district 1 with nothing ever counted: it is still listed, with zeros.
  const idle = { id: (await createStation(t, campaign.id, d1.id)).id, unitId: d1.id };
  const teamUnits = [c1a, c1b, c2a];
  const teams: number[] = [];
  for (const u of teamUnits) teams.push(((await created(t, '/api/v1/teams', { code: code('T'), name: `Tổ công nghệ số ${u.code}`, unitId: u.id })) as { id: number }).id);

  const days = [4, 3, 2, 1];
  // Morning shifts (07:00–11:30) on some stations and days; check-ins without one end with the day.
  const shifts = new Map<string, { id: number; endsAt: number }>();
  for (const s of stations) {
    for (const day of days) {
      if (r.next() < 0.5) continue;
      const endsAt = localInstant(day, 11, 30);
      const shift = (await created(t, `/api/v1/stations/${s.id}/shifts`, { startsAt: new Date(localInstant(day, 7)).toISOString(), endsAt: new Date(endsAt).toISOString() })) as { id: number };
      shifts.set(`${s.id}:${day}`, { id: shift.id, endsAt });
    }
  }

  const homeUnits = [c1a, c1b, c1c, b1a, c2a, c2b, d1, d2];
  const people: number[] = [];
  for (let i = 0; i < 16; i++) people.push((await createPerson(t, homeUnits[i % homeUnits.length]!.id)).id);
  const teamOf = new Map(people.map((p, i) => [p, i % 4 === 3 ? undefined : teams[i % teams.length]]));

  const entries: GeneratedEntry[] = [];
  const items: object[] = [];
  const tallied: Array<{ id: string; kind: string }> = [];
  const adopted = new Set<string>();
  const base = (kind: string, personId: number, station: { id: number; unitId: number }, at: number, extra: Record<string, unknown> = {}) => {
    const teamId = teamOf.get(personId);
    const e: GeneratedEntry = { id: randomUUID(), kind, personId, stationId: station.id, unitId: station.unitId, at, ...(teamId ? { teamId } : {}) };
    if (typeof extra.shiftId === 'number') e.shiftId = extra.shiftId;
    entries.push(e);
    items.push({ id: e.id, kind, campaignId: campaign.id, personId, stationId: station.id, ...(teamId ? { teamId } : {}), occurredAt: new Date(at).toISOString(), ...extra });
    return e;
  };

  /** A stretch at one station from `start`: a check-in, a few entries, maybe a check-out. Returns when it ended. */
  const stretch = (personId: number, day: number, station: { id: number; unitId: number }, start: number, allowShift: boolean) => {
    let at = start;
    const shift = allowShift ? shifts.get(`${station.id}:${day}`) : undefined;
    base('check_in', personId, station, at, shift && r.next() < 0.8 ? { shiftId: shift.id } : {});
    for (let k = r.int(2, 7); k > 0; k--) {
      at += r.int(4, 35) * 60_000;
      const roll = r.next();
      if (roll < 0.72) {
        const serviceCode = r.pick(services);
        const beneficiary = serviceCode === 'cashless_payment' && r.next() < 0.6 ? 'shop' : 'resident';
        const e = base('assistance', personId, station, at, { serviceCode, beneficiary, quantity: r.next() < 0.75 ? 1 : r.int(2, 6) });
        tallied.push({ id: e.id, kind: 'assistance' });
      } else if (roll < 0.86) {
        const e = base('session', personId, station, at, { sessionKind: r.next() < 0.5 ? 'outreach' : 'training', attendance: r.int(5, 300) });
        tallied.push({ id: e.id, kind: 'session' });
      } else {
        const serviceCode = r.pick(services);
        if (adopted.has(`${personId}:${serviceCode}`)) continue;
        adopted.add(`${personId}:${serviceCode}`);
        base('adoption', personId, station, at, { serviceCode });
      }
    }
    if (r.next() < 0.65) {
      at += r.int(3, 40) * 60_000;
      base('check_out', personId, station, at);
    }
    return at;
  };

  for (const personId of people) {
    for (const day of days) {
      if (r.next() < 0.3) continue;
      const station = r.pick(stations);
      const ended = stretch(personId, day, station, localInstant(day, r.int(6, 10), r.int(0, 59)), true);
      // Some move to a second station in the afternoon (no shift there): that check-in ends the morning's duty.
      if (r.next() < 0.35) stretch(personId, day, r.pick(stations.filter((s) => s !== station)), Math.max(ended + 60_000, localInstant(day, 13, r.int(0, 59))), false);
    }
  }
  await submit(t, items);

  // Corrections, made now: they count where and when their entries counted.
  const corrections = Array.from({ length: 10 }, (_, i) => {
    const target = tallied[(i * 7 + 3) % tallied.length]!;
    const voiding = target.kind === 'session' ? r.next() < 0.5 : i % 2 === 0;
    const adjustment = target.kind === 'session' ? { attendance: r.int(0, 100) } : { quantity: r.int(0, 5) };
    return { id: randomUUID(), kind: 'correction', campaignId: campaign.id, personId: people[0], correctsId: target.id, action: voiding ? 'void' : 'adjust', ...(voiding ? {} : adjustment), reason: 'sửa số liệu', occurredAt: new Date().toISOString() };
  });
  const seen = new Set<string>();
  await submit(t, corrections.filter((c) => !seen.has(c.correctsId) && seen.add(c.correctsId)));

  // Commune 1c merges into commune 2a (another district): its history now rolls up there.
  assert.is((await t.call({ method: 'POST', url: `/api/v1/units/${c1c.id}/merge`, payload: { successorId: c2a.id } })).status, 200);
  parentOf.set(c1c.id, c2a.id);
  merged.add(c1c.id);
  // Late entries from an offline phone at the merged commune's station, two evenings ago.
  const c1cStation = stations.find((s) => s.unitId === c1c.id)!;
  items.length = 0;
  stretch(people[5]!, 2, c1cStation, localInstant(2, 19, 30), false);
  await submit(t, items);

  return { campaign, units, stations: [...stations, idle], teams, shifts, people, entries, parentOf, merged, memberCount, timezone };
}
export type ReportWorkload = Awaited<ReturnType<typeof createReportWorkload>>;

/** `unitId` and every unit under it, by the workload's own tree. */
export function subtreeOf(w: Pick<ReportWorkload, 'parentOf'>, unitId: number): number[] {
  return [...w.parentOf.keys()].filter((u) => {
    for (let cur: number | null | undefined = u; cur != null; cur = w.parentOf.get(cur)) if (cur === unitId) return true;
    return false;
  });
}
