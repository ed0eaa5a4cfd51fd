import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { created, expect400, expectError, get } from '../helpers/requests';

type Assignment = { id: number; campaignId: number; personId: number; teamId: number | null; stationId: number | null; partnerId: number | null; role: string; startsAt: string; endsAt: string | null };

let t: TestApp;
let campaign: { id: number };
let other: { id: number };
let market: { id: number };
let centre: { id: number };
let foreignStation: { id: number };
let team: { id: number };
let an: { id: number };
let binh: { id: number };
let cuc: { id: number };
let first: Assignment;
let second: Assignment;

const url = () => `/api/v1/campaigns/${campaign.id}/assignments`;
const list = (query = '') => get(t, `${url()}${query}`) as Promise<Assignment[]>;

// ─── POST /api/v1/campaigns/:id/assignments ──────────────────────────────────────────────────────

const create = suite('POST /api/v1/campaigns/:id/assignments');
create.before(async () => {
  t = await createTestApp();
  const hp = await created(t, '/api/v1/units', { code: 'HP', name: 'Thành đoàn Hải Phòng' });
  const lc = await created(t, '/api/v1/units', { code: 'HP-LC', name: 'Đoàn phường Lê Chân', parentId: hp.id });
  const window = { startsAt: '2025-10-10T00:00:00+07:00', endsAt: '2025-10-11T00:00:00+07:00', scopeUnitId: hp.id };
  campaign = await created(t, '/api/v1/campaigns', { code: 'CDS', name: 'Ngày Chuyển đổi số 10/10', ...window });
  other = await created(t, '/api/v1/campaigns', { code: 'THANG-TN', name: 'Tháng Thanh niên', ...window });
  market = await created(t, `/api/v1/campaigns/${campaign.id}/stations`, { unitId: lc.id, code: 'LC-CHO', name: 'Chợ Lê Chân', kind: 'market' });
  centre = await created(t, `/api/v1/campaigns/${campaign.id}/stations`, { unitId: lc.id, code: 'LC-HCC', name: 'Trung tâm hành chính công', kind: 'public_service_centre' });
  foreignStation = await created(t, `/api/v1/campaigns/${other.id}/stations`, { unitId: lc.id, code: 'TN-PHO', name: 'Tuyến phố công nghệ số', kind: 'digital_street' });
  team = await created(t, '/api/v1/teams', { code: 'LC-ITX', name: 'Đội hình IT Xanh', kind: 'it_xanh', unitId: lc.id });
  an = await created(t, '/api/v1/people', { name: 'Nguyễn Văn An', phone: '0912345678', memberships: [{ unitId: lc.id, role: 'volunteer' }] });
  binh = await created(t, '/api/v1/people', { name: 'Trần Thị Bình', phone: '0903111222', memberships: [{ unitId: lc.id, role: 'cadre' }] });
  cuc = await created(t, '/api/v1/people', { name: 'Lê Thị Cúc', phone: '0977000111' });
});

create('places a person at a station with a partner (the 1+1 rule)', async () => {
  const before = Date.now();
  first = await created(t, url(), { personId: an.id, stationId: market.id, partnerId: binh.id });
  assert.ok(first.id > 0);
  assert.equal({ ...first, id: 0, startsAt: '' }, { id: 0, campaignId: campaign.id, personId: an.id, teamId: null, stationId: market.id, partnerId: binh.id, role: 'volunteer', startsAt: '', endsAt: null });
  assert.ok(Date.parse(first.startsAt) >= before - 1000 && Date.parse(first.startsAt) <= Date.now() + 1000);
  assert.equal(await list(), [first]);
});

create('placing the person again ends the first placement: one open, both in the history', async () => {
  second = await created(t, url(), { personId: an.id, stationId: centre.id, role: 'lead' });
  assert.is(second.stationId, centre.id);
  assert.is(second.role, 'lead');
  assert.is(second.endsAt, null);
  assert.is(second.partnerId, binh.id, 'what the new placement does not name is carried over from the open one');

  const open = await list();
  assert.equal(open, [second], 'one open assignment');
  const history = await list('?history=true');
  assert.is(history.length, 2);
  const ended = history.find((a) => a.id === first.id)!;
  assert.equal(ended, { ...first, endsAt: second.startsAt }, 'the first ends when the second starts');
  assert.equal(history.find((a) => a.id === second.id), second);
  assert.equal(await list('?history=false'), [second]);
});

