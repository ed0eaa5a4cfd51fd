import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { created, expect400, expectError, expectOk, get } from '../helpers/requests';

type Station = { id: number; campaignId: number; unitId: number; code: string; name: string; kind: string; lat: number | null; lng: number | null; peopleNeeded: number };
type Shift = { id: number; stationId: number; startsAt: string; endsAt: string; peopleNeeded: number };

let t: TestApp;
let hp: { id: number };
let lc: { id: number };
let lcWard: { id: number };
let hn: { id: number };
let campaign: { id: number };
let other: { id: number };
const stations: Record<string, Station> = {};

const stationsUrl = () => `/api/v1/campaigns/${campaign.id}/stations`;
const station = (fields: Record<string, unknown> = {}) => ({ unitId: lc.id, code: 'LC-CHO', name: 'Chợ Lê Chân', kind: 'market', ...fields });
const listCodes = async (url = stationsUrl()) => ((await get(t, url)) as Station[]).map((s) => s.code);

// ─── POST /api/v1/campaigns/:id/stations ─────────────────────────────────────────────────────────

const create = suite('POST /api/v1/campaigns/:id/stations');
create.before(async () => {
  t = await createTestApp();
  hp = await created(t, '/api/v1/units', { code: 'HP', name: 'Thành đoàn Hải Phòng' });
  lc = await created(t, '/api/v1/units', { code: 'HP-LC', name: 'Đoàn phường Lê Chân', parentId: hp.id });
  lcWard = await created(t, '/api/v1/units', { code: 'HP-LC-1', name: 'Chi đoàn Khu dân cư số 1', parentId: lc.id });
  hn = await created(t, '/api/v1/units', { code: 'HN', name: 'Thành đoàn Hà Nội' });
  const window = { startsAt: '2025-10-10T00:00:00+07:00', endsAt: '2025-10-11T00:00:00+07:00' };
  campaign = await created(t, '/api/v1/campaigns', { code: 'CDS-HP', name: 'Chuyển đổi số Hải Phòng', ...window, scopeUnitId: hp.id });
  other = await created(t, '/api/v1/campaigns', { code: 'CDS-HN', name: 'Chuyển đổi số Hà Nội', ...window, scopeUnitId: hn.id });
});

create('creates stations in units inside the campaign’s scope', async () => {
  const market: Station = await created(t, stationsUrl(), station({ lat: 20.8561, lng: 106.6822, peopleNeeded: 6 }));
  assert.ok(market.id > 0);
  assert.equal({ ...market, id: 0 }, { id: 0, campaignId: campaign.id, unitId: lc.id, code: 'LC-CHO', name: 'Chợ Lê Chân', kind: 'market', lat: 20.8561, lng: 106.6822, peopleNeeded: 6 });
  stations.market = market;
  const centre: Station = await created(t, stationsUrl(), { unitId: hp.id, code: 'HP-HCC', name: 'Trung tâm Phục vụ hành chính công', kind: 'public_service_centre' });
  assert.is(centre.lat, null);
  assert.is(centre.lng, null);
  assert.is(centre.peopleNeeded, 0);
  stations.centre = centre;
  stations.homes = await created(t, stationsUrl(), { unitId: lcWard.id, code: 'LC-KDC1', name: 'Khu dân cư số 1 — đi từng ngõ, gõ từng nhà', kind: 'residential', peopleNeeded: 4 });
  stations.hanoi = await created(t, `/api/v1/campaigns/${other.id}/stations`, { unitId: hn.id, code: 'HN-PHO', name: 'Tuyến phố công nghệ số', kind: 'digital_street' });
});

create('a code already taken is a 409 on body/code', async () => {
  await expectError(t, 409, 'POST', stationsUrl(), station({ name: 'Chợ khác' }), 'body/code');
  await expectError(t, 409, 'POST', `/api/v1/campaigns/${other.id}/stations`, { unitId: hn.id, code: 'LC-CHO', name: 'Chợ', kind: 'market' }, 'body/code');
  assert.equal(await get(t, `/api/v1/stations/${stations.market!.id}`), stations.market);
});

