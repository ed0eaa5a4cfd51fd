import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { schema } from '@xk/db';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { created, expect400, expectError, expectOk, get } from '../helpers/requests';

type Person = { id: number; name: string; phone: string; email: string | null; memberships: Array<{ unitId: number; role: string }>; createdAt: string };

let t: TestApp;
let hp: { id: number };
let lc: { id: number };
let nq: { id: number };
/** People created by the first suite, by name. */
const people: Record<string, Person> = {};

const ids = (list: Person[]) => list.map((p) => p.id);
const byPhone = (phone: string) => get(t, `/api/v1/people?phone=${encodeURIComponent(phone)}`) as Promise<Person[]>;

// ─── POST /api/v1/people ─────────────────────────────────────────────────────────────────────────

const create = suite('POST /api/v1/people');
create.before(async () => {
  t = await createTestApp();
  hp = await created(t, '/api/v1/units', { code: 'HP', name: 'Thành đoàn Hải Phòng', level: 'province' });
  lc = await created(t, '/api/v1/units', { code: 'HP-LC', name: 'Đoàn phường Lê Chân', parentId: hp.id });
  nq = await created(t, '/api/v1/units', { code: 'HP-NQ', name: 'Đoàn phường Ngô Quyền', parentId: hp.id });
});

create('creates a person with the phone normalised to +84…, and memberships', async () => {
  const an: Person = await created(t, '/api/v1/people', {
    name: '  Nguyễn Văn An ',
    phone: '0912 345 678',
    email: 'an.nguyen@doanthanhnien.vn',
    memberships: [
      { unitId: nq.id, role: 'cadre' },
      { unitId: lc.id, role: 'volunteer' },
    ],
  });
  assert.ok(Number.isInteger(an.id) && an.id > 0);
  assert.is(an.name, 'Nguyễn Văn An', 'the name is stored trimmed');
  assert.is(an.phone, '+84912345678');
  assert.is(an.email, 'an.nguyen@doanthanhnien.vn');
  assert.equal(an.memberships, [
    { unitId: lc.id, role: 'volunteer' },
    { unitId: nq.id, role: 'cadre' },
  ].sort((a, b) => a.unitId - b.unitId));
  assert.ok(!Number.isNaN(Date.parse(an.createdAt)));
  assert.equal(await get(t, `/api/v1/people/${an.id}`), an);
  people.an = an;

  const others: Array<[string, string, number | undefined]> = [
    ['Nguyễn Văn Bình', '+84 (0) 903-111-222', lc.id],
    ['Nguyễn Thị Cúc', '84977000111', nq.id],
    ['Đoàn Minh Đức', '(024) 3123 4567', undefined],
    ['Trần Văn Em', '0388.000.999', lc.id],
  ];
  for (const [name, phone, unitId] of others) {
    people[name] = await created(t, '/api/v1/people', { name, phone, ...(unitId ? { memberships: [{ unitId, role: 'member' }] } : {}) });
  }
  assert.is(people['Nguyễn Văn Bình']!.phone, '+84903111222');
  assert.is(people['Nguyễn Thị Cúc']!.phone, '+84977000111');
  assert.is(people['Đoàn Minh Đức']!.phone, '+842431234567', 'a Hà Nội landline');
  assert.is(people['Đoàn Minh Đức']!.email, null);
  assert.equal(people['Đoàn Minh Đức']!.memberships, []);
});

create('the same number written differently is a 409 on body/phone, and no second row', async () => {
  for (const phone of ['0912345678', '+84912345678', '84912345678', '+84 (0) 912 345 678', '0084 912 345 678', '091-234-5678']) {
    await expectError(t, 409, 'POST', '/api/v1/people', { name: 'Người khác', phone }, 'body/phone');
  }
  const found = await byPhone('0912345678');
  assert.equal(ids(found), [people.an!.id]);
  assert.is(found[0]!.name, 'Nguyễn Văn An', 'the first person is left as it was');
});

