import { randomUUID } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { MoveNotice } from '@xk/contract';
import { type OwnRedis, postgresOnly, startOwnRedis, type TestDatabase } from '@xk/testing';
import { assistance, createScene, createUnit } from '../helpers/fixtures';
import { connect, eventually, type LiveClientSocket, subscribe, subscribeRoster } from '../helpers/live-client';
import { created, expectOk } from '../helpers/requests';
import { createTestNode, type TestApp } from '../helpers/test-app';

/**
 * Two hubs in one process, each with its own services, live aggregates and Socket.IO server, on one
 * PostgreSQL database and a Redis of the test's own: what one commits, the other's screens show.
 * (The same with separate processes and a proxy: cluster-processes.test.ts.)
 */
const nodes = suite('two hubs on one database, linked by Redis');

let db: TestDatabase;
let redis: OwnRedis;
let a: TestApp;
let b: TestApp;
let urlB: string;
let scene: Awaited<ReturnType<typeof createScene>>;
const sockets: LiveClientSocket[] = [];
const target = await postgresOnly();
const ownRedis = target ? await startOwnRedis('two hubs linked by Redis') : null;

const sqlTotals = async (unitId: number) => (await a.call({ method: 'GET', url: `/api/v1/campaigns/${scene.campaign.id}/totals?unitId=${unitId}` })).body;
const writeOn = (node: TestApp, items: object[]) => expectOk(node, 200, 'POST', '/api/v1/activity/batch', { items });
const boardOnB = async (unitId = scene.root.id) => {
  const socket = await connect(urlB, b.admin);
  sockets.push(socket);
  return subscribe(socket, { campaignId: scene.campaign.id, scope: { kind: 'unit', id: unitId } });
};
const sameResidents = async (sub: Awaited<ReturnType<typeof boardOnB>>, unitId = scene.root.id) => {
  const expected = (await sqlTotals(unitId)).residents.total;
  await eventually(() => sub.view().residents.total === expected, () => `board ${sub.view().residents.total} ≠ database ${expected}`);
};

nodes.before(async () => {
  db = await target!.open();
  redis = ownRedis!;
  // The probe of the database is slowed to a crawl: what B learns here, it learns from the feed.
  const cluster = { redisUrl: redis.url, name: `test-${randomUUID().slice(0, 8)}`, probeMs: 600_000 };
  a = await createTestNode(db.database, { ...cluster, nodeId: 'A' });
  b = await createTestNode(db.database, { ...cluster, nodeId: 'B' });
  urlB = await b.app.listen({ port: 0, host: '127.0.0.1' });
  scene = await createScene(a);
  await eventually(async () => (await b.call({ url: '/readyz' })).status === 200, () => 'B never saw Redis');
});

nodes.after(async () => {
  for (const s of sockets.splice(0)) s.close();
  await a?.dispose();
  await b?.dispose();
  await db?.dispose();
  await redis?.kill();
});

nodes('a write on A reaches a board on B through the feed, in order, once', async () => {
  const board = await boardOnB();
  for (let i = 0; i < 10; i++) await writeOn(a, [assistance(scene), assistance(scene, { quantity: 2 })]);
  await sameResidents(board);
  assert.is(board.counts.gaps, 0);
  assert.ok(board.counts.seqs.every((s, i) => i === 0 || s > board.counts.seqs[i - 1]!), `sequence numbers only grow: ${board.counts.seqs}`);
  assert.ok(b.app.cluster!.stats().received > 0, 'B heard of the commits on the feed');
});

nodes('writes on both nodes interleave into one exact total on each', async () => {
  const board = await boardOnB();
  await Promise.all(Array.from({ length: 20 }, (_, i) => writeOn(i % 2 ? a : b, [assistance(scene, { quantity: 1 + (i % 3) })])));
  await sameResidents(board);
  assert.is(board.counts.gaps, 0);
  const onA = (await a.app.live.aggregates(scene.campaign.id))!;
  await eventually(() => onA.view({ kind: 'unit', id: scene.root.id }).residents.total === board.view().residents.total, () => 'A differs from B');
});

