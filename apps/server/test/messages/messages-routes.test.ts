import { randomUUID } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { LiveScope, LiveTier, MessageNotice } from '@xk/contract';
import { assistance, code, createCampaign, createPerson, createScene, createStation } from '../helpers/fixtures';
import { connect, eventually, type LiveClientSocket } from '../helpers/live-client';
import { created, expect400, expectError, expectOk, get } from '../helpers/requests';
import { type Caller, createTestApp, type TestApp } from '../helpers/test-app';

type Message = { id: string; campaignId: number; audience: { kind: string; id: number | null }; body: string; senderId: number | null; from: string; createdAt: string };

let t: TestApp;
let url: string;
let scene: Awaited<ReturnType<typeof createScene>>;
let team: { id: number };
let otherTeam: { id: number };
let centre: { id: number };
let foreignStation: { id: number };
let coordinator: { id: number };
/** The coordinator, signed in: a message signed with their name must be sent by them. */
let asCoordinator: Caller;
/** Placed in `team` at the scene's station, and checked in today. */
let an: { id: number };
/** Placed in `otherTeam` at the centre, not on duty. */
let binh: { id: number };
const sockets: LiveClientSocket[] = [];

const messagesUrl = () => `/api/v1/campaigns/${scene.campaign.id}/messages`;
const post = (fields: Record<string, unknown>) => ({ id: randomUUID(), body: 'Tập trung tại nhà văn hóa lúc 15:00', ...fields });

/** A screen listening on one room, collecting the messages pushed to it. */
async function listen(scope: LiveScope, tier: LiveTier = 'phone') {
  const socket = await connect(url, t.admin);
  sockets.push(socket);
  const received: MessageNotice[] = [];
  socket.on('message:posted', (m) => received.push(m));
  const ack = await socket.emitWithAck('live:subscribe', { campaignId: scene.campaign.id, scope, tier });
  assert.ok('data' in ack, JSON.stringify(ack));
  return { socket, received };
}

const setup = async () => {
  t = await createTestApp();
  scene = await createScene(t);
  team = await created(t, '/api/v1/teams', { code: code('T'), name: 'Tổ công nghệ số cộng đồng', kind: 'community_digital', unitId: scene.commune.id });
  otherTeam = await created(t, '/api/v1/teams', { code: code('T'), name: 'Đội hình IT Xanh', kind: 'it_xanh', unitId: scene.commune.id });
  centre = await createStation(t, scene.campaign.id, scene.commune.id);
  const other = await createCampaign(t, scene.root.id);
  foreignStation = await createStation(t, other.id, scene.commune.id);
  coordinator = await created(t, '/api/v1/people', { name: 'Trần Thị Hoa', phone: '0912000111', memberships: [{ unitId: scene.root.id, role: 'coordinator' }] });
  asCoordinator = await t.signInAs('coordinator', scene.root.id, coordinator.id);
  an = scene.person;
  binh = await createPerson(t, scene.commune.id);
  await created(t, `/api/v1/campaigns/${scene.campaign.id}/assignments`, { personId: an.id, teamId: team.id, stationId: scene.station.id });
  await created(t, `/api/v1/campaigns/${scene.campaign.id}/assignments`, { personId: binh.id, teamId: otherTeam.id, stationId: centre.id });
  const checkIn = { id: randomUUID(), kind: 'check_in', campaignId: scene.campaign.id, personId: an.id, stationId: scene.station.id, occurredAt: new Date().toISOString() };
  await expectOk(t, 200, 'POST', '/api/v1/activity/batch', { items: [checkIn] });
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
};
const teardown = async () => {
  for (const s of sockets.splice(0)) s.close();
  await t.dispose();
};

// ─── Posting and pushing ─────────────────────────────────────────────────────────────────────────

const push = suite('POST /api/v1/campaigns/:id/messages — stored and pushed');
push.before(setup);
push.after(teardown);

