import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type WebSocket from 'ws';
import { queryRows } from '@xk/db';
import { defaultTarget } from '@xk/testing';
import { csrfTokenFor } from '../../src/auth/secrets';
import { sessionSweepMs } from '../../src/live/live-socket';
import { assistance, createCampaign, createPerson, createStation, createUnit } from '../helpers/fixtures';
import { connect, eventually, type LiveClientSocket, subscribe } from '../helpers/live-client';
import { type Caller, createTestApp, type TestApp } from '../helpers/test-app';

/**
 * Read-only screens: a board link a hall's TV opens (no keyboard: the link is the credential), and
 * an integration token another system sends as `Authorization: Bearer`. Over a province with two
 * districts A and B (A has a commune A1 under it) and a campaign over the province.
 */

const test = suite('board links and integration tokens');

let t: TestApp;
let url: string;
let logs = '';
/** Every secret handed out in this file: none may reach the database or the log. */
const secrets: string[] = [];

let root: { id: number };
let A: { id: number };
let A1: { id: number };
let B: { id: number };
let campaign: { id: number };
let other: { id: number };
let inA1: { id: number };
let inB: { id: number };
let personA1: { id: number };
let personB: { id: number };
let coordA: Caller;
let coordB: Caller;
let orgA: Caller;
let orgB: Caller;