nodes('a subscriber joining B after a write on A sees it', async () => {
  const entry = assistance(scene, { quantity: 7 });
  await writeOn(a, [entry]);
  const board = await boardOnB(scene.commune.id);
  await sameResidents(board, scene.commune.id);
});

nodes('a new target and a new unit on A reach the boards on B', async () => {
  const board = await boardOnB();
  await expectOk(a, 200, 'PUT', `/api/v1/campaigns/${scene.campaign.id}/targets`, { unitId: scene.root.id, serviceCode: 'vneid_level2', kind: 'residents', value: 900 });
  await eventually(() => board.view().targets.some((t) => t.target === 900), () => JSON.stringify(board.view().targets));

  const ward = await createUnit(a, { parentId: scene.root.id, name: 'Phường mới' });
  await writeOn(a, [assistance(scene, { unitId: ward.id, quantity: 5 })]);
  const wardBoard = await boardOnB(ward.id);
  await sameResidents(wardBoard, ward.id);
  await sameResidents(board);
});

nodes('a volunteer who joins on A after B built its totals shows by name in the feed on B', async () => {
  const board = await boardOnB();
  const person = (await created(a, '/api/v1/people', { name: 'Lê Thị Hồng Nhung', phone: `09${String(Date.now()).slice(-8)}`, memberships: [{ unitId: scene.commune.id, role: 'volunteer' }] })) as { id: number };
  const entry = assistance({ ...scene, person }, { quantity: 2 });
  await writeOn(a, [entry]);
  await eventually(() => board.state.get()!.feed.some((f) => f.person === 'Nhung L.'), () => JSON.stringify(board.state.get()!.feed.slice(0, 2)));
});

nodes('the raw activity feed on B carries rows written on A, and resumes from afterSeq', async () => {
  const messages: Array<{ type: string; seq?: number; rows?: Array<{ id: string }> }> = [];
  const url = `/api/v1/activity/stream?campaignId=${scene.campaign.id}`;
  const ws = await b.app.injectWS(url, { headers: b.admin.headers }, { onInit: (socket) => socket.on('message', (data) => messages.push(JSON.parse(String(data)))) });
  await eventually(() => messages.some((m) => m.type === 'hello'), () => 'no hello');
  const from = messages[0]!.seq!;
  const entries = [assistance(scene), assistance(scene, { quantity: 3 })];
  await writeOn(a, entries);
  await eventually(() => entries.every((e) => messages.some((m) => m.rows?.some((r) => r.id === e.id))), () => JSON.stringify(messages));
  ws.terminate();

  const resumed: typeof messages = [];
  const again = await b.app.injectWS(`${url}&afterSeq=${from}`, { headers: b.admin.headers }, { onInit: (socket) => socket.on('message', (data) => resumed.push(JSON.parse(String(data)))) });
  await eventually(() => entries.every((e) => resumed.some((m) => m.rows?.some((r) => r.id === e.id))), () => JSON.stringify(resumed));
  again.terminate();
});

nodes('a move made on A is pushed to the phone connected to B (the adapter carries targeted emits)', async () => {
  const socket = await connect(urlB, b.admin);
  sockets.push(socket);
  const notices: MoveNotice[] = [];
  socket.on('move:requested', (n) => notices.push(n));
  const ack = await socket.emitWithAck('live:subscribe', { campaignId: scene.campaign.id, scope: { kind: 'person', id: scene.person.id }, tier: 'phone' });
  assert.ok('data' in ack, JSON.stringify(ack));
  const to = (await created(a, `/api/v1/campaigns/${scene.campaign.id}/stations`, { unitId: scene.commune.id, code: `S-${randomUUID().slice(0, 6)}`, name: 'Nhà văn hoá', kind: 'other' })) as { id: number };
  const assignments = (await a.call({ url: `/api/v1/campaigns/${scene.campaign.id}/assignments?personId=${scene.person.id}` })).body as Array<{ id: number }>;
  const id = randomUUID();
  await expectOk(a, 201, 'POST', `/api/v1/campaigns/${scene.campaign.id}/moves`, {
    id,
    personIds: [scene.person.id],
    toStationId: to.id,
    expected: [{ personId: scene.person.id, assignmentId: assignments[0]?.id ?? null }],
  });
  await eventually(() => notices.length === 1, () => `notices: ${JSON.stringify(notices)}`);
  assert.is(notices[0]!.id, id);
  assert.is(notices[0]!.toStationId, to.id);
  await new Promise((r) => setTimeout(r, 300));
  assert.is(notices.length, 1, 'pushed once, not once per node');
});

