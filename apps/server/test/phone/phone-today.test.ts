import { randomUUID } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { schema } from '@xk/db';
import type { PhoneToday } from '@xk/contract';
import { hashSecret, newSecret } from '../../src/auth/secrets';
import { code, createCampaign, createPerson, createStation, createUnit, middayTimezone } from '../helpers/fixtures';
import { created, expectOk, get } from '../helpers/requests';
import { type Caller, createTestApp, type TestApp } from '../helpers/test-app';

// GET /api/v1/phone/today and POST /api/v1/phone/status: a volunteer's phone, about the caller only.

let t: TestApp;
let root: { id: number };
let unitA: { id: number };
let unitB: { id: number };
let campaign: { id: number };
let olderCampaign: { id: number };
let campaignB: { id: number };
let stationA1: { id: number };
let stationA2: { id: number };
let stationRoot: { id: number };
let stationB: { id: number };
let team: { id: number };
let partner: { id: number };
let person: { id: number };
let me: Caller;
let runningShift: { id: number; startsAt: string; endsAt: string };
let endedShift: { id: number };

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
const today = async (query = '', as: Caller = me) => {
  const res = await t.call({ method: 'GET', url: `/api/v1/phone/today${query}`, as });
  assert.is(res.status, 200, JSON.stringify(res.body));
  return res.body as PhoneToday;
};
/** An entry of the volunteer's own, written as their phone would. */
const write = async (entry: Record<string, unknown>, as: Caller = me) => {
  const item = { id: randomUUID(), campaignId: campaign.id, personId: as.personId, occurredAt: new Date().toISOString(), ...entry };
  const res = await t.call({ method: 'POST', url: '/api/v1/activity/batch', payload: { items: [item] }, as });
  assert.is(res.status, 200);
  assert.is(res.body.results[0].status, 'accepted', JSON.stringify(res.body.results[0]));
  return item;
};
const onDutyNow = async (unitId: number) => (await get(t, `/api/v1/campaigns/${campaign.id}/totals?unitId=${unitId}`)).volunteers.onDutyNow as number;

const test = suite('GET /api/v1/phone/today');

test.before(async () => {
  t = await createTestApp();
  root = await createUnit(t, { name: 'Thành đoàn Hải Phòng' });
  unitA = await createUnit(t, { parentId: root.id, name: 'Đoàn phường Lê Chân' });
  unitB = await createUnit(t, { parentId: root.id, name: 'Đoàn phường Ngô Quyền' });
  const timezone = middayTimezone();
  olderCampaign = await createCampaign(t, root.id, { startsAt: '2021-01-01T00:00:00Z', timezone });
  campaign = await createCampaign(t, root.id, { startsAt: '2022-01-01T00:00:00Z', timezone });
  campaignB = await createCampaign(t, unitB.id, { startsAt: '2023-01-01T00:00:00Z', timezone });
  stationA1 = await created(t, `/api/v1/campaigns/${campaign.id}/stations`, { unitId: unitA.id, code: code('S'), name: 'Chợ Hàng Kênh', kind: 'market', lat: 20.8425, lng: 106.689 });
  stationA2 = await createStation(t, campaign.id, unitA.id);
  stationRoot = await createStation(t, campaign.id, root.id);
  stationB = await createStation(t, campaign.id, unitB.id);
  team = await created(t, '/api/v1/teams', { code: code('T'), name: 'Tổ công nghệ số cộng đồng', unitId: unitA.id });
  partner = await created(t, '/api/v1/people', { name: 'Phạm Văn Cán', phone: `09${String(Date.now()).slice(-8)}`, memberships: [{ unitId: unitA.id, role: 'member' }] });
  person = await created(t, '/api/v1/people', { name: 'Nguyễn Thị Lan Anh', phone: `08${String(Date.now()).slice(-8)}`, memberships: [{ unitId: unitA.id, role: 'volunteer' }] });
  me = await t.signInAs('volunteer', unitA.id, person.id);
  endedShift = await created(t, `/api/v1/stations/${stationA1.id}/shifts`, { startsAt: minutesAgo(300), endsAt: minutesAgo(120) });
  runningShift = await created(t, `/api/v1/stations/${stationA1.id}/shifts`, { startsAt: minutesAgo(60), endsAt: new Date(Date.now() + 3 * 3_600_000).toISOString() });
  await created(t, `/api/v1/stations/${stationA1.id}/shifts`, { startsAt: new Date(Date.now() + 5 * 3_600_000).toISOString(), endsAt: new Date(Date.now() + 8 * 3_600_000).toISOString() });
});
test.after(() => t.dispose());

