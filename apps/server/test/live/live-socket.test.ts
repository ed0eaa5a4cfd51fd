import { randomUUID } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import WebSocket from 'ws';
import { eq } from 'drizzle-orm';
import { schema } from '@xk/db';
import { assistance, createScene } from '../helpers/fixtures';
import { connect, eventually, subscribe } from '../helpers/live-client';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
let url: string;
let scene: Awaited<ReturnType<typeof createScene>>;
const sqlTotals = async (unitId: number) => (await t.call({ method: 'GET', url: `/api/v1/campaigns/${scene.campaign.id}/totals?unitId=${unitId}` })).body;
const write = (items: object[]) => t.call({ method: 'POST', url: '/api/v1/activity/batch', payload: { items } });

const transport = suite('Socket.IO beside @fastify/websocket');
transport.before(async () => {
  t = await createTestApp();
  scene = await createScene(t);
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
});

transport('a Socket.IO client that starts on long-polling ends up on the websocket transport', async () => {
  const socket = await connect(url, t.admin, ['polling', 'websocket']);
  await eventually(() => socket.io.engine.transport.name === 'websocket', () => `transport is ${socket.io.engine.transport.name}`);
  socket.close();
});

transport('the raw WebSocket activity feed works on the same server', async () => {
  const ws = new WebSocket(`${url.replace("http", "ws")}/api/v1/activity/stream?campaignId=${scene.campaign.id}`, { headers: { cookie: t.admin.headers.cookie } });
  const messages: Array<{ type: string; rows?: Array<{ id: string }> }> = [];
  ws.on('message', (data) => messages.push(JSON.parse(String(data))));
  await eventually(() => messages.some((m) => m.type === 'hello'), () => JSON.stringify(messages));
  const entry = assistance(scene);
  await write([entry]);
  await eventually(() => messages.some((m) => m.rows?.some((r) => r.id === entry.id)), () => JSON.stringify(messages));
  ws.close();
});

transport.run();

const live = suite('live:subscribe — snapshot, ordered deltas, resync');

live('a snapshot, then deltas that keep the view equal to the database', async () => {
  const socket = await connect(url, t.admin);
  const sub = await subscribe(socket, { campaignId: scene.campaign.id, scope: { kind: 'unit', id: scene.root.id } });
  const start = sub.view().residents.total;
  assert.is(start, (await sqlTotals(scene.root.id)).residents.total);
  for (let i = 0; i < 5; i++) await write([assistance(scene, { quantity: 2 }), assistance(scene, { serviceCode: 'cashless_payment', beneficiary: 'shop' })]);
  const expected = await sqlTotals(scene.root.id);
  await eventually(() => sub.view().residents.total === expected.residents.total && sub.view().shops.total === expected.shops.total, () => JSON.stringify(sub.view().residents));
  assert.is(sub.counts.gaps, 0);
  assert.ok(sub.counts.seqs.every((s, i) => i === 0 || s > sub.counts.seqs[i - 1]!), 'sequence numbers only grow');
  assert.equal(sub.view().residents, expected.residents);
  assert.equal(sub.view().volunteers, expected.volunteers);
  assert.ok(sub.state.get()!.feed.length > 0, 'the feed carries the new entries');
  assert.not.ok(JSON.stringify(sub.state.get()!.feed).includes('Nguyễn Văn Thử'), 'names in the feed are shortened');
  socket.close();
});

live('a missed delta is detected, and a fresh snapshot restores the exact totals', async () => {
  const socket = await connect(url, t.admin);
  const sub = await subscribe(socket, { campaignId: scene.campaign.id, scope: { kind: 'station', id: scene.station.id } });
  sub.dropNextDelta();
  await write([assistance(scene, { quantity: 3 })]);
  await eventually(() => sub.counts.deltas >= 1, () => 'no delta');
  await write([assistance(scene, { quantity: 4 })]);
  await eventually(() => sub.counts.gaps === 1 && sub.counts.snapshots === 2, () => JSON.stringify(sub.counts));
  const station = (await t.call({ method: 'GET', url: `/api/v1/campaigns/${scene.campaign.id}/activity?limit=1000` })).body
    .filter((r: { stationId: number; tally: string; beneficiary: string }) => r.stationId === scene.station.id && r.tally === 'assistance' && r.beneficiary === 'resident')
    .reduce((n: number, r: { quantity: number }) => n + r.quantity, 0);
  await eventually(() => sub.view().residents.total === station, () => `${sub.view().residents.total} ≠ ${station}`);
  socket.close();
});

