import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { created, expect400, expectError, expectOk, get } from '../helpers/requests';

type Campaign = { id: number; code: string; name: string; startsAt: string; endsAt: string; timezone: string; scopeUnitId: number; seq: number };
type Service = { code: string; nameVi: string; nameEn: string; sortOrder: number; isActive: boolean };

let t: TestApp;
let hp: { id: number };
let lc: { id: number };
const campaigns: Record<string, Campaign> = {};

const input = (code: string, fields: Record<string, unknown> = {}) => ({
  code,
  name: 'Ngày Chuyển đổi số quốc gia 10/10',
  startsAt: '2025-10-10T00:00:00+07:00',
  endsAt: '2025-10-11T00:00:00+07:00',
  scopeUnitId: hp.id,
  ...fields,
});
const listCodes = async () => ((await get(t, '/api/v1/campaigns')) as Campaign[]).map((c) => c.code);

// ─── POST /api/v1/campaigns ──────────────────────────────────────────────────────────────────────

const create = suite('POST /api/v1/campaigns');
create.before(async () => {
  t = await createTestApp();
  hp = await created(t, '/api/v1/units', { code: 'HP', name: 'Thành đoàn Hải Phòng' });
  lc = await created(t, '/api/v1/units', { code: 'HP-LC', name: 'Đoàn phường Lê Chân', parentId: hp.id });
});

create('creates a campaign; the timezone defaults to Asia/Ho_Chi_Minh', async () => {
  const c: Campaign = await created(t, '/api/v1/campaigns', input('CDS-1010'));
  assert.ok(c.id > 0);
  assert.equal({ ...c, id: 0 }, {
    id: 0,
    code: 'CDS-1010',
    name: 'Ngày Chuyển đổi số quốc gia 10/10',
    startsAt: '2025-10-09T17:00:00.000Z',
    endsAt: '2025-10-10T17:00:00.000Z',
    timezone: 'Asia/Ho_Chi_Minh',
    scopeUnitId: hp.id,
    seq: 0,
  });
  campaigns.cds = c;
  const march: Campaign = await created(t, '/api/v1/campaigns', input('THANG-TN', { name: 'Tháng Thanh niên 2025', startsAt: '2025-03-01T00:00:00+07:00', endsAt: '2025-04-01T00:00:00+07:00', timezone: 'Asia/Bangkok', scopeUnitId: lc.id }));
  assert.is(march.timezone, 'Asia/Bangkok');
  assert.is(march.scopeUnitId, lc.id);
  campaigns.march = march;
});

create('a code already taken is a 409 on body/code', async () => {
  await expectError(t, 409, 'POST', '/api/v1/campaigns', input('CDS-1010', { name: 'Khác' }), 'body/code');
  assert.equal(await get(t, `/api/v1/campaigns/${campaigns.cds!.id}`), campaigns.cds);
});

create('a window, timezone, scope or catalogue that cannot be is a 400 naming the field, and nothing is written', async () => {
  const cases: Array<[Record<string, unknown>, string]> = [
    [{ endsAt: '2025-10-09T00:00:00+07:00' }, 'body/endsAt'],
    [{ endsAt: '2025-10-10T00:00:00+07:00' }, 'body/endsAt'],
    [{ timezone: 'Asia/Hanoi' }, 'body/timezone'],
    [{ timezone: 'Mars/Olympus_Mons' }, 'body/timezone'],
    [{ timezone: '+07:00' }, 'body/timezone'],
    [{ timezone: '' }, 'body/timezone'],
    [{ scopeUnitId: 999_999 }, 'body/scopeUnitId'],
    [{ scopeUnitId: 0 }, 'body/scopeUnitId'],
    [{ services: ['vneid_level2', 'tiktok_shop'] }, 'body/services'],
    [{ services: ['vneid_level2', 'vneid_level2'] }, 'body/services'],
    [{ services: ['not a code'] }, 'body/services/0'],
    [{ services: 'vneid_level2' }, 'body/services'],
    [{ startsAt: 'mùng 10 tháng 10' }, 'body/startsAt'],
    [{ startsAt: '2025-10-10T00:00:00' }, 'body/startsAt'],
    [{ endsAt: 1760000000000 }, 'body/endsAt'],
    [{ code: 'có dấu' }, 'body/code'],
    [{ name: '' }, 'body/name'],
    [{ seq: 5 }, 'body/seq'],
  ];
  for (const [fields, field] of cases) await expect400(t, 'POST', '/api/v1/campaigns', input('BAD-1', fields), field);
  for (const missing of ['code', 'name', 'startsAt', 'endsAt', 'scopeUnitId']) {
    const payload: Record<string, unknown> = input('BAD-2');
    delete payload[missing];
    await expect400(t, 'POST', '/api/v1/campaigns', payload, `body/${missing}`);
  }
  assert.equal(await listCodes(), ['THANG-TN', 'CDS-1010']);
  // The code is still free: no failed attempt left a row behind.
  const ok: Campaign = await created(t, '/api/v1/campaigns', input('BAD-1'));
  assert.is(ok.code, 'BAD-1');
  campaigns.bad1 = ok;
});

