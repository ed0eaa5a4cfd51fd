import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { io } from 'socket.io-client';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { queryRows, schema } from '@xk/db';
import { defaultTarget, type TestDatabase } from '@xk/testing';
import { buildApp } from '../../src/app';
import { sessionSweepMs } from '../../src/live/live-socket';
import { createUnit } from '../helpers/fixtures';
import { connect, eventually } from '../helpers/live-client';
import { createTestApp, type TestApp } from '../helpers/test-app';

// ─── The first admin, passwords, sessions, CSRF — on a hub nobody administers yet ───────────────

const first = suite('first start: the set-up link, the first admin, sign-in and sign-out');
let db: TestDatabase;
let app: Awaited<ReturnType<typeof buildApp>>;
let logs = '';
const password = 'Một mật khẩu đủ dài 2026';
const post = (url: string, payload: unknown, headers: Record<string, string> = {}) => app.inject({ method: 'POST', url, payload: payload as object, headers });
const cookiesOf = (res: { headers: Record<string, unknown> }) => [res.headers['set-cookie']].flat().filter(Boolean) as string[];
const sessionOf = (res: { headers: Record<string, unknown> }) => /xk_session=([^;]+)/.exec(cookiesOf(res).join('\n'))?.[1];

first.before(async () => {
  db = await defaultTarget().open();
  const stream = new Writable({ write: (chunk, _enc, done) => ((logs += String(chunk)), done()) });
  app = await buildApp({ database: db.database, logger: { level: 'info', stream } });
  await app.ready();
});
first.after(async () => {
  await app.close();
  await db.dispose();
});

let secret: string;
let csrf: string;

first('a hub without an admin needs set-up; the link makes the first admin once, and signs them in', async () => {
  assert.ok(await app.auth.setupNeeded());
  const link = await app.auth.newSetupLink();
  const body = { secret: link, name: 'Nguyễn Thị Quản Trị', phone: '0912 345 678', email: 'admin@xungkich.vn', password };
  const short = await post('/api/v1/auth/setup', { ...body, password: 'ngắn' });
  assert.is(short.statusCode, 400);
  assert.is(short.json().field, 'body/password');
  assert.is((await post('/api/v1/auth/setup', { ...body, secret: 'x'.repeat(43) })).statusCode, 401);

  const res = await post('/api/v1/auth/setup', body);
  assert.is(res.statusCode, 200, res.body);
  assert.equal(res.json().grants, [{ role: 'admin', unitId: null }]);
  const cookies = cookiesOf(res).join('\n');
  assert.match(cookies, /xk_session=[^;]+; HttpOnly; Path=\/; Max-Age=\d+; SameSite=Lax/);
  assert.match(cookies, /xk_csrf=[^;]+; Path=\/; Max-Age=\d+; SameSite=Lax/);
  assert.not.match(cookies.split('\n').find((c) => c.startsWith('xk_csrf'))!, /HttpOnly/, 'the web app reads the CSRF cookie');
  secret = sessionOf(res)!;
  csrf = res.json().csrfToken;

  assert.is((await post('/api/v1/auth/setup', { ...body, phone: '0912345679' })).statusCode, 401, 'a used link is dead');
  const again = await post('/api/v1/auth/setup', { ...body, secret: await app.auth.newSetupLink(), phone: '0912345670' });
  assert.is(again.statusCode, 401, 'once there is an admin, set-up links do nothing');
  assert.match(again.json().message, /already has an admin/);
  assert.not.ok(await app.auth.setupNeeded());
});

first('sign-in by phone or e-mail; a wrong password and an unknown login get the same answer', async () => {
  const wrong = await post('/api/v1/auth/sign-in', { login: '0912345678', password: 'sai mật khẩu rồi' });
  const unknown = await post('/api/v1/auth/sign-in', { login: '0999999999', password });
  assert.is(wrong.statusCode, 401);
  assert.equal(wrong.json(), unknown.json());
  for (const login of ['0912 345 678', '+84912345678', 'ADMIN@xungkich.vn']) {
    const ok = await post('/api/v1/auth/sign-in', { login, password });
    assert.is(ok.statusCode, 200, `${login}: ${ok.body}`);
    assert.is(ok.json().person.name, 'Nguyễn Thị Quản Trị');
  }
});