create('a phone that is not a Vietnamese number is a 400 on body/phone, and no row', async () => {
  for (const phone of ['12345', '0912 345 67', '0912 345 6789', '+1 202 555 0100', '0123 456 7890', 'số 0912345678', '091234567x', '         ']) {
    await expect400(t, 'POST', '/api/v1/people', { name: 'Sai số', phone }, 'body/phone');
  }
  await expect400(t, 'POST', '/api/v1/people', { name: 'Sai số', phone: 912345679 }, 'body/phone');
  const all: Person[] = await get(t, '/api/v1/people');
  assert.not.ok(all.some((p) => p.name === 'Sai số'));
});

create('memberships with a unit that does not exist: 400 body/memberships and NO person row', async () => {
  await expect400(t, 'POST', '/api/v1/people', { name: 'Phạm Thị Giang', phone: '0905 000 001', memberships: [{ unitId: lc.id, role: 'member' }, { unitId: 999_999, role: 'member' }] }, 'body/memberships');
  assert.equal(await byPhone('0905000001'), [], 'the person was not written');
  await expect400(t, 'POST', '/api/v1/people', { name: 'Phạm Thị Giang', phone: '0905 000 001', memberships: [{ unitId: lc.id, role: 'member' }, { unitId: lc.id, role: 'cadre' }] }, 'body/memberships');
  assert.equal(await byPhone('0905000001'), [], 'a unit named twice writes nothing either');
  const members: Person[] = await get(t, `/api/v1/people?unitId=${lc.id}`);
  assert.not.ok(members.some((p) => p.name === 'Phạm Thị Giang'), 'no membership row was left behind');

  // The number is still free: nothing of the failed attempts remains.
  const giang: Person = await created(t, '/api/v1/people', { name: 'Phạm Thị Giang', phone: '0905 000 001', memberships: [{ unitId: lc.id, role: 'member' }] });
  assert.equal(giang.memberships, [{ unitId: lc.id, role: 'member' }]);
  people['Phạm Thị Giang'] = giang;
});

create('malformed bodies are a 400 naming the field', async () => {
  const cases: Array<[unknown, string]> = [
    [{ phone: '0906000001' }, 'body/name'],
    [{ name: 'Không số' }, 'body/phone'],
    [{ name: '', phone: '0906000001' }, 'body/name'],
    [{ name: '   ', phone: '0906000001' }, 'body/name'],
    [{ name: 'x'.repeat(201), phone: '0906000001' }, 'body/name'],
    [{ name: 'Thừa', phone: '0906000001', nickname: 'T' }, 'body/nickname'],
    [{ name: 'Thư', phone: '0906000001', email: 'không phải email' }, 'body/email'],
    [{ name: 'Thư', phone: '0906000001', memberships: [{ unitId: lc.id, role: 'boss' }] }, 'body/memberships/0/role'],
    [{ name: 'Thư', phone: '0906000001', memberships: [{ unitId: 0, role: 'member' }] }, 'body/memberships/0/unitId'],
    [{ name: 'Thư', phone: '0906000001', memberships: [{ role: 'member' }] }, 'body/memberships/0/unitId'],
    [{ name: 'Thư', phone: '0906000001', memberships: { unitId: lc.id, role: 'member' } }, 'body/memberships'],
  ];
  for (const [payload, field] of cases) await expect400(t, 'POST', '/api/v1/people', payload, field);
  assert.equal(await byPhone('0906000001'), []);

  const notJson = await t.call({ method: 'POST', url: '/api/v1/people', payload: '{"name":', headers: { 'content-type': 'application/json' } });
  assert.is(notJson.status, 400);
  assert.is(notJson.body.error, 'validation');
});

create('an email already used by someone else is a 409 on body/email', async () => {
  await expectError(t, 409, 'POST', '/api/v1/people', { name: 'Trùng email', phone: '0906000002', email: 'an.nguyen@doanthanhnien.vn' }, 'body/email');
  assert.equal(await byPhone('0906000002'), []);
});

create.run();

// ─── GET /api/v1/people ──────────────────────────────────────────────────────────────────────────

const list = suite('GET /api/v1/people');