create('an empty services list is a campaign with no services yet (not a 500)', async () => {
  const empty: Campaign = await created(t, '/api/v1/campaigns', input('EMPTY', { services: [] }));
  assert.equal(await get(t, `/api/v1/campaigns/${empty.id}/services`), []);
  campaigns.empty = empty;
});

create.run();

// ─── GET /api/v1/campaigns, GET /api/v1/campaigns/:id ────────────────────────────────────────────

const read = suite('GET /api/v1/campaigns and /api/v1/campaigns/:id');

read('lists campaigns by start; one by id; 404 unknown; 400 malformed id', async () => {
  const all: Campaign[] = await get(t, '/api/v1/campaigns');
  assert.equal(all.map((c) => c.code), ['THANG-TN', 'CDS-1010', 'BAD-1', 'EMPTY']);
  assert.equal(all[1], campaigns.cds);
  assert.equal(await get(t, `/api/v1/campaigns/${campaigns.march!.id}`), campaigns.march);
  await expectError(t, 404, 'GET', '/api/v1/campaigns/999999');
  for (const bad of ['abc', '0', '1.5']) await expect400(t, 'GET', `/api/v1/campaigns/${bad}`, undefined, 'params/id');
});

read.run();

// ─── PATCH /api/v1/campaigns/:id ─────────────────────────────────────────────────────────────────

const patch = suite('PATCH /api/v1/campaigns/:id');

patch('renames, moves the window and changes the timezone', async () => {
  const url = `/api/v1/campaigns/${campaigns.bad1!.id}`;
  const renamed: Campaign = await expectOk(t, 200, 'PATCH', url, { name: 'Lễ ra quân Chuyển đổi số' });
  assert.equal(renamed, { ...campaigns.bad1!, name: 'Lễ ra quân Chuyển đổi số' });
  const moved: Campaign = await expectOk(t, 200, 'PATCH', url, { startsAt: '2025-11-01T00:00:00Z', endsAt: '2025-11-30T00:00:00Z', timezone: 'UTC' });
  assert.equal(moved, { ...renamed, startsAt: '2025-11-01T00:00:00.000Z', endsAt: '2025-11-30T00:00:00.000Z', timezone: 'UTC' });
  const later: Campaign = await expectOk(t, 200, 'PATCH', url, { endsAt: '2025-12-31T00:00:00Z' });
  assert.is(later.startsAt, '2025-11-01T00:00:00.000Z', 'the other end of the window is kept');
  assert.is(later.endsAt, '2025-12-31T00:00:00.000Z');
  assert.equal(await get(t, url), later);
  campaigns.bad1 = later;
});

patch('a window that ends before it starts, or a bad timezone, is a 400 and changes nothing', async () => {
  const url = `/api/v1/campaigns/${campaigns.bad1!.id}`;
  await expect400(t, 'PATCH', url, { name: 'Không lưu', endsAt: '2025-10-01T00:00:00Z' }, 'body/endsAt');
  await expect400(t, 'PATCH', url, { startsAt: '2026-01-01T00:00:00Z' }, 'body/endsAt');
  await expect400(t, 'PATCH', url, { startsAt: '2025-12-01T00:00:00Z', endsAt: '2025-11-01T00:00:00Z' }, 'body/endsAt');
  await expect400(t, 'PATCH', url, { name: 'Không lưu', timezone: 'Asia/Hanoi' }, 'body/timezone');
  assert.equal(await get(t, url), campaigns.bad1);
});