first('five wrong passwords lock that login (429, Retry-After), not the address: another login from the same address signs in', async () => {
  const other = await app.services.people.create({ name: 'Trần Văn Phụ', phone: '0912000111' });
  await app.auth.setPassword(other.id, password);
  const from = { 'x-forwarded-for': '203.0.113.7' };
  for (let i = 0; i < 5; i++) assert.is((await post('/api/v1/auth/sign-in', { login: '0912000111', password: `sai ${i} lần nữa` }, from)).statusCode, 401);
  const locked = await post('/api/v1/auth/sign-in', { login: '0912 000 111', password }, from);
  assert.is(locked.statusCode, 429, 'even the right password waits');
  assert.is(locked.json().error, 'rate_limited');
  assert.ok(Number(locked.headers['retry-after']) > 0 && Number(locked.headers['retry-after']) <= 30, String(locked.headers['retry-after']));
  assert.is((await post('/api/v1/auth/sign-in', { login: '0912345678', password }, from)).statusCode, 200, 'the admin on the same address is not locked out');
});

first('writes with the cookie need the CSRF token and our own Origin; a bearer secret needs neither', async () => {
  const cookie = `xk_session=${secret}`;
  const payload = { code: 'HP', name: 'Thành đoàn Hải Phòng' };
  assert.is((await post('/api/v1/units', payload, { cookie })).statusCode, 403);
  assert.is((await post('/api/v1/units', payload, { cookie, 'x-csrf-token': 'wrong' })).statusCode, 403);
  assert.is((await post('/api/v1/units', payload, { cookie, 'x-csrf-token': csrf, origin: 'https://evil.example', host: 'hub.example' })).statusCode, 403);
  assert.is((await post('/api/v1/units', payload, { cookie, 'x-csrf-token': csrf })).statusCode, 201);
  assert.is((await post('/api/v1/units', { code: 'HP2', name: 'Khác' }, { authorization: `Bearer ${secret}` })).statusCode, 201);
  assert.is((await app.inject({ url: '/api/v1/units' })).statusCode, 401, 'signed out: nothing');
});