test('before any placement: the newest running campaign of my units; campaigns of other branches are not listed', async () => {
  const body = await today();
  assert.equal(body.person, { id: person.id, name: 'Nguyễn Thị Lan Anh', shortName: 'Anh N.' });
  assert.ok(Math.abs(Date.parse(body.serverTime) - Date.now()) < 60_000);
  const ids = body.campaigns.map((c) => c.id);
  assert.ok(ids.includes(campaign.id) && ids.includes(olderCampaign.id));
  assert.not.ok(ids.includes(campaignB.id), "a campaign of branch B only is not the volunteer's");
  assert.ok(ids.indexOf(campaign.id) < ids.indexOf(olderCampaign.id), 'newest first');
  assert.is(body.campaign?.id, campaign.id);
  assert.equal(Object.keys(body.campaign!).sort(), ['endsAt', 'id', 'name', 'scopeUnitId', 'startsAt', 'timezone']);
  assert.is(body.campaign!.scopeUnitId, root.id);
  assert.is(body.placement, null);
  assert.is(body.onDuty, null);
  assert.ok(body.posterKeys.length >= 1, 'a key is made on first need');
  assert.match(body.posterKeys[0]!.spki, /^[A-Za-z0-9+/]+=*$/);
  assert.is((await t.call({ method: 'GET', url: '/api/v1/phone/today', as: me })).response.headers['cache-control'], 'no-store');
});

test('placement: the open assignment with its unit, team, station, the running shift and the 1+1 partner; the placed campaign is chosen', async () => {
  // Placed in the older campaign: that one is chosen over the newer one without a placement.
  const older = await createStation(t, olderCampaign.id, unitA.id);
  const placedOlder = await created(t, `/api/v1/campaigns/${olderCampaign.id}/assignments`, { personId: person.id, stationId: older.id });
  assert.is((await today()).campaign?.id, olderCampaign.id);
  assert.is((await today()).placement?.assignmentId, placedOlder.id);

  const placed = await created(t, `/api/v1/campaigns/${campaign.id}/assignments`, { personId: person.id, stationId: stationA1.id, teamId: team.id, partnerId: partner.id });
  const body = await today(`?campaignId=${campaign.id}`);
  assert.is(body.campaign?.id, campaign.id);
  assert.equal(body.placement, {
    assignmentId: placed.id,
    unit: { id: unitA.id, name: 'Đoàn phường Lê Chân' },
    team: { id: team.id, name: 'Tổ công nghệ số cộng đồng' },
    station: { id: stationA1.id, name: 'Chợ Hàng Kênh', address: null, lat: 20.8425, lng: 106.689 },
    shift: { id: runningShift.id, startsAt: runningShift.startsAt, endsAt: runningShift.endsAt },
    partner: { id: partner.id, name: 'Phạm Văn Cán' },
  });
  // Now placed in both: the newest placement wins when no campaign is asked for.
  assert.is((await today()).campaign?.id, campaign.id);
});

test("stations: the campaign's stations overlapping my units (mine and above), not a sibling branch's", async () => {
  const body = await today(`?campaignId=${campaign.id}`);
  const ids = body.stations.map((s) => s.id);
  for (const s of [stationA1, stationA2, stationRoot]) assert.ok(ids.includes(s.id), `station ${s.id}`);
  assert.not.ok(ids.includes(stationB.id));
  assert.equal(body.stations.find((s) => s.id === stationA1.id), { id: stationA1.id, name: 'Chợ Hàng Kênh', address: null, lat: 20.8425, lng: 106.689, unitId: unitA.id });
});

