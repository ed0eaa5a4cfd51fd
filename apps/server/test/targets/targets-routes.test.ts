import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { created, expect400, expectError, expectOk, get } from '../helpers/requests';

type Target = { id: number; campaignId: number; unitId: number; serviceCode: string; kind: string; value: number };

let t: TestApp;
let hp: { id: number };
let lc: { id: number };
let campaign: { id: number };
let vneidOnly: { id: number };
let url: string;
const targets: Record<string, Target> = {};

const put = (payload: unknown, at = url) => expectOk(t, 200, 'PUT', at, payload) as Promise<Target>;
const list = (at = url) => get(t, at) as Promise<Target[]>;

// ─── PUT /api/v1/campaigns/:id/targets ───────────────────────────────────────────────────────────

const upsert = suite('PUT /api/v1/campaigns/:id/targets');
upsert.before(async () => {
  t = await createTestApp();
  hp = await created(t, '/api/v1/units', { code: 'HP', name: 'Thành đoàn Hải Phòng', memberCount: 1081 });
  lc = await created(t, '/api/v1/units', { code: 'HP-LC', name: 'Đoàn phường Lê Chân', parentId: hp.id });
  const window = { startsAt: '2025-10-10T00:00:00+07:00', endsAt: '2025-10-11T00:00:00+07:00', scopeUnitId: hp.id };
  campaign = await created(t, '/api/v1/campaigns', { code: 'CDS', name: 'Ngày Chuyển đổi số 10/10', ...window });
  vneidOnly = await created(t, '/api/v1/campaigns', { code: 'VNEID', name: 'Chiến dịch VNeID', ...window, services: ['vneid_level2'] });
  url = `/api/v1/campaigns/${campaign.id}/targets`;
});

upsert('sets targets of every kind', async () => {
  const residents = await put({ unitId: hp.id, serviceCode: 'public_service_account', kind: 'residents', value: 5000 });
  assert.ok(residents.id > 0);
  assert.equal({ ...residents, id: 0 }, { id: 0, campaignId: campaign.id, unitId: hp.id, serviceCode: 'public_service_account', kind: 'residents', value: 5000 });
  targets.residents = residents;
  targets.shops = await put({ unitId: hp.id, serviceCode: 'cashless_payment', kind: 'shops', value: 1000 });
  targets.share = await put({ unitId: lc.id, serviceCode: 'vneid_level2', kind: 'adoption_share', value: 0.8 });
  assert.is(targets.share!.value, 0.8);
  targets.sessions = await put({ unitId: lc.id, kind: 'sessions', value: 20 });
  assert.is(targets.sessions!.serviceCode, '', 'a target not per service has the empty service code');
  targets.attendance = await put({ unitId: lc.id, serviceCode: '', kind: 'attendance', value: 1300 });
  const full = await put({ unitId: lc.id, serviceCode: 'vneid_level2', kind: 'adoption_share', value: 1 });
  assert.is(full.value, 1, 'a share of 1 (100 %) is allowed');
  assert.is(full.id, targets.share!.id);
  targets.share = full;
  assert.is((await list()).length, 5);
});

upsert('PUT twice replaces the value: one row', async () => {
  const again = await put({ unitId: hp.id, serviceCode: 'public_service_account', kind: 'residents', value: 6500 });
  assert.is(again.id, targets.residents!.id);
  assert.is(again.value, 6500);
  const rows = (await list()).filter((x) => x.unitId === hp.id && x.kind === 'residents' && x.serviceCode === 'public_service_account');
  assert.equal(rows, [again]);
  targets.residents = again;
  // Sessions: omitted and '' serviceCode are the same key.
  const sessions = await put({ unitId: lc.id, serviceCode: '', kind: 'sessions', value: 25 });
  assert.is(sessions.id, targets.sessions!.id);
  targets.sessions = sessions;
  // Same unit and kind, another service: another row.
  const other = await put({ unitId: hp.id, serviceCode: 'vneid_level2', kind: 'residents', value: 3000 });
  assert.is.not(other.id, targets.residents!.id);
  targets.residentsVneid = other;
  assert.is((await list()).length, 6);
});

