import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { created, expect400, expectError, expectOk, get } from '../helpers/requests';

type Team = { id: number; code: string; name: string; kind: string; unitId: number };

let t: TestApp;
let lc: { id: number };
let nq: { id: number };
const teams: Record<string, Team> = {};
const codes = (list: Team[]) => list.map((x) => x.code);

// ─── POST /api/v1/teams ──────────────────────────────────────────────────────────────────────────

const create = suite('POST /api/v1/teams');
create.before(async () => {
  t = await createTestApp();
  const hp = await created(t, '/api/v1/units', { code: 'HP', name: 'Thành đoàn Hải Phòng' });
  lc = await created(t, '/api/v1/units', { code: 'HP-LC', name: 'Đoàn phường Lê Chân', parentId: hp.id });
  nq = await created(t, '/api/v1/units', { code: 'HP-NQ', name: 'Đoàn phường Ngô Quyền', parentId: hp.id });
});

create('creates teams under a unit; the kind defaults to community_digital', async () => {
  const cd: Team = await created(t, '/api/v1/teams', { code: 'LC-CNS', name: 'Tổ công nghệ số cộng đồng Lê Chân', unitId: lc.id });
  assert.equal({ ...cd, id: 0 }, { id: 0, code: 'LC-CNS', name: 'Tổ công nghệ số cộng đồng Lê Chân', kind: 'community_digital', unitId: lc.id });
  assert.ok(cd.id > 0);
  teams.cd = cd;
  teams.itx = await created(t, '/api/v1/teams', { code: 'LC-ITX', name: 'Đội hình IT Xanh', kind: 'it_xanh', unitId: lc.id });
  assert.is(teams.itx!.kind, 'it_xanh');
  teams.xk = await created(t, '/api/v1/teams', { code: 'NQ-XK', name: 'Đội thanh niên xung kích', kind: 'xung_kich', unitId: nq.id });
  assert.is(teams.xk!.unitId, nq.id);
});

create('a code already taken is a 409 on body/code', async () => {
  await expectError(t, 409, 'POST', '/api/v1/teams', { code: 'LC-CNS', name: 'Tổ khác', unitId: nq.id }, 'body/code');
  const all: Team[] = await get(t, '/api/v1/teams');
  assert.is(all.filter((x) => x.code === 'LC-CNS').length, 1);
  assert.is(all.find((x) => x.code === 'LC-CNS')!.name, 'Tổ công nghệ số cộng đồng Lê Chân');
});

create('an unknown unitId is a 400 on body/unitId, and no team', async () => {
  await expect400(t, 'POST', '/api/v1/teams', { code: 'NO-UNIT', name: 'Tổ mồ côi', unitId: 999_999 }, 'body/unitId');
  assert.not.ok(codes(await get(t, '/api/v1/teams')).includes('NO-UNIT'));
});

create('malformed bodies are a 400 naming the field', async () => {
  const cases: Array<[unknown, string]> = [
    [{ name: 'Tổ', unitId: lc.id }, 'body/code'],
    [{ code: 'bad code', name: 'Tổ', unitId: lc.id }, 'body/code'],
    [{ code: '-X', name: 'Tổ', unitId: lc.id }, 'body/code'],
    [{ code: 'T-X', unitId: lc.id }, 'body/name'],
    [{ code: 'T-X', name: '', unitId: lc.id }, 'body/name'],
    [{ code: 'T-X', name: 'Tổ' }, 'body/unitId'],
    [{ code: 'T-X', name: 'Tổ', unitId: '1' }, 'body/unitId'],
    [{ code: 'T-X', name: 'Tổ', unitId: 0 }, 'body/unitId'],
    [{ code: 'T-X', name: 'Tổ', unitId: lc.id, kind: 'army' }, 'body/kind'],
    [{ code: 'T-X', name: 'Tổ', unitId: lc.id, members: [] }, 'body/members'],
  ];
  for (const [payload, field] of cases) await expect400(t, 'POST', '/api/v1/teams', payload, field);
  assert.equal(codes(await get(t, '/api/v1/teams')), ['LC-CNS', 'LC-ITX', 'NQ-XK']);
});