list('lists everyone in id order with their memberships', async () => {
  // The signed-in test admin is a person too: everyone else is the six created above.
  const all: Person[] = await get(t, '/api/v1/people');
  assert.equal(all.filter((p) => p.id !== t.admin.personId).length, 6);
  assert.equal(ids(all), [...ids(all)].sort((a, b) => a - b));
  assert.equal(all.find((p) => p.id === people.an!.id), people.an);
});

list('phone filter: every spelling of a number finds the same person', async () => {
  for (const phone of ['0912 345 678', '+84912345678', '84912345678', '+84 (0) 912.345.678']) {
    assert.equal(ids(await byPhone(phone)), [people.an!.id], phone);
  }
  // An unencoded '+' arrives as a space: still the same number.
  assert.equal(ids(await get(t, '/api/v1/people?phone=+84912345678')), [people.an!.id]);
  assert.equal(await byPhone('0912 345 679'), [], 'a number nobody has');
  await expect400(t, 'GET', '/api/v1/people?phone=abc', undefined, 'query/phone');
  await expect400(t, 'GET', '/api/v1/people?phone=0912', undefined, 'query/phone');
});

list('unitId filter: the unit’s members only', async () => {
  const inLc: Person[] = await get(t, `/api/v1/people?unitId=${lc.id}`);
  assert.equal(ids(inLc), [people.an!.id, people['Nguyễn Văn Bình']!.id, people['Trần Văn Em']!.id, people['Phạm Thị Giang']!.id]);
  const inNq: Person[] = await get(t, `/api/v1/people?unitId=${nq.id}`);
  assert.equal(ids(inNq), [people.an!.id, people['Nguyễn Thị Cúc']!.id]);
  assert.equal(await get(t, `/api/v1/people?unitId=${hp.id}`), [], 'membership is not inherited from sub-units');
  assert.equal(ids(await get(t, `/api/v1/people?unitId=${lc.id}&phone=0903111222`)), [people['Nguyễn Văn Bình']!.id]);
  assert.equal(await get(t, `/api/v1/people?unitId=${nq.id}&phone=0903111222`), []);
  assert.equal(await get(t, '/api/v1/people?unitId=999999'), []);
  await expect400(t, 'GET', '/api/v1/people?unitId=abc', undefined, 'query/unitId');
  await expect400(t, 'GET', '/api/v1/people?unitId=0', undefined, 'query/unitId');
  await expect400(t, 'GET', '/api/v1/people?unitId=1.5', undefined, 'query/unitId');
});

list('q searches names without diacritics or case', async () => {
  const nguyenVan = [people.an!.id, people['Nguyễn Văn Bình']!.id];
  assert.equal(ids(await get(t, '/api/v1/people?q=nguyen%20van')), nguyenVan);
  assert.equal(ids(await get(t, '/api/v1/people?q=NGUYEN%20VAN')), nguyenVan);
  assert.equal(ids(await get(t, `/api/v1/people?q=${encodeURIComponent('Nguyễn Văn')}`)), nguyenVan);
  assert.equal(ids(await get(t, '/api/v1/people?q=nguyen')), [...nguyenVan, people['Nguyễn Thị Cúc']!.id]);
  assert.equal(ids(await get(t, '/api/v1/people?q=doan%20minh%20duc')), [people['Đoàn Minh Đức']!.id], 'đ folds to d');
  assert.equal(ids(await get(t, '/api/v1/people?q=van')), [...nguyenVan, people['Trần Văn Em']!.id]);
  assert.equal(ids(await get(t, `/api/v1/people?q=van&unitId=${nq.id}`)), [people.an!.id], 'q combines with unitId');
  assert.equal(await get(t, '/api/v1/people?q=le%20van%20tam'), []);
  await expect400(t, 'GET', `/api/v1/people?q=${'a'.repeat(101)}`, undefined, 'query/q');
});