let toTeam: Message;
let toTeamInput: ReturnType<typeof post>;

push('a message to a team is stored and pushed to the team room, with the sender named briefly', async () => {
  const teamRoom = await listen({ kind: 'team', id: team.id });
  const otherRoom = await listen({ kind: 'team', id: otherTeam.id }, 'board');
  toTeamInput = post({ audience: { kind: 'team', id: team.id }, senderId: coordinator.id });
  toTeam = await expectOk(t, 201, 'POST', messagesUrl(), toTeamInput, asCoordinator);
  assert.equal({ ...toTeam, createdAt: '' }, {
    id: toTeamInput.id, campaignId: scene.campaign.id, audience: { kind: 'team', id: team.id }, body: toTeamInput.body, senderId: coordinator.id, from: 'Hoa T.', createdAt: '',
  });
  await eventually(() => teamRoom.received.length > 0, () => 'no message:posted arrived');
  assert.equal(teamRoom.received, [
    { id: toTeam.id, campaignId: scene.campaign.id, audience: { kind: 'team', id: team.id }, body: toTeam.body, from: 'Hoa T.', at: toTeam.createdAt },
  ]);
  assert.equal(otherRoom.received, [], 'not to another team');
});

push('a retry is answered with the stored message; the same id for another message is a 409', async () => {
  const again = await expectOk(t, 200, 'POST', messagesUrl(), toTeamInput, asCoordinator);
  assert.equal(again, toTeam);
  await expectError(t, 409, 'POST', messagesUrl(), { ...toTeamInput, senderId: undefined, body: 'Khác' }, 'body/id');
  assert.is(((await get(t, messagesUrl())) as Message[]).length, 1, 'stored once');
});

push('a message to a station reaches the phones of the people placed there, even subscribed to their own room only', async () => {
  const anPhone = await listen({ kind: 'person', id: an.id });
  const binhPhone = await listen({ kind: 'person', id: binh.id });
  const message = await expectOk(t, 201, 'POST', messagesUrl(), post({ audience: { kind: 'station', id: scene.station.id }, body: 'Điểm chợ: mang thêm tờ rơi VNeID' }));
  assert.is(message.from, 'Ban điều phối', 'no sender: the coordination desk');
  await eventually(() => anPhone.received.length > 0, () => 'no message:posted on the person room');
  assert.is(anPhone.received[0]!.id, message.id);
  assert.equal(binhPhone.received, []);
});

push('a message to everyone on duty reaches those checked in, not the others', async () => {
  const anPhone = await listen({ kind: 'person', id: an.id });
  const binhPhone = await listen({ kind: 'person', id: binh.id });
  const console_ = await listen({ kind: 'unit', id: scene.root.id }, 'board');
  // The phone also shows the campaign's totals: its socket is in two rooms the message goes to.
  assert.ok('data' in (await anPhone.socket.emitWithAck('live:subscribe', { campaignId: scene.campaign.id, scope: { kind: 'unit', id: scene.root.id }, tier: 'phone' })));
  const message = await expectOk(t, 201, 'POST', messagesUrl(), post({ audience: { kind: 'on_duty' }, body: 'Cảm ơn các bạn, nghỉ trưa 30 phút' }));
  assert.equal(message.audience, { kind: 'on_duty', id: null });
  await eventually(() => anPhone.received.length > 0 && console_.received.length > 0, () => 'on-duty message not pushed');
  assert.is(anPhone.received[0]!.id, message.id);
  await new Promise((r) => setTimeout(r, 200));
  assert.is(anPhone.received.length, 1, 'once, though the socket is in two rooms it was sent to');
  assert.equal(binhPhone.received, [], 'binh is not on duty');
});