upsert('a target that cannot be is a 400 naming the field, and nothing is written', async () => {
  const before = await list();
  const cases: Array<[unknown, string]> = [
    [{ unitId: hp.id, kind: 'residents', value: 10 }, 'body/serviceCode'],
    [{ unitId: hp.id, serviceCode: '', kind: 'shops', value: 10 }, 'body/serviceCode'],
    [{ unitId: hp.id, kind: 'adoption_share', value: 0.5 }, 'body/serviceCode'],
    [{ unitId: lc.id, serviceCode: 'vneid_level2', kind: 'sessions', value: 3 }, 'body/serviceCode'],
    [{ unitId: lc.id, serviceCode: 'vneid_level2', kind: 'attendance', value: 3 }, 'body/serviceCode'],
    [{ unitId: lc.id, serviceCode: 'vneid_level2', kind: 'adoption_share', value: 1.5 }, 'body/value'],
    [{ unitId: lc.id, serviceCode: 'vneid_level2', kind: 'residents', value: 2.5 }, 'body/value'],
    [{ unitId: lc.id, kind: 'sessions', value: 0.5 }, 'body/value'],
    [{ unitId: lc.id, kind: 'sessions', value: -1 }, 'body/value'],
    [{ unitId: lc.id, kind: 'sessions', value: 2_000_000_000 }, 'body/value'],
    [{ unitId: lc.id, kind: 'sessions', value: '20' }, 'body/value'],
    [{ unitId: lc.id, serviceCode: 'tiktok_shop', kind: 'residents', value: 10 }, 'body/serviceCode'],
    [{ unitId: lc.id, serviceCode: 'bad code', kind: 'residents', value: 10 }, 'body/serviceCode'],
    [{ unitId: 999_999, kind: 'sessions', value: 10 }, 'body/unitId'],
    [{ kind: 'sessions', value: 10 }, 'body/unitId'],
    [{ unitId: lc.id, kind: 'model_sites', value: 2 }, 'body/kind'],
    [{ unitId: lc.id, value: 2 }, 'body/kind'],
    [{ unitId: lc.id, kind: 'sessions' }, 'body/value'],
    [{ unitId: lc.id, kind: 'sessions', value: 2, note: 'x' }, 'body/note'],
  ];
  for (const [payload, field] of cases) await expect400(t, 'PUT', url, payload, field);
  // A service of the default catalogue that this campaign does not count.
  await expect400(t, 'PUT', `/api/v1/campaigns/${vneidOnly.id}/targets`, { unitId: hp.id, serviceCode: 'public_service_account', kind: 'residents', value: 10 }, 'body/serviceCode');
  await expect400(t, 'PUT', '/api/v1/campaigns/abc/targets', { unitId: hp.id, kind: 'sessions', value: 1 }, 'params/id');
  await expectError(t, 404, 'PUT', '/api/v1/campaigns/999999/targets', { unitId: hp.id, kind: 'sessions', value: 1 });
  assert.equal(await list(), before);
  assert.equal(await list(`/api/v1/campaigns/${vneidOnly.id}/targets`), []);
});

upsert('a custom service added to the campaign can have a target', async () => {
  await expectOk(t, 200, 'PUT', `/api/v1/campaigns/${vneidOnly.id}/services/tieng_giang_s`, { nameVi: 'Ứng dụng TiengiangS', nameEn: 'TiengiangS app' });
  const target = await put({ unitId: hp.id, serviceCode: 'tieng_giang_s', kind: 'adoption_share', value: 0.8 }, `/api/v1/campaigns/${vneidOnly.id}/targets`);
  assert.is(target.campaignId, vneidOnly.id);
  assert.is(target.serviceCode, 'tieng_giang_s');
});

upsert.run();

// ─── GET /api/v1/campaigns/:id/targets ───────────────────────────────────────────────────────────

const read = suite('GET /api/v1/campaigns/:id/targets');

read('lists a campaign’s targets by unit, kind and service; unitId filters', async () => {
  const all = await list();
  assert.equal(all, [targets.residents, targets.residentsVneid, targets.shops, targets.share, targets.attendance, targets.sessions].sort((a, b) => a!.unitId - b!.unitId || a!.kind.localeCompare(b!.kind) || a!.serviceCode.localeCompare(b!.serviceCode)));
  assert.ok(all.every((x) => x.campaignId === campaign.id));
  assert.equal((await list(`${url}?unitId=${lc.id}`)).map((x) => x.kind).sort(), ['adoption_share', 'attendance', 'sessions']);
  assert.equal(await list(`${url}?unitId=999999`), []);
  await expect400(t, 'GET', `${url}?unitId=abc`, undefined, 'query/unitId');
  await expect400(t, 'GET', `${url}?kind=sessions`, undefined, 'query/kind');
  await expect400(t, 'GET', '/api/v1/campaigns/0/targets', undefined, 'params/id');
  await expectError(t, 404, 'GET', '/api/v1/campaigns/999999/targets');
});

read.run();

// ─── DELETE /api/v1/campaigns/:id/targets/:targetId ──────────────────────────────────────────────

const remove = suite('DELETE /api/v1/campaigns/:id/targets/:targetId');
remove.after(() => t.dispose());

remove('deletes a target; a second delete is a 404', async () => {
  const res = await t.call({ method: 'DELETE', url: `${url}/${targets.shops!.id}` });
  assert.is(res.status, 204);
  assert.is(res.response.body, '');
  assert.not.ok((await list()).some((x) => x.id === targets.shops!.id));
  assert.is((await list()).length, 5);
  await expectError(t, 404, 'DELETE', `${url}/${targets.shops!.id}`);
});

remove('a target of another campaign is not found through this one, and stays', async () => {
  const foreign = (await list(`/api/v1/campaigns/${vneidOnly.id}/targets`))[0]!;
  await expectError(t, 404, 'DELETE', `${url}/${foreign.id}`);
  await expectError(t, 404, 'DELETE', `/api/v1/campaigns/999999/targets/${foreign.id}`);
  assert.equal(await list(`/api/v1/campaigns/${vneidOnly.id}/targets`), [foreign]);
});

remove('malformed ids are a 400 naming the param, and delete nothing', async () => {
  const before = await list();
  await expect400(t, 'DELETE', `${url}/abc`, undefined, 'params/targetId');
  await expect400(t, 'DELETE', `${url}/${targets.sessions!.id}.9`, undefined, 'params/targetId');
  await expect400(t, 'DELETE', `${url}/0`, undefined, 'params/targetId');
  await expect400(t, 'DELETE', `/api/v1/campaigns/abc/targets/${targets.sessions!.id}`, undefined, 'params/id');
  assert.equal(await list(), before);
});

remove.run();