list('limit and afterId page through the list in id order', async () => {
  const all = ids(await get(t, '/api/v1/people'));
  const pages: number[][] = [];
  for (let afterId = 0; ; ) {
    const page = ids(await get(t, `/api/v1/people?limit=4&afterId=${afterId}`));
    if (page.length === 0) break;
    assert.ok(page.length <= 4);
    pages.push(page);
    afterId = page[page.length - 1]!;
  }
  assert.equal(pages.map((p) => p.length), [4, 3], 'six people and the signed-in test admin');
  assert.equal(pages.flat(), all, 'pages cover everyone once, in order');
  assert.equal(ids(await get(t, `/api/v1/people?limit=1&afterId=${all[0]}`)), [all[1]]);
  // Paging through a search.
  assert.equal(ids(await get(t, '/api/v1/people?q=nguyen&limit=2')), [people.an!.id, people['Nguyễn Văn Bình']!.id]);
  assert.equal(ids(await get(t, `/api/v1/people?q=nguyen&limit=2&afterId=${people['Nguyễn Văn Bình']!.id}`)), [people['Nguyễn Thị Cúc']!.id]);
  assert.equal(await get(t, `/api/v1/people?afterId=${all[all.length - 1]}`), []);
  assert.equal(await get(t, '/api/v1/people?afterId=99999999999'), [], 'past any id there is nobody (not a database error)');

  await expect400(t, 'GET', '/api/v1/people?limit=0', undefined, 'query/limit');
  await expect400(t, 'GET', '/api/v1/people?limit=1001', undefined, 'query/limit');
  await expect400(t, 'GET', '/api/v1/people?limit=ten', undefined, 'query/limit');
  await expect400(t, 'GET', '/api/v1/people?afterId=-1', undefined, 'query/afterId');
  await expect400(t, 'GET', '/api/v1/people?sort=name', undefined, 'query/sort');
});

list.run();

// ─── GET /api/v1/people/:id ──────────────────────────────────────────────────────────────────────

const one = suite('GET /api/v1/people/:id');

one('returns the person, 404 for an unknown id, 400 for a malformed one', async () => {
  const cuc: Person = await get(t, `/api/v1/people/${people['Nguyễn Thị Cúc']!.id}`);
  assert.equal(cuc, people['Nguyễn Thị Cúc']);
  await expectError(t, 404, 'GET', '/api/v1/people/999999');
  for (const bad of ['abc', '0', '-3', '1.5', '99999999999']) await expect400(t, 'GET', `/api/v1/people/${bad}`, undefined, 'params/id');
});

one.run();

// ─── PATCH /api/v1/people/:id ────────────────────────────────────────────────────────────────────

const patch = suite('PATCH /api/v1/people/:id');

patch('changes name, phone (normalised), email and replaces memberships', async () => {
  const em = people['Trần Văn Em']!;
  const updated: Person = await expectOk(t, 200, 'PATCH', `/api/v1/people/${em.id}`, {
    name: 'Trần Văn Em (Đội IT Xanh)',
    phone: '+84 388 000 998',
    email: 'em.tran@itxanh.vn',
    memberships: [{ unitId: nq.id, role: 'coordinator' }],
  });
  assert.is(updated.id, em.id);
  assert.is(updated.name, 'Trần Văn Em (Đội IT Xanh)');
  assert.is(updated.phone, '+84388000998');
  assert.is(updated.email, 'em.tran@itxanh.vn');
  assert.equal(updated.memberships, [{ unitId: nq.id, role: 'coordinator' }]);
  assert.is(updated.createdAt, em.createdAt);
  assert.equal(await get(t, `/api/v1/people/${em.id}`), updated);
  assert.equal(ids(await byPhone('0388000998')), [em.id]);
  assert.equal(await byPhone('0388000999'), [], 'the old number is free');
  assert.not.ok(ids(await get(t, `/api/v1/people?unitId=${lc.id}`)).includes(em.id), 'the old membership is gone');

  const cleared: Person = await expectOk(t, 200, 'PATCH', `/api/v1/people/${em.id}`, { email: null, memberships: [] });
  assert.is(cleared.email, null);
  assert.equal(cleared.memberships, []);
  assert.is(cleared.name, 'Trần Văn Em (Đội IT Xanh)', 'fields not sent are kept');
  people['Trần Văn Em'] = cleared;
});

patch('the person’s own number in another spelling is no conflict', async () => {
  const an = people.an!;
  const same: Person = await expectOk(t, 200, 'PATCH', `/api/v1/people/${an.id}`, { phone: '84 912 345 678' });
  assert.is(same.phone, '+84912345678');
});