push('a phone that was offline catches up on reconnecting: its team, its station, everyone on duty', async () => {
  const phone = await listen({ kind: 'person', id: an.id });
  const seen = (await get(t, `${messagesUrl()}?personId=${an.id}`)) as Message[];
  assert.equal(seen.map((m) => m.audience.kind), ['team', 'station', 'on_duty']);
  const lastSeen = seen[seen.length - 1]!.createdAt;

  phone.socket.disconnect();
  const missed = [
    await expectOk(t, 201, 'POST', messagesUrl(), post({ audience: { kind: 'team', id: team.id }, body: 'Đội mình chuyển sang trung tâm' })),
    await expectOk(t, 201, 'POST', messagesUrl(), post({ audience: { kind: 'team', id: otherTeam.id }, body: 'Không phải cho An' })),
    await expectOk(t, 201, 'POST', messagesUrl(), post({ audience: { kind: 'station', id: centre.id }, body: 'Cũng không phải cho An' })),
    await expectOk(t, 201, 'POST', messagesUrl(), post({ audience: { kind: 'on_duty' }, body: 'Tổng kết lúc 17:00' })),
  ];
  phone.socket.connect();
  await eventually(() => phone.socket.connected, () => 'did not reconnect');
  assert.equal(phone.received, [], 'nothing arrived while offline');

  const caughtUp = (await get(t, `${messagesUrl()}?personId=${an.id}&after=${encodeURIComponent(lastSeen)}`)) as Message[];
  assert.equal(caughtUp, [missed[0], missed[3]]);
  const forBinh = (await get(t, `${messagesUrl()}?personId=${binh.id}&after=${encodeURIComponent(lastSeen)}`)) as Message[];
  assert.equal(forBinh, [missed[1], missed[2], missed[3]]);
  assert.is(((await get(t, messagesUrl())) as Message[]).length, 7, 'without personId: every message of the campaign');
});

push.run();

// ─── Bad input ───────────────────────────────────────────────────────────────────────────────────

const invalid = suite('Messages: bad input');
invalid.before(setup);
invalid.after(teardown);

invalid('each mistake is a 400 naming its field, and nothing is stored', async () => {
  const elsewhere = await created(t, '/api/v1/units', { code: code('U'), name: 'Tỉnh đoàn khác' });
  const foreignTeam = await created(t, '/api/v1/teams', { code: code('T'), name: 'Đội khác', kind: 'it_xanh', unitId: elsewhere.id });
  const cases: Array<[object, string]> = [
    [post({ id: 'nope', audience: { kind: 'on_duty' } }), 'body/id'],
    [post({ audience: { kind: 'everyone' } }), 'body/audience/kind'],
    [post({ audience: { kind: 'on_duty', id: team.id } }), 'body/audience/id'],
    [post({ audience: { kind: 'team' } }), 'body/audience/id'],
    [post({ audience: { kind: 'team', id: 999999 } }), 'body/audience/id'],
    [post({ audience: { kind: 'team', id: foreignTeam.id } }), 'body/audience/id'],
    [post({ audience: { kind: 'station', id: foreignStation.id } }), 'body/audience/id'],
    [post({ audience: { kind: 'station', id: 0 } }), 'body/audience/id'],
    [post({ audience: { kind: 'on_duty' }, body: '' }), 'body/body'],
    [post({ audience: { kind: 'on_duty' }, body: '   ' }), 'body/body'],
    [post({ audience: { kind: 'on_duty' }, body: 'x'.repeat(1001) }), 'body/body'],
    [post({ audience: { kind: 'on_duty' }, extra: 1 }), 'body/extra'],
    [{ id: randomUUID(), body: 'x' }, 'body/audience'],
  ];
  for (const [payload, field] of cases) await expect400(t, 'POST', messagesUrl(), payload, field);
  const forged = await t.call({ method: 'POST', url: messagesUrl(), payload: post({ audience: { kind: 'on_duty' }, senderId: coordinator.id }) });
  assert.is(forged.status, 403, 'no message signed with someone else’s name');
  await expectError(t, 404, 'POST', '/api/v1/campaigns/999999/messages', post({ audience: { kind: 'on_duty' } }));
  assert.equal(await get(t, messagesUrl()), []);

  await expect400(t, 'GET', `${messagesUrl()}?personId=999999`, undefined, 'query/personId');
  await expect400(t, 'GET', `${messagesUrl()}?after=yesterday`, undefined, 'query/after');
  await expect400(t, 'GET', `${messagesUrl()}?limit=0`, undefined, 'query/limit');
  await expectError(t, 404, 'GET', '/api/v1/campaigns/999999/messages');
});

