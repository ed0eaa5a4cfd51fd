import { sql } from 'drizzle-orm';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { created, expect400, expectError, expectOk, get } from '../helpers/requests';

type Target = { id: number; campaignId: number; unitId: number; serviceCode: string; kind: string; value: number };

/**
 * A district's target split among its wards: by their members (each ward's whole subtree, merged
 * units left out) or equally, in whole parts adding up to it; a share copied; all or nothing.
 */
let t: TestApp;
let hp: { id: number };
let lc: { id: number };
let nq: { id: number };
let ka: { id: number };
let campaign: { id: number };
let url: string;

const put = (payload: object) => expectOk(t, 200, 'PUT', url, payload) as Promise<Target>;
const split = (payload: object) => expectOk(t, 200, 'POST', `${url}/split`, payload) as Promise<Target[]>;
const list = () => get(t, url) as Promise<Target[]>;
const byUnit = (rows: Target[]) => Object.fromEntries(rows.map((r) => [r.unitId, r.value]));
const childValues = async (kind: string, serviceCode: string) =>
  byUnit((await list()).filter((x) => x.kind === kind && x.serviceCode === serviceCode && x.unitId !== hp.id));

const test = suite('POST /api/v1/campaigns/:id/targets/split');
test.before(async () => {
  t = await createTestApp();
  hp = await created(t, '/api/v1/units', { code: 'HP', name: 'Thành đoàn Hải Phòng', memberCount: 12 });
  lc = await created(t, '/api/v1/units', { code: 'HP-LC', name: 'Đoàn phường Lê Chân', parentId: hp.id, memberCount: 100 });
  await created(t, '/api/v1/units', { code: 'HP-LC-1', name: 'Chi đoàn khu phố 1', parentId: lc.id, memberCount: 50 });
  nq = await created(t, '/api/v1/units', { code: 'HP-NQ', name: 'Đoàn phường Ngô Quyền', parentId: hp.id, memberCount: 50 });
  ka = await created(t, '/api/v1/units', { code: 'HP-KA', name: 'Đoàn phường Kiến An', parentId: hp.id, memberCount: 0 });
  // Merged into Ngô Quyền: no longer a child of its own, and its members are not counted again.
  const old = await created(t, '/api/v1/units', { code: 'HP-CU', name: 'Đoàn phường cũ', parentId: hp.id, memberCount: 400 });
  await expectOk(t, 200, 'POST', `/api/v1/units/${old.id}/merge`, { successorId: nq.id });
  campaign = await created(t, '/api/v1/campaigns', { code: 'CDS', name: 'Ngày Chuyển đổi số 10/10', startsAt: '2025-10-10T00:00:00+07:00', endsAt: '2025-10-11T00:00:00+07:00', scopeUnitId: hp.id });
  url = `/api/v1/campaigns/${campaign.id}/targets`;
});
test.after(() => t.dispose());

test('by members: each child by its subtree’s headcount, whole parts adding up to the parent’s target', async () => {
  await put({ unitId: hp.id, serviceCode: 'vneid_level2', kind: 'residents', value: 1001 });
  const changed = new Promise<number>((resolve) => t.app.services.targets.events.once('changed', resolve));
  const children = await split({ unitId: hp.id, serviceCode: 'vneid_level2', kind: 'residents', by: 'members' });
  assert.is(await changed, campaign.id, 'live boards hear of it as of any target change');
  // Lê Chân 100 + its branch 50 = 150, Ngô Quyền 50, Kiến An 0: 1001 × 150/200 = 750.75, 250.25, 0.
  assert.equal(byUnit(children), { [lc.id]: 751, [nq.id]: 250, [ka.id]: 0 });
  assert.ok(children.every((c) => c.campaignId === campaign.id && c.kind === 'residents' && c.serviceCode === 'vneid_level2' && c.id > 0));
  assert.equal(await childValues('residents', 'vneid_level2'), byUnit(children));
  assert.is((await list()).find((x) => x.unitId === hp.id && x.kind === 'residents')!.value, 1001, "the parent's own target stays");
});

test('equally, and again: the children’s targets are replaced, not added', async () => {
  const before = (await list()).filter((x) => x.kind === 'residents');
  const children = await split({ unitId: hp.id, serviceCode: 'vneid_level2', kind: 'residents', by: 'equal' });
  // 1001 / 3 = 333.67: the leftovers go to the earlier children (oldest first).
  assert.equal(byUnit(children), { [lc.id]: 334, [nq.id]: 334, [ka.id]: 333 });
  const after = (await list()).filter((x) => x.kind === 'residents');
  assert.is(after.length, before.length, 'one row per child, as before');
  assert.equal(after.map((x) => x.id).sort(), before.map((x) => x.id).sort());
});

test('an adoption share is the same share for every child; sessions split with no service', async () => {
  await put({ unitId: hp.id, serviceCode: 'vneid_level2', kind: 'adoption_share', value: 0.8 });
  assert.equal(byUnit(await split({ unitId: hp.id, serviceCode: 'vneid_level2', kind: 'adoption_share', by: 'members' })), { [lc.id]: 0.8, [nq.id]: 0.8, [ka.id]: 0.8 });
  await put({ unitId: hp.id, kind: 'sessions', value: 20 });
  assert.equal(byUnit(await split({ unitId: hp.id, kind: 'sessions', by: 'members' })), { [lc.id]: 15, [nq.id]: 5, [ka.id]: 0 });
  assert.equal(byUnit(await split({ unitId: hp.id, serviceCode: '', kind: 'sessions', by: 'equal' })), { [lc.id]: 7, [nq.id]: 7, [ka.id]: 6 });
});