type Headers = Record<string, string>;
const cookiesOf = (res: { headers: Record<string, unknown> }) => [res.headers['set-cookie']].flat().filter(Boolean) as string[];
const sessionOf = (res: { headers: Record<string, unknown> }) => /xk_session=([^;]+)/.exec(cookiesOf(res).join('\n'))?.[1];
const get = (path: string, headers: Headers) => t.app.inject({ method: 'GET', url: path, headers });
const bearer = (secret: string): Headers => ({ authorization: `Bearer ${secret}` });
/** A TV's browser: the session cookie only (a board never writes, so the CSRF header is sent only to prove writes are refused anyway). */
const tv = (secret: string): Headers => ({ cookie: `xk_session=${secret}` });
const openBoard = (secret: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/board', payload: { secret } });
const auditCount = async (action: string, target: string) =>
  (await queryRows<{ n: number }>(t.app.database.db, sql`select count(*)::int as n from audit_log where action = ${action} and target = ${target}`))[0]!.n;

/** The hub with its request log captured. */
function start(): Promise<TestApp> {
  const stream = new Writable({ write: (chunk, _enc, done) => ((logs += String(chunk)), done()) });
  return createTestApp(defaultTarget(), { logger: { level: 'info', stream } });
}

test.before(async () => {
  t = await start();
  root = await createUnit(t, { name: 'Tỉnh đoàn Long An', memberCount: 100 });
  A = await createUnit(t, { parentId: root.id, name: 'Huyện đoàn Cần Giuộc', memberCount: 40 });
  A1 = await createUnit(t, { parentId: A.id, name: 'Đoàn xã Phước Lại', memberCount: 20 });
  B = await createUnit(t, { parentId: root.id, name: 'Huyện đoàn Bến Lức', memberCount: 40 });
  campaign = await createCampaign(t, root.id);
  other = await createCampaign(t, root.id);
  inA1 = await createStation(t, campaign.id, A1.id);
  inB = await createStation(t, campaign.id, B.id);
  personA1 = await createPerson(t, A1.id);
  personB = await createPerson(t, B.id);
  coordA = await t.signInAs('coordinator', A.id);
  coordB = await t.signInAs('coordinator', B.id);
  orgA = await t.signInAs('organizer', A.id);
  orgB = await t.signInAs('organizer', B.id);
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
test.after(async () => t?.dispose());

// ─── board links ─────────────────────────────────────────────────────────────────────────────────

let link: { id: number; secret: string };
let firstTv: string;

test('a coordinator creates a board link at a unit of theirs inside the campaign, shown once; not at a sibling, not outside the campaign', async () => {
  const create = (as: Caller, campaignId: number, unitId: number) => t.call({ method: 'POST', url: `/api/v1/campaigns/${campaignId}/board-links`, payload: { unitId, label: 'TV hội trường huyện' }, as });
  const res = await create(coordA, campaign.id, A.id);
  assert.is(res.status, 201, JSON.stringify(res.body));
  assert.is(res.body.campaignId, campaign.id);
  assert.is(res.body.unitId, A.id);
  assert.is(res.body.label, 'TV hội trường huyện');
  assert.is(res.body.screens, 0);
  assert.is(res.body.revokedAt, null);
  assert.type(res.body.secret, 'string');
  assert.ok(res.body.secret.length >= 40);
  link = res.body;
  secrets.push(link.secret);
  assert.is(await auditCount('board-link.create', `board-link:${link.id}`), 1);

  assert.is((await create(coordA, campaign.id, B.id)).status, 403, 'a sibling district');
  assert.is((await t.call({ method: 'POST', url: `/api/v1/campaigns/${campaign.id}/board-links`, payload: { unitId: A.id }, as: await t.signInAs('volunteer', A.id) })).status, 403, 'a volunteer');
  const communeOnly = await createCampaign(t, A1.id);
  const outside = await create(coordA, communeOnly.id, A.id);
  assert.is(outside.status, 400, 'a district above a commune campaign');
  assert.is(outside.body.field, 'body/unitId');
  assert.is((await create(coordA, 999_999, A.id)).status, 404);
  const other = await t.call({ method: 'GET', url: `/api/v1/campaigns/${communeOnly.id}/board-links`, as: coordA });
  assert.equal(other.body, [], 'no link was made for it');
});

test('a TV opens the link: a board session cookie, its own campaign’s totals in its units, nothing else, no writes', async () => {
  const res = await openBoard(link.secret);
  assert.is(res.statusCode, 200, res.body);
  assert.equal(res.json(), { kind: 'board', grants: [], campaignId: campaign.id, unitId: A.id, unitName: 'Huyện đoàn Cần Giuộc' });
  assert.match(cookiesOf(res).join('\n'), /xk_session=[^;]+; HttpOnly; Path=\/; Max-Age=\d+; SameSite=Lax/);
  firstTv = sessionOf(res)!;
  secrets.push(firstTv);
  assert.is.not(firstTv, link.secret, 'the screen holds its own session, not the link');

  const me = await get('/api/v1/auth/me', tv(firstTv));
  assert.is(me.json().kind, 'board');
  const totals = (unitId: number, campaignId = campaign.id) => get(`/api/v1/campaigns/${campaignId}/totals?unitId=${unitId}`, tv(firstTv));
  assert.is((await totals(A.id)).statusCode, 200);
  assert.is((await totals(A1.id)).statusCode, 200, 'a commune under its district');
  assert.is((await totals(B.id)).statusCode, 403, 'a sibling district');
  assert.is((await totals(A.id, other.id)).statusCode, 403, 'another campaign');
  assert.is((await get(`/api/v1/people?unitId=${A.id}`, tv(firstTv))).statusCode, 403, 'no personal data');
  assert.is((await get(`/api/v1/campaigns/${campaign.id}/board-links`, tv(firstTv))).statusCode, 403, 'not its own link list');
  const write = await t.app.inject({ method: 'POST', url: '/api/v1/activity', headers: { ...tv(firstTv), 'x-csrf-token': csrfTokenFor(firstTv) }, payload: assistance({ campaign, person: personA1, station: inA1 }) });
  assert.is(write.statusCode, 403, write.body);
  const newLink = await t.app.inject({ method: 'POST', url: `/api/v1/campaigns/${campaign.id}/board-links`, headers: { ...tv(firstTv), 'x-csrf-token': csrfTokenFor(firstTv) }, payload: { unitId: A.id } });
  assert.is(newLink.statusCode, 403, 'a board makes no more boards');

  assert.is((await openBoard('q'.repeat(43))).statusCode, 401, 'a link that never was');
  const badMessage = (await openBoard('q'.repeat(43))).json().message;
  assert.match(badMessage, /board link is not valid/);
});

test('the board’s live socket watches its unit in its campaign; not another campaign, a sibling, the province above, or a person', async () => {
  const socket = await connect(url, { secret: firstTv });
  try {
    const watch = async (campaignId: number, scope: { kind: string; id: number }) => {
      const ack = await socket.emitWithAck('live:subscribe', { campaignId, scope } as never);
      return 'error' in ack ? ack.error : 'ok';
    };
    assert.is(await watch(campaign.id, { kind: 'unit', id: A.id }), 'ok');
    assert.is(await watch(campaign.id, { kind: 'station', id: inA1.id }), 'ok');
    assert.is(await watch(other.id, { kind: 'unit', id: A.id }), 'forbidden');
    assert.is(await watch(campaign.id, { kind: 'unit', id: B.id }), 'forbidden');
    assert.is(await watch(campaign.id, { kind: 'station', id: inB.id }), 'forbidden');
    assert.is(await watch(campaign.id, { kind: 'unit', id: root.id }), 'forbidden');
    assert.is(await watch(campaign.id, { kind: 'person', id: personA1.id }), 'forbidden');

    // The view follows what happens in its units.
    const live = await subscribe(socket, { campaignId: campaign.id, scope: { kind: 'unit', id: A.id } });
    const before = live.counts.deltas;
    assert.is((await t.call({ method: 'POST', url: '/api/v1/activity', payload: assistance({ campaign, person: personA1, station: inA1 }) })).status, 201);
    await eventually(() => live.counts.deltas > before, () => 'no delta reached the board');
  } finally {
    socket.close();
  }
});

test('revoking the link ends every screen opened from it: sockets close within seconds, REST answers 401; the list counts screens', async () => {
  const second = await openBoard(link.secret);
  assert.is(second.statusCode, 200);
  const secondTv = sessionOf(second)!;
  secrets.push(secondTv);
  assert.is.not(secondTv, firstTv, 'each TV gets its own session');
  assert.is((await get(`/api/v1/campaigns/${campaign.id}/totals?unitId=${A.id}`, tv(secondTv))).statusCode, 200);

  // A link of B's, which A's coordinator neither sees nor may revoke.
  const linkB = (await t.call({ method: 'POST', url: `/api/v1/campaigns/${campaign.id}/board-links`, payload: { unitId: B.id }, as: coordB })).body;
  secrets.push(linkB.secret);
  const list = async (as: Caller) => (await t.call({ method: 'GET', url: `/api/v1/campaigns/${campaign.id}/board-links`, as })).body as Array<{ id: number; screens: number; revokedAt: string | null; secret?: string }>;
  const listed = await list(coordA);
  assert.equal(listed.map((l) => l.id), [link.id], 'narrowed to the links at A');
  assert.is(listed[0]!.screens, 2);
  assert.is(listed[0]!.secret, undefined, 'never the secret again');
  assert.ok((await list(t.admin)).some((l) => l.id === linkB.id));
  assert.is((await t.call({ method: 'POST', url: `/api/v1/board-links/${link.id}/revoke`, as: coordB })).status, 403);
  assert.is((await t.call({ method: 'POST', url: `/api/v1/board-links/${linkB.id}/revoke`, as: coordA })).status, 403);
  assert.is((await t.call({ method: 'POST', url: '/api/v1/board-links/999999/revoke', as: coordA })).status, 404);

  const sockets: LiveClientSocket[] = [await connect(url, { secret: firstTv }), await connect(url, { secret: secondTv })];
  const closed: string[] = [];
  for (const s of sockets) s.on('disconnect', (reason) => closed.push(reason));
  try {
    const revoked = await t.call({ method: 'POST', url: `/api/v1/board-links/${link.id}/revoke`, as: coordA });
    assert.is(revoked.status, 200, JSON.stringify(revoked.body));
    assert.type(revoked.body.revokedAt, 'string');
    assert.is(revoked.body.screens, 0);
    await eventually(() => closed.length === 2, () => `closed: ${closed.join(', ')}`, sessionSweepMs * 3);
    assert.equal(closed, ['io server disconnect', 'io server disconnect']);
  } finally {
    for (const s of sockets) s.close();
  }
  for (const screen of [firstTv, secondTv]) {
    const res = await get(`/api/v1/campaigns/${campaign.id}/totals?unitId=${A.id}`, tv(screen));
    assert.is(res.statusCode, 401);
    assert.match(res.json().message, /session has ended/);
  }
  const refused = await connect(url, { secret: firstTv }).then(() => 'connected', (err: Error) => err.message);
  assert.is(refused, 'unauthorized', 'the socket cannot come back');
  const reopened = await openBoard(link.secret);
  assert.is(reopened.statusCode, 401, 'a revoked link opens nothing');
  assert.match(reopened.json().message, /revoked/);

  const again = await t.call({ method: 'POST', url: `/api/v1/board-links/${link.id}/revoke`, as: coordA });
  assert.is(again.status, 200, 'revoking twice is harmless');
  const after = (await list(coordA))[0]!;
  assert.is(after.screens, 0);
  assert.is(after.revokedAt, again.body.revokedAt);
  assert.is(await auditCount('board-link.revoke', `board-link:${link.id}`), 1);
  const opened = await queryRows<{ n: number }>(t.app.database.db, sql`select count(*)::int as n from audit_log where action = 'board.open' and target = ${`board-link:${link.id}`}`);
  assert.is(opened[0]!.n, 2);
});

// ─── integration tokens ──────────────────────────────────────────────────────────────────────────

let token: { id: number; secret: string };

test('an organizer creates a token over their units, shown once; the list is narrowed and never shows it again', async () => {
  const create = (as: Caller, unitId: number) => t.call({ method: 'POST', url: '/api/v1/tokens', payload: { unitId, label: 'Hệ thống báo cáo huyện' }, as });
  const res = await create(orgA, A.id);
  assert.is(res.status, 201, JSON.stringify(res.body));
  assert.is(res.body.unitId, A.id);
  assert.is(res.body.label, 'Hệ thống báo cáo huyện');
  assert.is(res.body.revokedAt, null);
  assert.type(res.body.lastSeenAt, 'string');
  token = res.body;
  secrets.push(token.secret);
  assert.is(await auditCount('token.create', `token:${token.id}`), 1);
  assert.is((await create(orgA, B.id)).status, 403, 'a sibling district');
  assert.is((await create(coordA, A.id)).status, 403, 'a coordinator');
  assert.is((await create(orgA, 999_999)).status, 400, 'a unit that does not exist');
  const tokenB = (await create(orgB, B.id)).body;
  secrets.push(tokenB.secret);

  const mine = (await t.call({ method: 'GET', url: '/api/v1/tokens', as: orgA })).body as Array<{ id: number; secret?: string }>;
  assert.equal(mine.map((x) => x.id), [token.id]);
  assert.is(mine[0]!.secret, undefined);
  const theirs = (await t.call({ method: 'GET', url: '/api/v1/tokens', as: orgB })).body as Array<{ id: number }>;
  assert.equal(theirs.map((x) => x.id), [tokenB.id]);
  assert.is((await t.call({ method: 'GET', url: '/api/v1/tokens', as: coordA })).status, 403);
});

test('a token reads its subtree with Authorization: Bearer; not outside it, and never writes', async () => {
  const auth = bearer(token.secret);
  assert.is((await get('/api/v1/auth/me', auth)).json().kind, 'token');
  assert.is((await get(`/api/v1/campaigns/${campaign.id}/totals?unitId=${A.id}`, auth)).statusCode, 200);
  assert.is((await get(`/api/v1/campaigns/${campaign.id}/totals/daily?unitId=${A1.id}`, auth)).statusCode, 200);
  assert.is((await get(`/api/v1/campaigns/${campaign.id}/totals?unitId=${B.id}`, auth)).statusCode, 403);
  assert.is((await get('/api/v1/tokens', auth)).statusCode, 403, 'tokens do not list tokens');
  const write = await t.app.inject({ method: 'POST', url: '/api/v1/activity', headers: auth, payload: assistance({ campaign, person: personA1, station: inA1 }) });
  assert.is(write.statusCode, 403);
  const mint = await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: auth, payload: { unitId: A1.id, label: 'Mượn quyền' } });
  assert.is(mint.statusCode, 403, 'a token makes no tokens');
});

test('the raw activity feed with a token sends the rows of its subtree only; a bad or revoked token is refused', async () => {
  const stream = `/api/v1/activity/stream?campaignId=${campaign.id}`;
  const messages: Array<{ type: string; rows?: Array<{ id: string; unitId: number }> }> = [];
  const ws: WebSocket = await t.app.injectWS(stream, { headers: bearer(token.secret) }, { onInit: (socket) => socket.on('message', (data) => messages.push(JSON.parse(String(data)))) });
  try {
    const inside = assistance({ campaign, person: personA1, station: inA1 });
    const outside = assistance({ campaign, person: personB, station: inB });
    const res = await t.call({ method: 'POST', url: '/api/v1/activity/batch', payload: { items: [inside, outside] } });
    assert.is(res.status, 200);
    assert.ok(res.body.results.every((r: { status: string }) => r.status === 'accepted'), JSON.stringify(res.body));
    await eventually(() => messages.some((m) => m.type === 'activity'), () => JSON.stringify(messages), 5000);
    assert.is(messages[0]!.type, 'hello');
    const rows = messages.flatMap((m) => m.rows ?? []);
    assert.equal(rows.map((r) => r.id), [inside.id]);
    assert.is(rows[0]!.unitId, A1.id);
  } finally {
    ws.terminate();
  }

  const refusal = (headers: Headers) =>
    t.app.injectWS(stream, { headers }).then(
      (socket) => (socket.terminate(), 'opened'),
      (err: unknown) => String(err),
    );
  assert.match(await refusal(bearer('n'.repeat(43))), /401/, 'a token that never was');

  const revoked = await t.call({ method: 'POST', url: `/api/v1/tokens/${token.id}/revoke`, as: orgA });
  assert.is(revoked.status, 200);
  assert.type(revoked.body.revokedAt, 'string');
  assert.match(await refusal(bearer(token.secret)), /401/, 'a revoked token');
  const read = await get(`/api/v1/campaigns/${campaign.id}/totals?unitId=${A.id}`, bearer(token.secret));
  assert.is(read.statusCode, 401);
  assert.match(read.json().message, /session has ended/);
  const again = await t.call({ method: 'POST', url: `/api/v1/tokens/${token.id}/revoke`, as: orgA });
  assert.is(again.status, 200);
  assert.is(again.body.revokedAt, revoked.body.revokedAt, 'revoking twice is harmless');
  assert.is(await auditCount('token.revoke', `token:${token.id}`), 1);
  assert.is((await t.call({ method: 'POST', url: `/api/v1/tokens/${token.id}/revoke`, as: orgB })).status, 403, 'only over its unit');
  assert.is((await t.call({ method: 'POST', url: '/api/v1/tokens/999999/revoke', as: orgA })).status, 404);
  const listed = (await t.call({ method: 'GET', url: '/api/v1/tokens', as: orgA })).body as Array<{ id: number; revokedAt: string | null }>;
  assert.is(listed.find((x) => x.id === token.id)?.revokedAt, revoked.body.revokedAt);
});

// ─── secrets ─────────────────────────────────────────────────────────────────────────────────────

test('no board link, screen session or token secret is stored in plain text or logged', async () => {
  assert.ok(secrets.length === 6, `${secrets.length} secrets`);
  for (const table of ['sessions', 'sign_in_links', 'audit_log']) {
    const text = JSON.stringify(await queryRows<Record<string, unknown>>(t.app.database.db, sql.raw(`select * from ${table}`)));
    for (const secret of secrets) assert.not.ok(text.includes(secret), `${table} holds a secret`);
  }
  const linkHashes = (await queryRows<{ token_hash: string }>(t.app.database.db, sql`select token_hash from sign_in_links where purpose = 'board'`)).map((r) => r.token_hash);
  assert.ok(linkHashes.includes(createHash('sha256').update(link.secret).digest('hex')), 'the link is kept as its hash');
  const sessionHashes = (await queryRows<{ token_hash: string }>(t.app.database.db, sql`select token_hash from sessions where kind = 'token'`)).map((r) => r.token_hash);
  assert.ok(sessionHashes.includes(createHash('sha256').update(token.secret).digest('hex')), 'the token is kept as its hash');
  assert.ok(logs.includes('/api/v1/auth/board') && logs.includes('/api/v1/tokens'), 'requests are logged');
  for (const secret of secrets) assert.not.ok(logs.includes(secret), 'a secret in the log');
});

test('a feed open when its token is revoked is closed within seconds; a board reads nothing above its own unit', async () => {
  const fresh = (await t.call({ method: 'POST', url: '/api/v1/tokens', payload: { unitId: A.id, label: 'Hệ thống tạm' }, as: orgA })).body as { id: number; secret: string };
  secrets.push(fresh.secret);
  let closed: number | null = null;
  const ws: WebSocket = await t.app.injectWS(`/api/v1/activity/stream?campaignId=${campaign.id}`, { headers: bearer(fresh.secret) }, { onInit: (socket) => socket.on('close', (code) => (closed = code)) });
  assert.is((await t.call({ method: 'POST', url: `/api/v1/tokens/${fresh.id}/revoke`, as: orgA })).status, 200);
  await eventually(() => closed !== null, () => 'the feed is still open', sessionSweepMs * 3);
  assert.is(closed, 1008);
  ws.terminate();

  const board = (await t.call({ method: 'POST', url: `/api/v1/campaigns/${campaign.id}/board-links`, payload: { unitId: A.id }, as: coordA })).body as { secret: string };
  secrets.push(board.secret);
  const opened = await t.app.inject({ method: 'POST', url: '/api/v1/auth/board', payload: { secret: board.secret } });
  const cookie = { cookie: `xk_session=${/xk_session=([^;]+)/.exec(String(opened.headers['set-cookie']))![1]}` };
  assert.is((await get(`/api/v1/campaigns/${campaign.id}/totals?unitId=${A.id}`, cookie)).statusCode, 200);
  assert.is((await get(`/api/v1/campaigns/${campaign.id}/totals`, cookie)).statusCode, 403, 'the whole campaign is above this board');
});

test.run();