create('a unit outside the scope, half a location or a malformed body is a 400 naming the field, and no station', async () => {
  const cases: Array<[Record<string, unknown>, string]> = [
    [{ unitId: hn.id }, 'body/unitId'],
    [{ unitId: 999_999 }, 'body/unitId'],
    [{ lat: 20.85 }, 'body/lng'],
    [{ lng: 106.68 }, 'body/lat'],
    [{ lat: 91, lng: 106.68 }, 'body/lat'],
    [{ lat: 20.85, lng: -181 }, 'body/lng'],
    [{ lat: '20.85', lng: 106.68 }, 'body/lat'],
    [{ kind: 'stadium' }, 'body/kind'],
    [{ code: 'có dấu' }, 'body/code'],
    [{ name: '' }, 'body/name'],
    [{ peopleNeeded: -1 }, 'body/peopleNeeded'],
    [{ peopleNeeded: 2.5 }, 'body/peopleNeeded'],
    [{ campaignId: other.id }, 'body/campaignId'],
  ];
  for (const [fields, field] of cases) await expect400(t, 'POST', stationsUrl(), station({ code: 'NEW-1', ...fields }), field);
  for (const missing of ['unitId', 'code', 'name', 'kind']) {
    const payload: Record<string, unknown> = station({ code: 'NEW-1' });
    delete payload[missing];
    await expect400(t, 'POST', stationsUrl(), payload, `body/${missing}`);
  }
  // A unit of the other campaign's scope is outside this one even though it exists.
  await expect400(t, 'POST', `/api/v1/campaigns/${other.id}/stations`, station({ code: 'NEW-1', unitId: lcWard.id }), 'body/unitId');
  await expect400(t, 'POST', '/api/v1/campaigns/abc/stations', station({ code: 'NEW-1' }), 'params/id');
  await expectError(t, 404, 'POST', '/api/v1/campaigns/999999/stations', station({ code: 'NEW-1' }));
  assert.equal(await listCodes(), ['HP-HCC', 'LC-CHO', 'LC-KDC1']);
  assert.equal(await listCodes(`/api/v1/campaigns/${other.id}/stations`), ['HN-PHO']);
});

create.run();

// ─── GET /api/v1/campaigns/:id/stations ──────────────────────────────────────────────────────────

const list = suite('GET /api/v1/campaigns/:id/stations');

list('lists a campaign’s stations by code; unitId filters', async () => {
  assert.equal(await get(t, stationsUrl()), [stations.centre, stations.market, stations.homes]);
  assert.equal(await get(t, `${stationsUrl()}?unitId=${lc.id}`), [stations.market]);
  assert.equal(await get(t, `${stationsUrl()}?unitId=${hn.id}`), []);
  assert.equal(await get(t, `/api/v1/campaigns/${other.id}/stations`), [stations.hanoi]);
  await expect400(t, 'GET', `${stationsUrl()}?unitId=abc`, undefined, 'query/unitId');
  await expect400(t, 'GET', `${stationsUrl()}?kind=market`, undefined, 'query/kind');
  await expect400(t, 'GET', '/api/v1/campaigns/abc/stations', undefined, 'params/id');
  await expectError(t, 404, 'GET', '/api/v1/campaigns/999999/stations');
});

list.run();

// ─── GET /api/v1/stations/:id, PATCH /api/v1/stations/:id ────────────────────────────────────────

const one = suite('GET and PATCH /api/v1/stations/:id');

one('GET returns the station; 404 unknown; 400 malformed id', async () => {
  assert.equal(await get(t, `/api/v1/stations/${stations.homes!.id}`), stations.homes);
  await expectError(t, 404, 'GET', '/api/v1/stations/999999');
  for (const bad of ['abc', '0', '1.5']) await expect400(t, 'GET', `/api/v1/stations/${bad}`, undefined, 'params/id');
});

one('PATCH renames, re-kinds, moves within the scope and sets the location', async () => {
  const url = `/api/v1/stations/${stations.centre!.id}`;
  const updated: Station = await expectOk(t, 200, 'PATCH', url, { name: 'Trung tâm hành chính công Lê Chân', unitId: lc.id, peopleNeeded: 30, lat: 20.85, lng: 106.68 });
  assert.equal(updated, { ...stations.centre!, name: 'Trung tâm hành chính công Lê Chân', unitId: lc.id, peopleNeeded: 30, lat: 20.85, lng: 106.68 });
  // With both set, one may move alone.
  const nudged: Station = await expectOk(t, 200, 'PATCH', url, { lat: 20.851 });
  assert.equal(nudged, { ...updated, lat: 20.851 });
  const rekinded: Station = await expectOk(t, 200, 'PATCH', url, { kind: 'school' });
  assert.is(rekinded.kind, 'school');
  assert.equal(await get(t, url), rekinded);
  stations.centre = rekinded;
});

one('PATCH to a unit outside the scope, or to half a location, is a 400 and changes nothing', async () => {
  const url = `/api/v1/stations/${stations.homes!.id}`;
  await expect400(t, 'PATCH', url, { name: 'Không lưu', unitId: hn.id }, 'body/unitId');
  await expect400(t, 'PATCH', url, { unitId: 999_999 }, 'body/unitId');
  // The station has no location: a lat alone would leave it with half of one.
  await expect400(t, 'PATCH', url, { name: 'Không lưu', lat: 20.85 }, 'body/lng');
  await expect400(t, 'PATCH', url, { lng: 106.68 }, 'body/lat');
  assert.equal(await get(t, url), stations.homes);
});