test('a split that cannot be is a 400 naming the field, and nothing is written', async () => {
  await put({ unitId: ka.id, serviceCode: 'vssid', kind: 'residents', value: 10 });
  const before = await list();
  const at = `${url}/split`;
  const cases: Array<[unknown, string]> = [
    // No such target on the parent (another service, another kind).
    [{ unitId: hp.id, serviceCode: 'vssid', kind: 'residents', by: 'members' }, 'body/kind'],
    [{ unitId: hp.id, serviceCode: 'cashless_payment', kind: 'shops', by: 'members' }, 'body/kind'],
    // A unit with no children; one that does not exist; one outside the campaign's scope.
    [{ unitId: ka.id, serviceCode: 'vssid', kind: 'residents', by: 'members' }, 'body/unitId'],
    [{ unitId: 999_999, serviceCode: 'vneid_level2', kind: 'residents', by: 'members' }, 'body/unitId'],
    [{ serviceCode: 'vneid_level2', kind: 'residents', by: 'members' }, 'body/unitId'],
    // Kind and service that do not go together, or a service the campaign does not count.
    [{ unitId: hp.id, kind: 'residents', by: 'members' }, 'body/serviceCode'],
    [{ unitId: hp.id, serviceCode: 'vneid_level2', kind: 'sessions', by: 'members' }, 'body/serviceCode'],
    [{ unitId: hp.id, serviceCode: 'tiktok_shop', kind: 'residents', by: 'members' }, 'body/serviceCode'],
    [{ unitId: hp.id, serviceCode: 'bad code', kind: 'residents', by: 'members' }, 'body/serviceCode'],
    [{ unitId: hp.id, serviceCode: 'vneid_level2', kind: 'model_sites', by: 'members' }, 'body/kind'],
    [{ unitId: hp.id, serviceCode: 'vneid_level2', kind: 'residents', by: 'population' }, 'body/by'],
    [{ unitId: hp.id, serviceCode: 'vneid_level2', kind: 'residents' }, 'body/by'],
    [{ unitId: hp.id, serviceCode: 'vneid_level2', kind: 'residents', by: 'members', value: 5 }, 'body/value'],
  ];
  for (const [payload, field] of cases) await expect400(t, 'POST', at, payload, field);
  const other = await created(t, '/api/v1/units', { code: 'DN', name: 'Thành đoàn Đà Nẵng' });
  await expect400(t, 'POST', at, { unitId: other.id, kind: 'sessions', by: 'members' }, 'body/unitId');
  await expect400(t, 'POST', '/api/v1/campaigns/abc/targets/split', { unitId: hp.id, kind: 'sessions', by: 'members' }, 'params/id');
  await expectError(t, 404, 'POST', '/api/v1/campaigns/999999/targets/split', { unitId: hp.id, kind: 'sessions', by: 'members' });
  assert.equal(await list(), before);
});

test('all or nothing: a child that cannot be written leaves every child as it was', async () => {
  await put({ unitId: hp.id, serviceCode: 'vneid_level2', kind: 'residents', value: 500 });
  const before = await list();
  // The database refuses the second child's row: the first child's, already written in the transaction, must go too.
  const db = t.app.database.db;
  await db.execute(sql.raw(`create function refuse_target() returns trigger language plpgsql as $$ begin raise exception using errcode = 'check_violation', message = 'refused by the test'; end $$`));
  await db.execute(sql.raw(`create trigger refuse_target before insert or update on targets for each row when (new.unit_id = ${nq.id}) execute function refuse_target()`));
  try {
    const res = await t.call({ method: 'POST', url: `${url}/split`, payload: { unitId: hp.id, serviceCode: 'vneid_level2', kind: 'residents', by: 'members' } });
    assert.ok(res.status >= 400, `${res.status} ${JSON.stringify(res.body)}`);
  } finally {
    await db.execute(sql.raw('drop trigger refuse_target on targets'));
    await db.execute(sql.raw('drop function refuse_target()'));
  }
  assert.equal(await list(), before);
  assert.is((await childValues('residents', 'vneid_level2'))[lc.id], 334, "the first child's earlier value");
});

test('an organizer of a child unit may not split its parent’s target; an organizer of the parent may', async () => {
  const ofChild = await t.signInAs('organizer', lc.id);
  const before = await list();
  const payload = { unitId: hp.id, serviceCode: 'vneid_level2', kind: 'residents', by: 'equal' };
  assert.is((await t.call({ method: 'POST', url: `${url}/split`, payload, as: ofChild })).status, 403);
  const coordinator = await t.signInAs('coordinator', hp.id);
  assert.is((await t.call({ method: 'POST', url: `${url}/split`, payload, as: coordinator })).status, 403);
  assert.equal(await list(), before);
  const ofParent = await t.signInAs('organizer', hp.id);
  const res = await t.call({ method: 'POST', url: `${url}/split`, payload, as: ofParent });
  assert.is(res.status, 200);
  assert.equal(byUnit(res.body), { [lc.id]: 167, [nq.id]: 167, [ka.id]: 166 });
});

test.run();