create.run();

// ─── GET /api/v1/teams, GET /api/v1/teams/:id ────────────────────────────────────────────────────

const read = suite('GET /api/v1/teams and /api/v1/teams/:id');

read('lists teams by code, filtered by unitId', async () => {
  assert.equal(await get(t, '/api/v1/teams'), [teams.cd, teams.itx, teams.xk]);
  assert.equal(await get(t, `/api/v1/teams?unitId=${lc.id}`), [teams.cd, teams.itx]);
  assert.equal(await get(t, `/api/v1/teams?unitId=${nq.id}`), [teams.xk]);
  assert.equal(await get(t, '/api/v1/teams?unitId=999999'), []);
  await expect400(t, 'GET', '/api/v1/teams?unitId=abc', undefined, 'query/unitId');
  await expect400(t, 'GET', '/api/v1/teams?unitId=0', undefined, 'query/unitId');
  await expect400(t, 'GET', `/api/v1/teams?unitId=${lc.id}.5`, undefined, 'query/unitId');
  await expect400(t, 'GET', '/api/v1/teams?kind=it_xanh', undefined, 'query/kind');
});

read('GET /teams/:id returns one team; 404 unknown; 400 malformed id', async () => {
  assert.equal(await get(t, `/api/v1/teams/${teams.itx!.id}`), teams.itx);
  await expectError(t, 404, 'GET', '/api/v1/teams/999999');
  for (const bad of ['abc', '0', '1.5', '2147483648']) await expect400(t, 'GET', `/api/v1/teams/${bad}`, undefined, 'params/id');
});

read.run();

// ─── PATCH /api/v1/teams/:id ─────────────────────────────────────────────────────────────────────

const patch = suite('PATCH /api/v1/teams/:id');
patch.after(() => t.dispose());

patch('renames, changes kind, and moves a team to another unit', async () => {
  const url = `/api/v1/teams/${teams.itx!.id}`;
  const renamed: Team = await expectOk(t, 200, 'PATCH', url, { name: 'Đội hình IT Xanh Lê Chân' });
  assert.equal(renamed, { ...teams.itx!, name: 'Đội hình IT Xanh Lê Chân' });
  const moved: Team = await expectOk(t, 200, 'PATCH', url, { unitId: nq.id, kind: 'other' });
  assert.equal(moved, { ...renamed, unitId: nq.id, kind: 'other' });
  assert.equal(await get(t, url), moved);
  assert.equal(codes(await get(t, `/api/v1/teams?unitId=${nq.id}`)), ['LC-ITX', 'NQ-XK']);
  teams.itx = moved;
});

patch('an unknown unitId is a 400 on body/unitId, and nothing changes', async () => {
  const url = `/api/v1/teams/${teams.xk!.id}`;
  await expect400(t, 'PATCH', url, { name: 'Đổi tên', unitId: 999_999 }, 'body/unitId');
  assert.equal(await get(t, url), teams.xk);
});

patch('bad input is a 400 naming the field; an unknown team is a 404', async () => {
  const url = `/api/v1/teams/${teams.cd!.id}`;
  const cases: Array<[string, unknown, string]> = [
    [url, {}, 'body'],
    [url, { code: 'NEW-CODE' }, 'body/code'],
    [url, { name: '' }, 'body/name'],
    [url, { kind: 'army' }, 'body/kind'],
    [url, { unitId: null }, 'body/unitId'],
    ['/api/v1/teams/abc', { name: 'X' }, 'params/id'],
  ];
  for (const [u, payload, field] of cases) await expect400(t, 'PATCH', u, payload, field);
  assert.equal(await get(t, url), teams.cd);
  await expectError(t, 404, 'PATCH', '/api/v1/teams/999999', { name: 'Không có' });
});

patch.run();
