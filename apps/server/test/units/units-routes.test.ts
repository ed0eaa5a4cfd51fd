import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
const post = (url: string, payload: unknown) => t.call({ method: 'POST', url, payload: payload as object });

const units = suite('/api/v1/units');
units.before(async () => {
  t = await createTestApp();
});
units.after(() => t.dispose());

units('POST creates units of any depth with derived paths; names may repeat, codes may not', async () => {
  const root = await post('/api/v1/units', { code: 'HP', name: 'Thành đoàn Hải Phòng', level: 'province' });
  assert.is(root.status, 201);
  assert.is(root.body.path, `/${root.body.id}/`);
  const a = await post('/api/v1/units', { code: 'HP-LC', name: 'Đoàn phường Lê Chân', parentId: root.body.id });
  const b = await post('/api/v1/units', { code: 'HP-NQ', name: 'Đoàn phường Ngô Quyền', parentId: root.body.id });
  const a1 = await post('/api/v1/units', { code: 'HP-LC-1', name: 'Chi đoàn Khu dân cư số 1', parentId: a.body.id, memberCount: 40 });
  const b1 = await post('/api/v1/units', { code: 'HP-NQ-1', name: 'Chi đoàn Khu dân cư số 1', parentId: b.body.id, memberCount: 35 });
  assert.is(a1.status, 201);
  assert.is(b1.status, 201);
  assert.is(a1.body.path, `/${root.body.id}/${a.body.id}/${a1.body.id}/`);
  assert.is(a1.body.depth, 2);
  const dup = await post('/api/v1/units', { code: 'HP-LC-1', name: 'Khác' });
  assert.is(dup.status, 409);
  assert.is(dup.body.field, 'body/code');
});

units('GET lists, searches without diacritics, and returns a subtree', async () => {
  const found = await t.call({ method: 'GET', url: '/api/v1/units?q=le%20chan' });
  assert.equal(found.body.map((u: { code: string }) => u.code).sort(), ['HP-LC'].concat(found.body.length > 1 ? ['HP-LC-1'] : []).sort());
  const root = (await t.call({ method: 'GET', url: '/api/v1/units?q=hai%20phong' })).body.find((u: { code: string }) => u.code === 'HP');
  const sub = await t.call({ method: 'GET', url: `/api/v1/units/${root.id}/subtree` });
  assert.is(sub.body.length, 5);
});

units('PATCH moves a unit with its subtree and refuses a cycle', async () => {
  const all = (await t.call({ method: 'GET', url: '/api/v1/units' })).body as Array<{ id: number; code: string; path: string }>;
  const id = (code: string) => all.find((u) => u.code === code)!.id;
  const moved = await t.call({ method: 'PATCH', url: `/api/v1/units/${id('HP-LC-1')}`, payload: { parentId: id('HP-NQ'), name: 'Chi đoàn KDC số 1 (mới)' } });
  assert.is(moved.status, 200);
  assert.is(moved.body.path, `/${id('HP')}/${id('HP-NQ')}/${id('HP-LC-1')}/`);
  assert.is(moved.body.name, 'Chi đoàn KDC số 1 (mới)');
  const cycle = await t.call({ method: 'PATCH', url: `/api/v1/units/${id('HP')}`, payload: { parentId: id('HP-NQ') } });
  assert.is(cycle.status, 400);
  assert.is(cycle.body.field, 'body/parentId');
});

units('POST /units/:id/merge places the merged unit and its subtree under the successor', async () => {
  const all = (await t.call({ method: 'GET', url: '/api/v1/units' })).body as Array<{ id: number; code: string }>;
  const id = (code: string) => all.find((u) => u.code === code)!.id;
  const merged = await post(`/api/v1/units/${id('HP-LC')}/merge`, { successorId: id('HP-NQ') });
  assert.is(merged.status, 200);
  assert.is(merged.body.successorId, id('HP-NQ'));
  assert.is(merged.body.path, `/${id('HP')}/${id('HP-NQ')}/${id('HP-LC')}/`);
  const again = await post(`/api/v1/units/${id('HP-LC')}/merge`, { successorId: id('HP-NQ') });
  assert.is(again.status, 409);
  const listed = (await t.call({ method: 'GET', url: '/api/v1/units' })).body as Array<{ code: string }>;
  assert.not.ok(listed.some((u) => u.code === 'HP-LC'), 'merged units are hidden unless asked for');
  const withMerged = (await t.call({ method: 'GET', url: '/api/v1/units?includeMerged=true' })).body as Array<{ code: string }>;
  assert.ok(withMerged.some((u) => u.code === 'HP-LC'));
});

units('bad input is a 400 naming the field, never a 500', async () => {
  const cases: Array<[string, string, unknown, string]> = [
    ['POST', '/api/v1/units', { name: 'Không mã' }, 'body/code'],
    ['POST', '/api/v1/units', { code: 'X', name: 'Y', extra: 1 }, 'body/extra'],
    ['POST', '/api/v1/units', { code: 'bad code!', name: 'Y' }, 'body/code'],
    ['POST', '/api/v1/units', { code: 'X', name: 'Y', parentId: 999999 }, 'body/parentId'],
    ['POST', '/api/v1/units', { code: 'X', name: 'Y', memberCount: -1 }, 'body/memberCount'],
    ['GET', '/api/v1/units/abc', undefined, 'params/id'],
    ['PATCH', '/api/v1/units/1', {}, 'body'],
  ];
  for (const [method, url, payload, field] of cases) {
    const res = await t.call({ method: method as 'POST', url, ...(payload === undefined ? {} : { payload: payload as object }) });
    assert.is(res.status, 400, `${method} ${url} ${JSON.stringify(payload)} → ${res.status} ${JSON.stringify(res.body)}`);
    assert.is(res.body.error, 'validation');
    assert.is(res.body.field, field, `${method} ${url}: ${JSON.stringify(res.body)}`);
  }
  const notJson = await t.call({ method: 'POST', url: '/api/v1/units', payload: '{"code":', headers: { 'content-type': 'application/json' } });
  assert.is(notJson.status, 400);
  const missing = await t.call({ method: 'GET', url: '/api/v1/units/999999' });
  assert.is(missing.status, 404);
});

units.run();