nodes('a roster on B follows a move, its acknowledgement and a phone’s report made on A', async () => {
  const socket = await connect(urlB, b.admin);
  sockets.push(socket);
  const roster = await subscribeRoster(socket, { campaignId: scene.campaign.id, unitId: scene.root.id });
  const to = (await created(a, `/api/v1/campaigns/${scene.campaign.id}/stations`, { unitId: scene.commune.id, code: `S-${randomUUID().slice(0, 6)}`, name: 'Chợ Cột Đèn', kind: 'market' })) as { id: number };
  await eventually(() => roster.view().stations[to.id]?.name === 'Chợ Cột Đèn', () => 'the new station never reached B’s roster');
  const assignments = (await a.call({ url: `/api/v1/campaigns/${scene.campaign.id}/assignments?personId=${scene.person.id}` })).body as Array<{ id: number }>;
  const id = randomUUID();
  await expectOk(a, 201, 'POST', `/api/v1/campaigns/${scene.campaign.id}/moves`, { id, personIds: [scene.person.id], toStationId: to.id, expected: [{ personId: scene.person.id, assignmentId: assignments[0]?.id ?? null }] });
  await eventually(() => roster.view().people[scene.person.id]?.pendingMove?.id === id && roster.view().people[scene.person.id]?.stationId === to.id, () => JSON.stringify(roster.view().people[scene.person.id]));
  await expectOk(a, 200, 'POST', `/api/v1/moves/${id}/ack`, { personId: scene.person.id });
  await eventually(() => roster.view().people[scene.person.id]!.pendingMove === undefined, () => 'the acknowledgement on A never reached B’s roster');
  const phone = await a.signInAs('volunteer', scene.commune.id, scene.person.id);
  await expectOk(a, 204, 'POST', '/api/v1/phone/status', { campaignId: scene.campaign.id, queueLength: 12, lastSyncAt: null }, phone);
  await eventually(() => roster.view().people[scene.person.id]!.queueLength === 12, () => 'the phone’s report on A never reached B’s roster');
  assert.is(roster.counts.gaps, 0);
});

nodes('writes on A while Redis is down reach B once Redis is back (restarted empty), and the feed goes on', async () => {
  const board = await boardOnB();
  await sameResidents(board);
  const before = board.view().residents.total;
  const resyncs = b.app.cluster!.stats().resyncs;
  await redis.kill();
  await eventually(async () => (await a.call({ url: '/readyz' })).status === 503, () => 'A still reports Redis ready');
  for (let i = 0; i < 10; i++) await writeOn(a, [assistance(scene, { quantity: 3 })]);
  const expected = (await sqlTotals(scene.root.id)).residents.total;
  assert.is(expected, before + 30, 'the writes were accepted while Redis was down');
  await new Promise((r) => setTimeout(r, 500));
  assert.is(board.view().residents.total, before, 'B could not know yet (its probe is slowed down)');
  assert.ok(a.app.cluster!.stats().outbox > 0, 'A keeps what it could not tell');

  await redis.restart();
  await sameResidents(board);
  assert.ok(b.app.cluster!.stats().resyncs > resyncs, 'B resynced after reconnecting');
  await eventually(() => a.app.cluster!.stats().outbox === 0, () => 'A never emptied its outbox');

  // Cross-node delivery did not silently stop: the next write travels on the feed again.
  const received = b.app.cluster!.stats().received;
  await writeOn(a, [assistance(scene, { quantity: 4 })]);
  await sameResidents(board);
  assert.ok(b.app.cluster!.stats().received > received, 'the feed carries writes after the restart');
  assert.ok(board.counts.seqs.every((s, i) => i === 0 || s > board.counts.seqs[i - 1]!), 'no update came twice or out of order');
});

if (target && ownRedis) nodes.run();