create('a team-only placement; another person is placed independently', async () => {
  const placed: Assignment = await created(t, url(), { personId: cuc.id, teamId: team.id, role: 'cadre' });
  assert.equal({ ...placed, id: 0, startsAt: '' }, { id: 0, campaignId: campaign.id, personId: cuc.id, teamId: team.id, stationId: null, partnerId: null, role: 'cadre', startsAt: '', endsAt: null });
  assert.equal((await list()).map((a) => a.personId), [an.id, cuc.id]);
  // The same person may be placed in another campaign at the same time.
  const elsewhere: Assignment = await created(t, `/api/v1/campaigns/${other.id}/assignments`, { personId: an.id, stationId: foreignStation.id });
  assert.is(elsewhere.campaignId, other.id);
  assert.equal((await list()).find((a) => a.personId === an.id), second, 'the placement in this campaign is untouched');
});

create('a placement that cannot be is a 400 naming the field, and nothing changes', async () => {
  const history = await list('?history=true');
  const cases: Array<[unknown, string]> = [
    [{ personId: binh.id }, 'body/stationId'],
    [{ personId: binh.id, stationId: foreignStation.id }, 'body/stationId'],
    [{ personId: binh.id, stationId: 999_999 }, 'body/stationId'],
    [{ personId: binh.id, stationId: market.id, partnerId: binh.id }, 'body/partnerId'],
    [{ personId: binh.id, stationId: market.id, partnerId: 999_999 }, 'body/partnerId'],
    [{ personId: 999_999, stationId: market.id }, 'body/personId'],
    [{ personId: binh.id, teamId: 999_999 }, 'body/teamId'],
    [{ stationId: market.id }, 'body/personId'],
    [{ personId: binh.id, stationId: market.id, role: 'boss' }, 'body/role'],
    [{ personId: binh.id, stationId: '1' }, 'body/stationId'],
    [{ personId: binh.id, stationId: market.id, endsAt: null }, 'body/endsAt'],
    [{ personId: binh.id, stationId: null }, 'body/stationId'],
  ];
  for (const [payload, field] of cases) await expect400(t, 'POST', url(), payload, field);
  // Re-placing a placed person with a bad station does not end their open placement either.
  await expect400(t, 'POST', url(), { personId: an.id, stationId: foreignStation.id }, 'body/stationId');
  await expect400(t, 'POST', '/api/v1/campaigns/abc/assignments', { personId: binh.id, stationId: market.id }, 'params/id');
  await expectError(t, 404, 'POST', '/api/v1/campaigns/999999/assignments', { personId: binh.id, stationId: market.id });
  assert.equal(await list('?history=true'), history);
});

create.run();

// ─── GET /api/v1/campaigns/:id/assignments ───────────────────────────────────────────────────────

const read = suite('GET /api/v1/campaigns/:id/assignments');
read.after(() => t.dispose());

read('filters by person, station and team; history includes ended placements', async () => {
  assert.equal(await list(`?personId=${an.id}`), [second]);
  assert.equal((await list(`?personId=${an.id}&history=true`)).map((a) => a.id), [first.id, second.id]);
  assert.equal(await list(`?stationId=${market.id}`), [], 'nobody is at the market now');
  assert.equal((await list(`?stationId=${market.id}&history=true`)).map((a) => a.id), [first.id]);
  assert.equal((await list(`?stationId=${centre.id}`)).map((a) => a.id), [second.id]);
  assert.equal((await list(`?teamId=${team.id}`)).map((a) => a.personId), [cuc.id]);
  assert.equal(await list(`?personId=${binh.id}`), []);
  const others: Assignment[] = await get(t, `/api/v1/campaigns/${other.id}/assignments`);
  assert.equal(others.map((a) => [a.personId, a.stationId]), [[an.id, foreignStation.id]]);
});

read('bad query or id is a 400 naming the field; an unknown campaign is a 404', async () => {
  await expect400(t, 'GET', `${url()}?history=yes`, undefined, 'query/history');
  await expect400(t, 'GET', `${url()}?personId=abc`, undefined, 'query/personId');
  await expect400(t, 'GET', `${url()}?stationId=0`, undefined, 'query/stationId');
  await expect400(t, 'GET', `${url()}?teamId=1.5`, undefined, 'query/teamId');
  await expect400(t, 'GET', `${url()}?open=true`, undefined, 'query/open');
  await expect400(t, 'GET', '/api/v1/campaigns/abc/assignments', undefined, 'params/id');
  await expectError(t, 404, 'GET', '/api/v1/campaigns/999999/assignments');
});

read.run();
