import { randomUUID } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createScene, createStation, middayTimezone } from '../helpers/fixtures';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
let scene: Awaited<ReturnType<typeof createScene>>;

const test = suite('GET /api/v1/campaigns/:id/totals (volunteers on duty)');
test.before(async () => {
  t = await createTestApp();
  scene = await createScene(t, { timezone: middayTimezone() });
});
test.after(() => t.dispose());

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
const write = async (entry: object) => {
  const res = await t.call({ method: 'POST', url: '/api/v1/activity', payload: { id: randomUUID(), campaignId: scene.campaign.id, ...entry } });
  assert.is(res.status, 201, JSON.stringify(res.body));
};
const volunteers = async (unitId?: number) =>
  (await t.call({ method: 'GET', url: `/api/v1/campaigns/${scene.campaign.id}/totals${unitId ? `?unitId=${unitId}` : ''}` })).body.volunteers;

test('on duty from check-in until check-out, the end of the shift, or a check-in elsewhere', async () => {
  const other = await t.call({ method: 'POST', url: '/api/v1/units', payload: { code: `OTHER-${Date.now()}`, name: 'Đoàn xã Khác', parentId: scene.root.id } });
  const elsewhere = await createStation(t, scene.campaign.id, other.body.id);
  const people = await Promise.all([1, 2, 3, 4].map(() => t.call({ method: 'POST', url: '/api/v1/people', payload: { name: 'Lê Thị Trực', phone: `03${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}` } })));
  const [a, b, c, d] = people.map((p) => p.body.id as number);
  const ended = await t.call({ method: 'POST', url: `/api/v1/stations/${scene.station.id}/shifts`, payload: { startsAt: minutesAgo(240), endsAt: minutesAgo(60) } });
  const running = await t.call({ method: 'POST', url: `/api/v1/stations/${scene.station.id}/shifts`, payload: { startsAt: minutesAgo(30), endsAt: new Date(Date.now() + 3_600_000).toISOString() } });

  await write({ kind: 'check_in', personId: a, stationId: scene.station.id, occurredAt: minutesAgo(50) });
  await write({ kind: 'check_in', personId: b, stationId: scene.station.id, occurredAt: minutesAgo(50) });
  await write({ kind: 'check_out', personId: b, stationId: scene.station.id, occurredAt: minutesAgo(10) });
  await write({ kind: 'check_in', personId: c, stationId: scene.station.id, shiftId: ended.body.id, occurredAt: minutesAgo(200) });
  await write({ kind: 'check_in', personId: d, stationId: scene.station.id, shiftId: running.body.id, occurredAt: minutesAgo(20) });
  // d moves to a station of another commune: one person, on duty once, in the other commune.
  await write({ kind: 'check_in', personId: d, stationId: elsewhere.id, occurredAt: minutesAgo(5) });
  // A check-out sent late from an offline phone, older than the check-in: the later check-in wins.
  await write({ kind: 'check_out', personId: a, stationId: scene.station.id, occurredAt: minutesAgo(55) });

  assert.equal(await volunteers(), { onDutyNow: 2, checkedInToday: 4 });
  assert.equal(await volunteers(scene.commune.id), { onDutyNow: 1, checkedInToday: 4 });
  assert.equal(await volunteers(other.body.id), { onDutyNow: 1, checkedInToday: 1 });
});

test.run();