live('people, stations and teams named after the totals were built show by name in the feed', async () => {
  const socket = await connect(url, t.admin);
  const sub = await subscribe(socket, { campaignId: scene.campaign.id, scope: { kind: 'unit', id: scene.root.id } });
  // A ward of its own, so the commune's totals (the coalescing test's) stay one person's.
  const ward = (await t.call({ method: 'POST', url: '/api/v1/units', payload: { code: `W-${randomUUID().slice(0, 6)}`, name: 'Phường Mới', parentId: scene.root.id } })).body;
  const person = (await t.call({ method: 'POST', url: '/api/v1/people', payload: { name: 'Phạm Minh Quân', phone: `09${String(Date.now()).slice(-8)}`, memberships: [{ unitId: ward.id, role: 'volunteer' }] } })).body;
  const station = (await t.call({ method: 'POST', url: `/api/v1/campaigns/${scene.campaign.id}/stations`, payload: { unitId: ward.id, code: `S-${randomUUID().slice(0, 6)}`, name: 'Nhà văn hoá khu 3', kind: 'other' } })).body;
  await write([assistance({ ...scene, person, station })]);
  await eventually(() => sub.state.get()!.feed.some((f) => f.person === 'Quân P.' && f.stationName === 'Nhà văn hoá khu 3'), () => JSON.stringify(sub.state.get()!.feed[0]));
  socket.close();
});

live('a unit the live totals have not heard of yet (made a moment ago on another hub) is read from the database, not refused', async () => {
  // Written behind the services' back: no tree-changed event, as when the news is still on its way from another hub.
  const db = t.app.database.db;
  const [row] = await db.insert(schema.units).values({ code: `LATE-${randomUUID().slice(0, 6)}`, name: 'Chi đoàn vừa lập', parentId: scene.root.id }).returning({ id: schema.units.id });
  await db.update(schema.units).set({ path: `${scene.root.path}${row!.id}/`, depth: 1 }).where(eq(schema.units.id, row!.id));
  const socket = await connect(url, t.admin);
  const ack = await socket.emitWithAck('live:subscribe', { campaignId: scene.campaign.id, scope: { kind: 'unit', id: row!.id } });
  assert.ok('data' in ack, JSON.stringify(ack));
  const missing = await socket.emitWithAck('live:subscribe', { campaignId: scene.campaign.id, scope: { kind: 'unit', id: 2_000_000_000 } });
  assert.is('error' in missing && missing.error, 'not_found', 'a unit that does not exist is still not found');
  socket.close();
});

live('bad subscriptions are answered with an error naming what is wrong', async () => {
  const socket = await connect(url, t.admin);
  for (const [req, error] of [
    [{ campaignId: 'x', scope: { kind: 'unit', id: 1 } }, 'validation'],
    [{ campaignId: scene.campaign.id, scope: { kind: 'planet', id: 1 } }, 'validation'],
    [{ campaignId: scene.campaign.id, scope: { kind: 'unit', id: 1 }, tier: 'tv' }, 'validation'],
    [{ campaignId: 999999, scope: { kind: 'unit', id: 1 } }, 'not_found'],
    [{ campaignId: scene.campaign.id, scope: { kind: 'unit', id: 999999 } }, 'not_found'],
  ] as const) {
    const ack = await socket.emitWithAck('live:subscribe', req as never);
    assert.ok('error' in ack && ack.error === error, JSON.stringify([req, ack]));
  }
  socket.close();
});

live.run();

const coalescing = suite('coalescing');
coalescing.after(() => t.dispose());

coalescing('1,000 writes in a burst reach a board room as a bounded number of messages, with exact final totals', async () => {
  const board = await connect(url, t.admin);
  const phone = await connect(url, t.admin);
  const boardSub = await subscribe(board, { campaignId: scene.campaign.id, scope: { kind: 'unit', id: scene.commune.id }, tier: 'board' });
  const phoneSub = await subscribe(phone, { campaignId: scene.campaign.id, scope: { kind: 'person', id: scene.person.id }, tier: 'phone' });
  const started = Date.now();
  const singles = Array.from({ length: 1000 }, () => t.call({ method: 'POST', url: '/api/v1/activity', payload: assistance(scene, { id: randomUUID() }) }));
  const statuses = (await Promise.all(singles)).map((r) => r.status);
  assert.ok(statuses.every((s) => s === 201));
  const expected = await sqlTotals(scene.commune.id);
  await eventually(() => boardSub.view().residents.total === expected.residents.total, () => `${boardSub.view().residents.total} ≠ ${expected.residents.total}`);
  await eventually(() => phoneSub.view().residents.total === expected.residents.total, () => `${phoneSub.view().residents.total} ≠ ${expected.residents.total}`);
  const elapsed = Date.now() - started;
  // One message per room per flush at most: 10/s for boards, 1/s for phones (+2 for the edges).
  assert.ok(boardSub.counts.deltas <= Math.ceil(elapsed / 100) + 2, `${boardSub.counts.deltas} board messages in ${elapsed} ms`);
  assert.ok(phoneSub.counts.deltas <= Math.ceil(elapsed / 1000) + 2, `${phoneSub.counts.deltas} phone messages in ${elapsed} ms`);
  console.log(`coalescing: ${boardSub.counts.deltas} board and ${phoneSub.counts.deltas} phone messages for 1,000 writes in ${elapsed} ms`);
  assert.ok(boardSub.counts.deltas < 1000 / 5, `${boardSub.counts.deltas} board messages for 1,000 writes`);
  board.close();
  phone.close();
});

coalescing.run();