first('passwords, sessions and links are stored only as hashes, and never logged', async () => {
  const tables = ['credentials', 'sessions', 'sign_in_links', 'audit_log', 'people', 'grants'];
  for (const table of tables) {
    const rows = await queryRows<Record<string, unknown>>(app.database.db, sql.raw(`select * from ${table}`));
    const text = JSON.stringify(rows);
    assert.not.ok(text.includes(password), `${table} holds the password`);
    assert.not.ok(text.includes(secret), `${table} holds a session secret`);
  }
  const [cred] = await queryRows<{ password_hash: string }>(app.database.db, sql`select password_hash from credentials`);
  assert.match(cred!.password_hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  const hashes = (await queryRows<{ token_hash: string }>(app.database.db, sql`select token_hash from sessions`)).map((r) => r.token_hash);
  assert.ok(hashes.includes(createHash('sha256').update(secret).digest('hex')));
  assert.ok(logs.includes('/api/v1/auth/sign-in'), 'requests are logged');
  assert.not.ok(logs.includes(password), 'no password in the log');
  assert.not.ok(logs.includes(secret), 'no session secret in the log');
  const actions = (await queryRows<{ action: string }>(app.database.db, sql`select action from audit_log order by id`)).map((r) => r.action);
  assert.ok(actions.includes('setup.first-admin') && actions.includes('sign-in') && actions.includes('sign-in.failed'), actions.join(','));
});

first('sign-out ends the session (CSRF-protected)', async () => {
  const cookie = `xk_session=${secret}`;
  assert.is((await post('/api/v1/auth/sign-out', {}, { cookie })).statusCode, 403);
  assert.is((await post('/api/v1/auth/sign-out', {}, { cookie, 'x-csrf-token': csrf })).statusCode, 204);
  await new Promise((r) => setTimeout(r, 50));
  const me = await app.inject({ url: '/api/v1/auth/me', headers: { cookie } });
  assert.is(me.statusCode, 401);
  assert.match(me.json().message, /session has ended/);
});

first('behind a trusted proxy (XK_TRUST_PROXY): cookies are Secure over TLS and the audit log names the client, not the proxy', async () => {
  const behind = await buildApp({ database: db.database, trustProxy: true });
  await behind.ready();
  try {
    const res = await behind.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { login: '0912345678', password }, headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.50' } });
    assert.is(res.statusCode, 200);
    assert.ok(cookiesOf(res).every((c) => c.includes('; Secure')), cookiesOf(res).join('\n'));
    const [row] = await queryRows<{ ip: string }>(db.database.db, sql`select ip from audit_log where action = 'sign-in' order by id desc limit 1`);
    assert.is(row!.ip, '203.0.113.50');
    const direct = await post('/api/v1/auth/sign-in', { login: '0912345678', password }, { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.51' });
    assert.ok(cookiesOf(direct).every((c) => !c.includes('Secure')), 'a hub facing the network trusts no forwarded header');
  } finally {
    await behind.close();
  }
});

first.run();

// ─── Grants and live sockets in scope ────────────────────────────────────────────────────────────

const scoped = suite('grants over subtrees, and live sockets that answer to them');
let t: TestApp;
let url: string;
let branchA: { id: number };
let branchB: { id: number };
let campaignId: number;

scoped.before(async () => {
  t = await createTestApp();
  const root = await createUnit(t, { name: 'Tỉnh đoàn' });
  branchA = await createUnit(t, { parentId: root.id, name: 'Huyện đoàn A' });
  branchB = await createUnit(t, { parentId: root.id, name: 'Huyện đoàn B' });
  campaignId = (await t.call({ method: 'POST', url: '/api/v1/campaigns', payload: { code: `K-${Date.now()}`, name: 'Chiến dịch', startsAt: '2020-01-01T00:00:00Z', endsAt: '2040-01-01T00:00:00Z', scopeUnitId: root.id } })).body.id;
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
scoped.after(() => t.dispose());

scoped('an organizer gives roles inside their units only, never above their own; each grant is audited', async () => {
  const organizer = await t.signInAs('organizer', branchA.id);
  const coordinator = await t.signInAs('coordinator', branchA.id);
  const person = (await t.call({ method: 'POST', url: '/api/v1/people', payload: { name: 'Lê Văn Cường', phone: '0987000111' } })).body;
  const give = (as: typeof organizer, role: string, unitId: number | null) => t.call({ method: 'POST', url: `/api/v1/people/${person.id}/grants`, payload: { role, unitId }, as });
  assert.is((await give(organizer, 'coordinator', branchA.id)).status, 201);
  assert.is((await give(organizer, 'coordinator', branchB.id)).status, 403, 'outside their units');
  assert.is((await give(organizer, 'organizer', branchA.id)).status, 403, 'not their own rank');
  assert.is((await give(coordinator, 'volunteer', branchA.id)).status, 403, 'coordinators give no roles');
  assert.is((await give(t.admin, 'admin', null)).status, 201, 'a whole-tree admin may');
  assert.is((await give(t.admin, 'admin', null)).status, 409, 'once');
  const grants = (await t.call({ url: `/api/v1/people/${person.id}/grants` })).body.map((g: { role: string; unitId: number | null }) => `${g.role}@${g.unitId}`);
  assert.equal(grants.sort(), [`admin@null`, `coordinator@${branchA.id}`].sort());
  const audited = await queryRows<{ n: number }>(t.app.database.db, sql`select count(*)::int as n from audit_log where action = 'grant.add' and target = ${`person:${person.id}`}`);
  assert.is(audited[0]!.n, 2);
});

scoped('placements and moves land in the audit log: who, what, from where', async () => {
  const coordinator = await t.signInAs('coordinator', branchA.id);
  const station = (await t.call({ method: 'POST', url: `/api/v1/campaigns/${campaignId}/stations`, payload: { unitId: branchA.id, code: `S-${Date.now()}`, name: 'Điểm A', kind: 'market' } })).body;
  const other = (await t.call({ method: 'POST', url: `/api/v1/campaigns/${campaignId}/stations`, payload: { unitId: branchA.id, code: `S2-${Date.now()}`, name: 'Điểm A2', kind: 'school' } })).body;
  const person = (await t.call({ method: 'POST', url: '/api/v1/people', payload: { name: 'Phan Thị Dung', phone: '0987000222', memberships: [{ unitId: branchA.id, role: 'volunteer' }] } })).body;
  const placed = await t.call({ method: 'POST', url: `/api/v1/campaigns/${campaignId}/assignments`, payload: { personId: person.id, stationId: station.id }, as: coordinator, headers: { 'user-agent': 'thử nghiệm' } });
  assert.is(placed.status, 201, JSON.stringify(placed.body));
  const moved = await t.call({ method: 'POST', url: `/api/v1/campaigns/${campaignId}/moves`, payload: { id: crypto.randomUUID(), personIds: [person.id], toStationId: other.id, expected: [{ personId: person.id, assignmentId: placed.body.id }] }, as: coordinator });
  assert.is(moved.status, 201, JSON.stringify(moved.body));
  const rows = await queryRows<{ action: string; actor_person_id: number; ip: string; user_agent: string | null }>(
    t.app.database.db,
    sql`select action, actor_person_id, ip, user_agent from audit_log where action in ('assignment.create', 'move.request') and actor_person_id = ${coordinator.personId} order by id`,
  );
  assert.equal(rows.map((r) => r.action), ['assignment.create', 'move.request']);
  assert.ok(rows.every((r) => r.ip === '127.0.0.1'));
  assert.is(rows[0]!.user_agent, 'thử nghiệm');
});

scoped('a volunteer phone session writes a burst of 60, then waits (429, Retry-After); another phone on the same address does not', async () => {
  const phoneOf = async (n: number) => {
    const person = (await t.call({ method: 'POST', url: '/api/v1/people', payload: { name: `Tình nguyện viên ${n}`, phone: `098700033${n}`, memberships: [{ unitId: branchA.id, role: 'volunteer' }] } })).body;
    await t.app.database.db.insert(schema.grants).values({ personId: person.id, role: 'volunteer', unitId: branchA.id });
    const session = await t.app.auth.openSession(person.id, 'phone');
    return { personId: person.id, headers: { authorization: `Bearer ${session.secret}`, 'x-forwarded-for': '198.51.100.9' } };
  };
  const [one, two] = [await phoneOf(1), await phoneOf(2)];
  const status = (p: { personId: number; headers: Record<string, string> }) =>
    // Acknowledging a move that does not exist: allowed (their own), then 404 — a write all the same.
    t.app.inject({ method: 'POST', url: `/api/v1/moves/${crypto.randomUUID()}/ack`, headers: p.headers, payload: { personId: p.personId } });
  const statuses: number[] = [];
  let limited: Awaited<ReturnType<typeof status>> | undefined;
  for (let i = 0; i < 100 && !limited; i++) {
    const res = await status(one);
    if (res.statusCode === 429) limited = res;
    else statuses.push(res.statusCode);
  }
  assert.ok(statuses.length >= 60 && statuses.every((s) => s === 404), statuses.join(','));
  assert.ok(limited, 'limited within 100 writes');
  assert.ok(Number(limited!.headers['retry-after']) >= 1);
  assert.is.not((await status(two)).statusCode, 429, 'the other phone on the same address writes');
});

scoped('a lost phone: a coordinator ends all of a volunteer’s sessions (audited); a staff account’s only its holder or an admin', async () => {
  const coordinator = await t.signInAs('coordinator', branchA.id);
  const volunteer = await t.signInAs('volunteer', branchA.id);
  await t.app.database.db.insert(schema.memberships).values({ personId: volunteer.personId, unitId: branchA.id, role: 'volunteer' });
  const second = await t.signInAs('volunteer', branchA.id, volunteer.personId);
  const socket = await connect(url, second);
  let closed = '';
  socket.on('disconnect', (reason) => (closed = reason));
  const res = await t.call({ method: 'POST', url: `/api/v1/people/${volunteer.personId}/sessions/revoke`, as: coordinator });
  assert.is(res.status, 200);
  assert.is(res.body.revoked, 2);
  await new Promise((r) => setTimeout(r, 2100)); // other hubs' session caches: at most 2 s
  assert.is((await t.call({ url: '/api/v1/auth/me', as: volunteer })).status, 401);
  await eventually(() => closed !== '', () => 'the phone’s socket is still open', sessionSweepMs * 3);
  socket.close();
  const [row] = await queryRows<{ n: number }>(t.app.database.db, sql`select count(*)::int as n from audit_log where action = 'sessions.revoke' and target = ${`person:${volunteer.personId}`}`);
  assert.is(row!.n, 1);

  const otherCoordinator = await t.signInAs('coordinator', branchA.id);
  await t.app.database.db.insert(schema.memberships).values({ personId: otherCoordinator.personId, unitId: branchA.id, role: 'coordinator' });
  assert.is((await t.call({ method: 'POST', url: `/api/v1/people/${otherCoordinator.personId}/sessions/revoke`, as: coordinator })).status, 403, 'a colleague’s staff account');
  assert.is((await t.call({ method: 'POST', url: `/api/v1/people/${otherCoordinator.personId}/sessions/revoke` })).status, 200, 'a whole-tree admin may');
});

scoped('a socket without a session, or from another site, is refused at the handshake', async () => {
  const refused = await connect(url, null).then(() => null, (err: Error) => err.message);
  assert.is(refused, 'unauthorized');
  const bogus = await connect(url, { secret: 'x'.repeat(43) }).then(() => null, (err: Error) => err.message);
  assert.is(bogus, 'unauthorized');
  const crossSite = io(url, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { token: t.admin.secret }, extraHeaders: { origin: 'https://evil.example' } });
  const outcome = await new Promise<string>((resolve) => {
    crossSite.once('connect', () => resolve('connected'));
    crossSite.once('connect_error', (err) => resolve(`refused: ${err.message}`));
  });
  crossSite.close();
  assert.match(outcome, /^refused/);
});

scoped('live views answer to scope: a volunteer sees their unit and the units above, not a sibling; their own person view only', async () => {
  const volunteer = await t.signInAs('volunteer', branchA.id);
  const other = await t.signInAs('volunteer', branchA.id);
  const socket = await connect(url, volunteer);
  const watch = (scope: { kind: string; id: number }) => socket.emitWithAck('live:subscribe', { campaignId, scope } as never);
  assert.ok('data' in (await watch({ kind: 'unit', id: branchA.id })));
  const sibling = await watch({ kind: 'unit', id: branchB.id });
  assert.is('error' in sibling && sibling.error, 'forbidden');
  assert.ok('data' in (await watch({ kind: 'person', id: volunteer.personId })));
  const foreign = await watch({ kind: 'person', id: other.personId });
  assert.is('error' in foreign && foreign.error, 'forbidden');
  socket.close();
});

scoped('signing out closes that session’s live sockets within seconds', async () => {
  const coordinator = await t.signInAs('coordinator', branchA.id);
  const socket = await connect(url, coordinator);
  let closed = '';
  socket.on('disconnect', (reason) => (closed = reason));
  assert.is((await t.call({ method: 'POST', url: '/api/v1/auth/sign-out', as: coordinator })).status, 204);
  await eventually(() => closed !== '', () => 'still connected', sessionSweepMs * 3);
  assert.is(closed, 'io server disconnect');
  socket.close();
});

scoped.run();