patch('another person’s number is a 409 on body/phone, and nothing changes', async () => {
  const binh = people['Nguyễn Văn Bình']!;
  await expectError(t, 409, 'PATCH', `/api/v1/people/${binh.id}`, { name: 'Đổi tên', phone: '0912.345.678' }, 'body/phone');
  assert.equal(await get(t, `/api/v1/people/${binh.id}`), binh);
  await expectError(t, 409, 'PATCH', `/api/v1/people/${binh.id}`, { email: 'an.nguyen@doanthanhnien.vn' }, 'body/email');
  assert.equal(await get(t, `/api/v1/people/${binh.id}`), binh);
});

patch('an unknown unit in memberships is a 400, and the rest of the change is not written either', async () => {
  const binh = people['Nguyễn Văn Bình']!;
  await expect400(t, 'PATCH', `/api/v1/people/${binh.id}`, { name: 'Tên mới', phone: '0903 111 333', memberships: [{ unitId: 999_999, role: 'member' }] }, 'body/memberships');
  assert.equal(await get(t, `/api/v1/people/${binh.id}`), binh, 'name, phone and memberships are as before');
  assert.equal(await byPhone('0903111333'), []);
});

patch('bad input is a 400 naming the field; an unknown person is a 404', async () => {
  const id = people['Nguyễn Văn Bình']!.id;
  const cases: Array<[string, unknown, string]> = [
    [`/api/v1/people/${id}`, {}, 'body'],
    [`/api/v1/people/${id}`, { phone: '0912' }, 'body/phone'],
    [`/api/v1/people/${id}`, { phone: '+33 6 12 34 56 78' }, 'body/phone'],
    [`/api/v1/people/${id}`, { name: '' }, 'body/name'],
    [`/api/v1/people/${id}`, { name: '  ' }, 'body/name'],
    [`/api/v1/people/${id}`, { email: 'nope' }, 'body/email'],
    [`/api/v1/people/${id}`, { createdAt: '2025-01-01T00:00:00Z' }, 'body/createdAt'],
    [`/api/v1/people/${id}`, { memberships: [{ unitId: lc.id, role: 'chief' }] }, 'body/memberships/0/role'],
    ['/api/v1/people/abc', { name: 'X' }, 'params/id'],
  ];
  for (const [url, payload, field] of cases) await expect400(t, 'PATCH', url, payload, field);
  assert.equal(await get(t, `/api/v1/people/${id}`), people['Nguyễn Văn Bình']);
  await expectError(t, 404, 'PATCH', '/api/v1/people/999999', { name: 'Không ai' });
});

patch.run();

// ─── search beyond the first batch ───────────────────────────────────────────────────────────────

const many = suite('GET /api/v1/people?q= over many people');
many.after(() => t.dispose());

many('finds a match however many people come before it', async () => {
  // 6,000 people whose names do not match, written straight to the table, then one who does.
  const rows = Array.from({ length: 6000 }, (_, i) => ({ name: `Hội viên ${i}`, phone: `+8437${String(i).padStart(7, '0')}` }));
  for (let i = 0; i < rows.length; i += 1000) await t.app.database.db.insert(schema.people).values(rows.slice(i, i + 1000));
  const zung: Person = await created(t, '/api/v1/people', { name: 'Lê Thị Dung', phone: '0966 123 456' });
  assert.equal(ids(await get(t, '/api/v1/people?q=le%20thi%20dung')), [zung.id]);
  assert.equal(ids(await get(t, '/api/v1/people?q=nguyen%20van')), [people.an!.id, people['Nguyễn Văn Bình']!.id], 'early matches still come first');
  const page: Person[] = await get(t, '/api/v1/people?q=hoi%20vien&limit=3&afterId=' + people['Phạm Thị Giang']!.id);
  assert.equal(page.map((p) => p.name), ['Hội viên 0', 'Hội viên 1', 'Hội viên 2']);
  assert.is((await get(t, '/api/v1/people?limit=1000')).length, 1000);
});

many.run();