test('services: the active catalogue, with shops where shops are counted; adopted: my net adoptions', async () => {
  await expectOk(t, 200, 'PUT', `/api/v1/campaigns/${campaign.id}/services/chip_id_card`, { nameVi: 'Đăng ký cấp căn cước gắn chip', nameEn: 'Chip ID card application', isActive: false });
  let body = await today(`?campaignId=${campaign.id}`);
  const catalogue = (await get(t, `/api/v1/campaigns/${campaign.id}/services`)) as Array<{ code: string; nameVi: string; nameEn: string; isActive: boolean }>;
  assert.equal(body.services.map((s) => s.code), catalogue.filter((s) => s.isActive).map((s) => s.code));
  assert.not.ok(body.services.some((s) => s.code === 'chip_id_card'), 'a retired service is not offered');
  const byCode = new Map(body.services.map((s) => [s.code, s]));
  assert.equal(byCode.get('vneid_level2'), { code: 'vneid_level2', name: 'Kích hoạt định danh điện tử VNeID mức 2', nameEn: 'VNeID level-2 electronic ID activation', beneficiaries: ['resident'] });
  assert.equal(byCode.get('cashless_payment')!.beneficiaries, ['resident', 'shop']);
  // A shops target on a service: its button gets the shop switch.
  await expectOk(t, 200, 'PUT', `/api/v1/campaigns/${campaign.id}/targets`, { unitId: root.id, serviceCode: 'vssid', kind: 'shops', value: 50 });
  body = await today(`?campaignId=${campaign.id}`);
  assert.equal(body.services.find((s) => s.code === 'vssid')!.beneficiaries, ['resident', 'shop']);

  assert.equal(body.adopted, []);
  const adoption = await write({ kind: 'adoption', serviceCode: 'vneid_level2', unitId: unitA.id });
  await write({ kind: 'adoption', serviceCode: 'vssid', unitId: unitA.id });
  assert.equal((await today(`?campaignId=${campaign.id}`)).adopted, ['vneid_level2', 'vssid']);
  await write({ kind: 'correction', correctsId: adoption.id, action: 'void', reason: 'bấm nhầm' });
  assert.equal((await today(`?campaignId=${campaign.id}`)).adopted, ['vssid']);
});

test('onDuty follows the log as the totals count it: check-in, a check-in elsewhere, check-out, a shift that ended', async () => {
  const duty = async () => (await today(`?campaignId=${campaign.id}`)).onDuty;
  const agrees = async (expected: boolean) => {
    assert.is((await duty()) !== null, expected);
    assert.is(await onDutyNow(unitA.id), expected ? 1 : 0, 'the totals agree');
  };
  await agrees(false);
  const first = await write({ kind: 'check_in', stationId: stationA1.id, shiftId: runningShift.id, occurredAt: minutesAgo(30) });
  assert.equal(await duty(), { stationId: stationA1.id, since: first.occurredAt, shiftId: runningShift.id });
  await agrees(true);
  // A check-in elsewhere (no shift) is the later check-in: on duty there.
  const second = await write({ kind: 'check_in', stationId: stationA2.id, occurredAt: minutesAgo(10) });
  assert.equal(await duty(), { stationId: stationA2.id, since: second.occurredAt, shiftId: null });
  await agrees(true);
  // A check-out sent late by an offline phone, older than the check-in: the later check-in wins.
  await write({ kind: 'check_out', occurredAt: minutesAgo(20), stationId: stationA1.id });
  assert.is((await duty())?.stationId, stationA2.id);
  await write({ kind: 'check_out', occurredAt: minutesAgo(5), stationId: stationA2.id });
  await agrees(false);
  // A check-in on a shift that has ended: not on duty.
  await write({ kind: 'check_in', stationId: stationA1.id, shiftId: endedShift.id, occurredAt: minutesAgo(2) });
  await agrees(false);
});