one('PATCH with bad input is a 400 naming the field; an unknown station is a 404', async () => {
  const url = `/api/v1/stations/${stations.market!.id}`;
  const cases: Array<[string, unknown, string]> = [
    [url, {}, 'body'],
    [url, { code: 'NEW' }, 'body/code'],
    [url, { campaignId: other.id }, 'body/campaignId'],
    [url, { kind: 'stadium' }, 'body/kind'],
    [url, { lat: 95 }, 'body/lat'],
    [url, { lat: null }, 'body/lat'],
    [url, { peopleNeeded: -2 }, 'body/peopleNeeded'],
    ['/api/v1/stations/abc', { name: 'X' }, 'params/id'],
  ];
  for (const [u, payload, field] of cases) await expect400(t, 'PATCH', u, payload, field);
  assert.equal(await get(t, url), stations.market);
  await expectError(t, 404, 'PATCH', '/api/v1/stations/999999', { name: 'Không có' });
});

one.run();

// ─── GET/POST /api/v1/stations/:id/shifts ────────────────────────────────────────────────────────

const shifts = suite('GET and POST /api/v1/stations/:id/shifts');
shifts.after(() => t.dispose());

shifts('creates shifts; peopleNeeded defaults to the station’s; GET lists them by start', async () => {
  const url = `/api/v1/stations/${stations.market!.id}/shifts`;
  const afternoon: Shift = await created(t, url, { startsAt: '2025-10-10T13:30:00+07:00', endsAt: '2025-10-10T17:00:00+07:00', peopleNeeded: 3 });
  assert.ok(afternoon.id > 0);
  assert.equal({ ...afternoon, id: 0 }, { id: 0, stationId: stations.market!.id, startsAt: '2025-10-10T06:30:00.000Z', endsAt: '2025-10-10T10:00:00.000Z', peopleNeeded: 3 });
  const morning: Shift = await created(t, url, { startsAt: '2025-10-10T07:00:00+07:00', endsAt: '2025-10-10T11:30:00+07:00' });
  assert.is(morning.peopleNeeded, 6, 'the station needs 6');
  const zero: Shift = await created(t, url, { startsAt: '2025-10-10T18:00:00+07:00', endsAt: '2025-10-10T20:00:00+07:00', peopleNeeded: 0 });
  assert.is(zero.peopleNeeded, 0);
  assert.equal(await get(t, url), [morning, afternoon, zero]);
  assert.equal(await get(t, `/api/v1/stations/${stations.homes!.id}/shifts`), []);
});

shifts('a shift ending before it starts, or a malformed body, is a 400 naming the field, and no shift', async () => {
  const url = `/api/v1/stations/${stations.homes!.id}/shifts`;
  const cases: Array<[unknown, string]> = [
    [{ startsAt: '2025-10-10T11:00:00+07:00', endsAt: '2025-10-10T07:00:00+07:00' }, 'body/endsAt'],
    [{ startsAt: '2025-10-10T07:00:00+07:00', endsAt: '2025-10-10T07:00:00+07:00' }, 'body/endsAt'],
    [{ startsAt: '2025-10-10T07:00:00+07:00', endsAt: '2025-10-09T23:30:00Z' }, 'body/endsAt'],
    [{ startsAt: 'sáng nay', endsAt: '2025-10-10T11:00:00+07:00' }, 'body/startsAt'],
    [{ startsAt: '2025-10-10T07:00:00+07:00' }, 'body/endsAt'],
    [{ endsAt: '2025-10-10T07:00:00+07:00' }, 'body/startsAt'],
    [{ startsAt: '2025-10-10T07:00:00+07:00', endsAt: '2025-10-10T11:00:00+07:00', peopleNeeded: -1 }, 'body/peopleNeeded'],
    [{ startsAt: '2025-10-10T07:00:00+07:00', endsAt: '2025-10-10T11:00:00+07:00', stationId: stations.market!.id }, 'body/stationId'],
  ];
  for (const [payload, field] of cases) await expect400(t, 'POST', url, payload, field);
  assert.equal(await get(t, url), []);
  const body = { startsAt: '2025-10-10T07:00:00+07:00', endsAt: '2025-10-10T11:00:00+07:00' };
  await expect400(t, 'POST', '/api/v1/stations/abc/shifts', body, 'params/id');
  await expect400(t, 'GET', '/api/v1/stations/abc/shifts', undefined, 'params/id');
  await expectError(t, 404, 'POST', '/api/v1/stations/999999/shifts', body);
  await expectError(t, 404, 'GET', '/api/v1/stations/999999/shifts');
});

shifts.run();