patch('bad input is a 400 naming the field; an unknown campaign is a 404', async () => {
  const url = `/api/v1/campaigns/${campaigns.bad1!.id}`;
  const cases: Array<[string, unknown, string]> = [
    [url, {}, 'body'],
    [url, { code: 'NEW' }, 'body/code'],
    [url, { scopeUnitId: lc.id }, 'body/scopeUnitId'],
    [url, { name: '' }, 'body/name'],
    [url, { startsAt: 'tomorrow' }, 'body/startsAt'],
    ['/api/v1/campaigns/abc', { name: 'X' }, 'params/id'],
  ];
  for (const [u, payload, field] of cases) await expect400(t, 'PATCH', u, payload, field);
  assert.equal(await get(t, url), campaigns.bad1);
  await expectError(t, 404, 'PATCH', '/api/v1/campaigns/999999', { name: 'Không có' });
});

patch.run();

// ─── GET /api/v1/campaigns/:id/services ──────────────────────────────────────────────────────────

const services = suite('GET /api/v1/campaigns/:id/services');

services('a new campaign counts the 10 services of the default catalogue, named in Vietnamese', async () => {
  const list: Service[] = await get(t, `/api/v1/campaigns/${campaigns.cds!.id}/services`);
  assert.is(list.length, 10);
  assert.equal(list.map((s) => s.sortOrder), [10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
  assert.ok(list.every((s) => s.isActive));
  assert.equal(list[0], { code: 'vneid_level2', nameVi: 'Kích hoạt định danh điện tử VNeID mức 2', nameEn: 'VNeID level-2 electronic ID activation', sortOrder: 10, isActive: true });
  const byCode = new Map(list.map((s) => [s.code, s]));
  assert.is(byCode.get('public_service_account')?.nameVi, 'Tài khoản Cổng Dịch vụ công quốc gia');
  assert.is(byCode.get('ehealth_book')?.nameVi, 'Sổ sức khỏe điện tử');
  assert.is(byCode.get('chip_id_card')?.nameVi, 'Đăng ký cấp căn cước gắn chip');
  assert.is(new Set(list.map((s) => s.code)).size, 10);
  // Vietnamese names carry diacritics; English names do not.
  assert.ok(list.every((s) => /[À-ỹ]/.test(s.nameVi) && s.nameEn !== s.nameVi));
});

services('services: [code] seeds only that service', async () => {
  const one: Campaign = await created(t, '/api/v1/campaigns', input('VNEID-ONLY', { services: ['vneid_level2'] }));
  assert.equal(await get(t, `/api/v1/campaigns/${one.id}/services`), [
    { code: 'vneid_level2', nameVi: 'Kích hoạt định danh điện tử VNeID mức 2', nameEn: 'VNeID level-2 electronic ID activation', sortOrder: 10, isActive: true },
  ]);
  const two: Campaign = await created(t, '/api/v1/campaigns', input('TWO-SVC', { services: ['vssid', 'cashless_payment'] }));
  assert.equal(((await get(t, `/api/v1/campaigns/${two.id}/services`)) as Service[]).map((s) => s.code), ['cashless_payment', 'vssid'], 'in catalogue order');
  campaigns.one = one;
});

services('404 for an unknown campaign, 400 for a malformed id', async () => {
  await expectError(t, 404, 'GET', '/api/v1/campaigns/999999/services');
  await expect400(t, 'GET', '/api/v1/campaigns/x/services', undefined, 'params/id');
});

services.run();

// ─── PUT /api/v1/campaigns/:id/services/:code ────────────────────────────────────────────────────

const upsert = suite('PUT /api/v1/campaigns/:id/services/:code');
upsert.after(() => t.dispose());

upsert('adds a custom service to one campaign only', async () => {
  const url = `/api/v1/campaigns/${campaigns.cds!.id}/services/hai_phong_smart`;
  const added: Service = await expectOk(t, 200, 'PUT', url, { nameVi: 'Ứng dụng Hải Phòng Smart', nameEn: 'Hai Phong Smart app' });
  assert.equal(added, { code: 'hai_phong_smart', nameVi: 'Ứng dụng Hải Phòng Smart', nameEn: 'Hai Phong Smart app', sortOrder: 1000, isActive: true });
  const list: Service[] = await get(t, `/api/v1/campaigns/${campaigns.cds!.id}/services`);
  assert.is(list.length, 11);
  assert.equal(list[10], added, 'sorted last by its default sort order');
  assert.is(((await get(t, `/api/v1/campaigns/${campaigns.march!.id}/services`)) as Service[]).length, 10, 'other campaigns keep their catalogue');

  const slotted: Service = await expectOk(t, 200, 'PUT', `/api/v1/campaigns/${campaigns.one!.id}/services/tieng_giang_s`, { nameVi: 'Ứng dụng TiengiangS', nameEn: 'TiengiangS app', sortOrder: 5 });
  assert.is(slotted.sortOrder, 5);
  assert.equal(((await get(t, `/api/v1/campaigns/${campaigns.one!.id}/services`)) as Service[]).map((s) => s.code), ['tieng_giang_s', 'vneid_level2']);
});

upsert('PUT again edits the service in place; isActive false retires it', async () => {
  const url = `/api/v1/campaigns/${campaigns.cds!.id}/services/safe_social_media`;
  const retired: Service = await expectOk(t, 200, 'PUT', url, { nameVi: 'Hướng dẫn sử dụng mạng xã hội an toàn', nameEn: 'Safe social-media guidance', sortOrder: 90, isActive: false });
  assert.is(retired.isActive, false);
  const list: Service[] = await get(t, `/api/v1/campaigns/${campaigns.cds!.id}/services`);
  assert.is(list.length, 11, 'a retired service stays in the catalogue (history counts against it)');
  assert.is(list.filter((s) => s.code === 'safe_social_media').length, 1);
  assert.is(list.find((s) => s.code === 'safe_social_media')!.isActive, false);
  assert.is(list.filter((s) => s.isActive).length, 10);

  const renamed: Service = await expectOk(t, 200, 'PUT', `/api/v1/campaigns/${campaigns.cds!.id}/services/hai_phong_smart`, { nameVi: 'Hải Phòng Smart', nameEn: 'Hai Phong Smart', sortOrder: 15 });
  assert.equal(renamed, { code: 'hai_phong_smart', nameVi: 'Hải Phòng Smart', nameEn: 'Hai Phong Smart', sortOrder: 15, isActive: true });
  const again: Service[] = await get(t, `/api/v1/campaigns/${campaigns.cds!.id}/services`);
  assert.is(again.length, 11);
  assert.equal(again.map((s) => s.code).slice(0, 2), ['vneid_level2', 'hai_phong_smart']);
  // Reactivating: isActive defaults to true.
  assert.is(((await expectOk(t, 200, 'PUT', url, { nameVi: 'Mạng xã hội an toàn', nameEn: 'Safe social media' })) as Service).isActive, true);
});

upsert('bad input is a 400 naming the field; an unknown campaign is a 404 and adds nothing', async () => {
  const base = `/api/v1/campaigns/${campaigns.cds!.id}/services`;
  const body = { nameVi: 'Dịch vụ', nameEn: 'Service' };
  const cases: Array<[string, unknown, string]> = [
    [`${base}/bad%20code`, body, 'params/code'],
    [`${base}/_x`, body, 'params/code'],
    [`/api/v1/campaigns/abc/services/x1`, body, 'params/id'],
    [`${base}/x1`, { nameEn: 'Service' }, 'body/nameVi'],
    [`${base}/x1`, { nameVi: 'Dịch vụ' }, 'body/nameEn'],
    [`${base}/x1`, { ...body, nameVi: '' }, 'body/nameVi'],
    [`${base}/x1`, { ...body, sortOrder: -1 }, 'body/sortOrder'],
    [`${base}/x1`, { ...body, sortOrder: 1.5 }, 'body/sortOrder'],
    [`${base}/x1`, { ...body, isActive: 'no' }, 'body/isActive'],
    [`${base}/x1`, { ...body, code: 'x2' }, 'body/code'],
  ];
  for (const [url, payload, field] of cases) await expect400(t, 'PUT', url, payload, field);
  await expectError(t, 404, 'PUT', '/api/v1/campaigns/999999/services/x1', body);
  const list: Service[] = await get(t, base);
  assert.not.ok(list.some((s) => s.code === 'x1'));
  assert.is(list.length, 11);
});

upsert.run();