test('pending moves and the newest 20 messages for me', async () => {
  const current = ((await get(t, `/api/v1/campaigns/${campaign.id}/assignments?personId=${person.id}`)) as Array<{ id: number }>)[0]!;
  const move = await created(t, `/api/v1/campaigns/${campaign.id}/moves`, { id: randomUUID(), personIds: [person.id], toStationId: stationA2.id, expected: [{ personId: person.id, assignmentId: current.id }], reason: 'Điểm chợ đông người' });
  let body = await today(`?campaignId=${campaign.id}`);
  assert.equal(body.pendingMoves.map((m) => [m.id, m.toStationId, m.status]), [[move.id, stationA2.id, 'pending']]);
  assert.is(body.placement?.station?.id, stationA2.id, 'the move placed me at the new station');
  assert.is(body.placement?.shift, null, 'a station without shifts');
  assert.is(body.placement?.team?.id, team.id, 'the team stays');
  await expectOk(t, 200, 'POST', `/api/v1/moves/${move.id}/ack`, { personId: person.id }, me);
  assert.equal((await today(`?campaignId=${campaign.id}`)).pendingMoves, []);

  for (let i = 1; i <= 23; i++) {
    const audience = i % 3 === 0 ? { kind: 'on_duty' } : i % 3 === 1 ? { kind: 'station', id: stationA2.id } : { kind: 'team', id: team.id };
    await created(t, `/api/v1/campaigns/${campaign.id}/messages`, { id: randomUUID(), audience, body: `Tin nhắn số ${i}` });
  }
  await created(t, `/api/v1/campaigns/${campaign.id}/messages`, { id: randomUUID(), audience: { kind: 'station', id: stationB.id }, body: 'Không phải cho tôi' });
  body = await today(`?campaignId=${campaign.id}`);
  const mine = (await get(t, `/api/v1/campaigns/${campaign.id}/messages?personId=${person.id}`)) as Array<{ id: string; body: string }>;
  assert.is(body.messages.length, 20);
  assert.equal(body.messages.map((m) => m.id), mine.slice(-20).map((m) => m.id), 'the newest 20, oldest first');
  assert.is(body.messages.at(-1)!.body, 'Tin nhắn số 23');
  assert.not.ok(body.messages.some((m) => m.body === 'Không phải cho tôi'));
});

test('only my own: another branch’s campaign is refused, a campaign I am placed in is not; screens are refused; no campaign: empty', async () => {
  const refused = await t.call({ method: 'GET', url: `/api/v1/phone/today?campaignId=${campaignB.id}`, as: me });
  assert.is(refused.status, 403);
  const missing = await t.call({ method: 'GET', url: '/api/v1/phone/today?campaignId=2147483647', as: me });
  assert.is(missing.status, 404);
  assert.is(missing.body.field, 'query/campaignId');
  const bad = await t.call({ method: 'GET', url: '/api/v1/phone/today?personId=1', as: me });
  assert.is(bad.status, 400, 'no personId: always the caller');

  // Placed by an admin in a campaign outside their units: their phone may read it.
  const stationOfB = await createStation(t, campaignB.id, unitB.id);
  await created(t, `/api/v1/campaigns/${campaignB.id}/assignments`, { personId: person.id, stationId: stationOfB.id });
  const placedB = await today(`?campaignId=${campaignB.id}`);
  assert.is(placedB.placement?.station?.id, stationOfB.id);
  assert.ok(placedB.campaigns.some((c) => c.id === campaignB.id), 'listed once placed there');

  // A board or integration token has no phone.
  const secret = newSecret();
  await t.app.database.db.insert(schema.sessions).values({ tokenHash: hashSecret(secret), kind: 'board', unitId: root.id, campaignId: campaign.id, expiresAt: new Date(Date.now() + 86_400_000) });
  const board = await t.app.inject({ method: 'GET', url: `/api/v1/phone/today?campaignId=${campaign.id}`, headers: { authorization: `Bearer ${secret}` } });
  assert.is(board.statusCode, 403);

  // Someone whose units hold no campaign: nothing to show but who they are and the keys.
  const lonely = await createUnit(t, { name: 'Chi đoàn không có chiến dịch' });
  const other = await createPerson(t, lonely.id);
  const body = await today('', await t.signInAs('volunteer', lonely.id, other.id));
  assert.equal({ ...body, serverTime: '', person: null, posterKeys: [] }, {
    serverTime: '', person: null, campaigns: [], campaign: null, placement: null, onDuty: null, services: [], stations: [], adopted: [], pendingMoves: [], messages: [], posterKeys: [],
  });
  assert.ok(body.posterKeys.length >= 1);
});