invalid.run();

// ─── Phone status, reported with each sync ───────────────────────────────────────────────────────

const phone = suite('Phone status: reported with the batch write');
phone.before(setup);
phone.after(teardown);

const statusUrl = () => `/api/v1/campaigns/${scene.campaign.id}/phone-status`;

phone('a batch with `client` records the queue length and last sync; a later one replaces it', async () => {
  const lastSyncAt = new Date(Date.now() - 5 * 60_000).toISOString();
  const before = Date.now();
  const client = { personId: an.id, campaignId: scene.campaign.id, queueLength: 12, lastSyncAt };
  const res = await expectOk(t, 200, 'POST', '/api/v1/activity/batch', { items: [assistance(scene)], client });
  assert.is(res.results[0].status, 'accepted');
  const [status] = (await get(t, `${statusUrl()}?personId=${an.id}`)) as Array<{ queueLength: number; lastSyncAt: string; lastSeenAt: string; personId: number; campaignId: number }>;
  assert.equal({ ...status!, lastSeenAt: '' }, { campaignId: scene.campaign.id, personId: an.id, queueLength: 12, lastSyncAt, lastSeenAt: '' });
  assert.ok(Date.parse(status!.lastSeenAt) >= before - 1000 && Date.parse(status!.lastSeenAt) <= Date.now() + 1000, 'lastSeenAt is the server clock');

  const later = new Date().toISOString();
  await expectOk(t, 200, 'POST', '/api/v1/activity/batch', { items: [assistance(scene)], client: { ...client, queueLength: 0, lastSyncAt: later } });
  const all = (await get(t, statusUrl())) as Array<{ queueLength: number; lastSyncAt: string }>;
  assert.is(all.length, 1);
  assert.equal([all[0]!.queueLength, all[0]!.lastSyncAt], [0, later]);
});

phone('a bad `client` is a 400 naming its field, and none of the batch is written', async () => {
  const entry = assistance(scene);
  const client = { personId: an.id, campaignId: scene.campaign.id, queueLength: 1, lastSyncAt: new Date().toISOString() };
  await expect400(t, 'POST', '/api/v1/activity/batch', { items: [entry], client: { ...client, personId: 999999 } }, 'body/client/personId');
  await expect400(t, 'POST', '/api/v1/activity/batch', { items: [entry], client: { ...client, campaignId: 999999 } }, 'body/client/campaignId');
  await expect400(t, 'POST', '/api/v1/activity/batch', { items: [entry], client: { ...client, queueLength: -1 } }, 'body/client/queueLength');
  await expect400(t, 'POST', '/api/v1/activity/batch', { items: [entry], client: { ...client, lastSyncAt: 'now' } }, 'body/client/lastSyncAt');
  await expect400(t, 'POST', '/api/v1/activity/batch', { items: [entry], client: { personId: an.id } }, 'body/client/campaignId');
  const written = (await get(t, `/api/v1/campaigns/${scene.campaign.id}/activity?personId=${an.id}&limit=1000`)) as Array<{ id: string }>;
  assert.not.ok(written.some((w) => w.id === entry.id), 'the entry was not written');
  await expect400(t, 'GET', `${statusUrl()}?personId=abc`, undefined, 'query/personId');
  await expectError(t, 404, 'GET', '/api/v1/campaigns/999999/phone-status');
});

phone.run();