const status = suite('POST /api/v1/phone/status');
status.before(async () => {
  t = await createTestApp();
  root = await createUnit(t, { name: 'Thành đoàn Thử' });
  unitA = await createUnit(t, { parentId: root.id, name: 'Đoàn xã A' });
  unitB = await createUnit(t, { parentId: root.id, name: 'Đoàn xã B' });
  campaign = await createCampaign(t, root.id);
  campaignB = await createCampaign(t, unitB.id);
  stationA1 = await createStation(t, campaign.id, unitA.id);
  person = await createPerson(t, unitA.id);
  me = await t.signInAs('volunteer', unitA.id, person.id);
});
status.after(() => t.dispose());

const report = (payload: object, as: Caller = me) => t.call({ method: 'POST', url: '/api/v1/phone/status', payload, as });
const statusOf = async () => ((await get(t, `/api/v1/campaigns/${campaign.id}/phone-status?personId=${person.id}`)) as Array<{ queueLength: number; lastSyncAt: string | null; lastSeenAt: string }>)[0];

status('the queue report is kept as the phone status (a phone that never synced: lastSyncAt null), as a sync’s client is', async () => {
  const res = await report({ campaignId: campaign.id, queueLength: 3, lastSyncAt: null });
  assert.is(res.status, 204, JSON.stringify(res.body));
  assert.is(res.body, '');
  let row = await statusOf();
  assert.equal({ ...row!, lastSeenAt: '' }, { campaignId: campaign.id, personId: person.id, queueLength: 3, lastSyncAt: null, lastSeenAt: '' });

  const syncedAt = new Date(Date.now() - 60_000).toISOString();
  const item = { id: randomUUID(), kind: 'check_in', campaignId: campaign.id, personId: person.id, stationId: stationA1.id, occurredAt: new Date().toISOString() };
  const batch = await t.call({ method: 'POST', url: '/api/v1/activity/batch', payload: { items: [item], client: { personId: person.id, campaignId: campaign.id, queueLength: 1, lastSyncAt: syncedAt } }, as: me });
  assert.is(batch.status, 200);
  assert.is((await statusOf())!.lastSyncAt, syncedAt);

  const later = new Date().toISOString();
  assert.is((await report({ campaignId: campaign.id, queueLength: 0, lastSyncAt: later })).status, 204);
  row = await statusOf();
  assert.equal([row!.queueLength, row!.lastSyncAt], [0, later]);
  // A report without a last sync (the phone's storage was cleared) keeps the one the hub knows.
  assert.is((await report({ campaignId: campaign.id, queueLength: 2, lastSyncAt: null })).status, 204);
  row = await statusOf();
  assert.equal([row!.queueLength, row!.lastSyncAt], [2, later]);
});

status('a bad report is refused whole, naming the field; another branch’s campaign is refused', async () => {
  for (const [payload, field] of [
    [{ campaignId: campaign.id, queueLength: -1, lastSyncAt: null }, 'body/queueLength'],
    [{ campaignId: campaign.id, queueLength: 1, lastSyncAt: 'now' }, 'body/lastSyncAt'],
    [{ campaignId: campaign.id, queueLength: 1 }, 'body/lastSyncAt'],
    [{ campaignId: campaign.id, queueLength: 1, lastSyncAt: null, personId: 1 }, 'body/personId'],
    [{ campaignId: 2147483647, queueLength: 1, lastSyncAt: null }, 'body/campaignId'],
  ] as const) {
    const res = await report(payload);
    assert.is(res.status, 400, JSON.stringify([payload, res.body]));
    assert.is(res.body.field, field, JSON.stringify(res.body));
  }
  assert.is((await report({ campaignId: campaignB.id, queueLength: 1, lastSyncAt: null })).status, 403);
});

test.run();
status.run();
