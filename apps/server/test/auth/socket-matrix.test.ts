import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { code, createCampaign, createPerson, createStation, createUnit } from '../helpers/fixtures';
import { connect, type LiveClientSocket } from '../helpers/live-client';
import { created } from '../helpers/requests';
import { createTestApp, type TestApp } from '../helpers/test-app';

/**
 * Every Socket.IO event a client may send, and every kind of live room, × every kind of caller ×
 * in and out of scope, against the decision. An event the hub handles that this table does not
 * list fails the suite.
 */
const matrix = suite('access matrix: socket events and live rooms');

let t: TestApp;
let url: string;
const open: LiveClientSocket[] = [];
type Target = 'root' | 'unitA' | 'unitB' | 'stationA' | 'stationB' | 'teamA' | 'teamB' | 'personA' | 'personB' | 'otherCampaign';
type Caller = 'volunteerA' | 'coordinatorA' | 'organizerA' | 'admin' | 'boardA' | 'tokenA';
const ids: Record<string, number> = {};
const secrets: Partial<Record<Caller, string>> = {};

/** The events a client may send, and what the table checks for each. */
const events = ['live:subscribe', 'live:unsubscribe', 'roster:subscribe'];

/** live:subscribe: which rooms each caller may watch (everything else is refused). */
const allowed: Record<Caller, Target[]> = {
  // A volunteer of A: their unit, its stations and teams, the progress above (of any campaign over
  // their unit: the other campaign covers the whole province too); only their own person view.
  volunteerA: ['root', 'unitA', 'stationA', 'teamA', 'personA', 'otherCampaign'],
  coordinatorA: ['root', 'unitA', 'stationA', 'teamA', 'personA', 'otherCampaign'],
  organizerA: ['root', 'unitA', 'stationA', 'teamA', 'personA', 'otherCampaign'],
  admin: ['root', 'unitA', 'unitB', 'stationA', 'stationB', 'teamA', 'teamB', 'personA', 'personB', 'otherCampaign'],
  // A board of A's campaign at unit A: inside its unit only, no person, no other campaign.
  boardA: ['unitA', 'stationA', 'teamA'],
  // Tokens read the raw activity feed, not live views.
  tokenA: [],
};

const request = (target: Target) => {
  const campaignId = target === 'otherCampaign' ? ids.otherCampaign! : ids.campaign!;
  const scope =
    target === 'root' || target === 'otherCampaign' ? { kind: 'unit', id: ids.root! }
    : target.startsWith('unit') ? { kind: 'unit', id: ids[target]! }
    : target.startsWith('station') ? { kind: 'station', id: ids[target]! }
    : target.startsWith('team') ? { kind: 'team', id: ids[target]! }
    : { kind: 'person', id: ids[target]! };
  return { campaignId, scope, tier: target.startsWith('person') ? 'phone' : 'board' } as never;
};

matrix.before(async () => {
  t = await createTestApp();
  const root = await createUnit(t, { name: 'Tỉnh đoàn' });
  const [a, b] = [await createUnit(t, { parentId: root.id, name: 'Huyện đoàn A' }), await createUnit(t, { parentId: root.id, name: 'Huyện đoàn B' })];
  const campaign = await createCampaign(t, root.id);
  const other = await createCampaign(t, root.id);
  Object.assign(ids, { root: root.id, unitA: a.id, unitB: b.id, campaign: campaign.id, otherCampaign: other.id });
  ids.stationA = (await createStation(t, campaign.id, a.id)).id;
  ids.stationB = (await createStation(t, campaign.id, b.id)).id;
  ids.teamA = ((await created(t, '/api/v1/teams', { code: code('T'), name: 'Đội A', unitId: a.id })) as { id: number }).id;
  ids.teamB = ((await created(t, '/api/v1/teams', { code: code('T'), name: 'Đội B', unitId: b.id })) as { id: number }).id;
  ids.personA = (await createPerson(t, a.id)).id;
  ids.personB = (await createPerson(t, b.id)).id;
  secrets.volunteerA = (await t.signInAs('volunteer', a.id, ids.personA)).secret;
  secrets.coordinatorA = (await t.signInAs('coordinator', a.id)).secret;
  secrets.organizerA = (await t.signInAs('organizer', a.id)).secret;
  secrets.admin = t.admin.secret;
  secrets.boardA = (await t.app.auth.openScreenSession({ kind: 'board', unitId: a.id, campaignId: campaign.id })).secret;
  secrets.tokenA = (await t.app.auth.openScreenSession({ kind: 'token', unitId: a.id })).secret;
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
matrix.after(async () => {
  for (const s of open) s.close();
  await t.dispose();
});

matrix('the events the hub handles are exactly the ones in this table', async () => {
  const socket = await connect(url, t.admin);
  open.push(socket);
  const server = [...t.app.io.of('/').sockets.values()].find((s) => s.id === socket.id)!;
  // ('error' is Socket.IO's own, reserved: a client cannot send it.)
  const handled = server.eventNames().map(String).filter((name) => name !== 'error');
  assert.equal(handled.sort(), [...events].sort(), 'an event without a row here has no checked policy');
});

matrix('signed out: no socket at all', async () => {
  assert.is(await connect(url, null).then(() => 'connected', (err: Error) => err.message), 'unauthorized');
});

matrix('live:subscribe: every caller × every kind of room, in and out of scope', async () => {
  const wrong: string[] = [];
  const targets: Target[] = ['root', 'unitA', 'unitB', 'stationA', 'stationB', 'teamA', 'teamB', 'personA', 'personB', 'otherCampaign'];
  for (const caller of Object.keys(allowed) as Caller[]) {
    const socket = await connect(url, { secret: secrets[caller]! });
    open.push(socket);
    for (const target of targets) {
      const ack = await socket.emitWithAck('live:subscribe', request(target));
      const got = 'data' in ack ? 'allowed' : ack.error === 'forbidden' ? 'refused' : `error ${ack.error}: ${ack.message}`;
      const expected = allowed[caller].includes(target) ? 'allowed' : 'refused';
      if (got !== expected) wrong.push(`${caller} → ${target}: ${got}, expected ${expected}`);
    }
  }
  assert.equal(wrong, []);
});

/** roster:subscribe: names and phone numbers, so only coordinators over the unit itself (not above it, not a sibling). */
const rosterAllowed: Record<Caller, Array<'root' | 'unitA' | 'unitB'>> = {
  volunteerA: [],
  coordinatorA: ['unitA'],
  organizerA: ['unitA'],
  admin: ['root', 'unitA', 'unitB'],
  boardA: [],
  tokenA: [],
};

matrix('roster:subscribe: every caller × the province, their unit and a sibling', async () => {
  const wrong: string[] = [];
  for (const caller of Object.keys(rosterAllowed) as Caller[]) {
    const socket = await connect(url, { secret: secrets[caller]! });
    open.push(socket);
    for (const target of ['root', 'unitA', 'unitB'] as const) {
      const ack = await socket.emitWithAck('roster:subscribe', { campaignId: ids.campaign!, unitId: ids[target]! });
      const got = 'data' in ack ? 'allowed' : ack.error === 'forbidden' ? 'refused' : `error ${ack.error}: ${ack.message}`;
      const expected = rosterAllowed[caller].includes(target) ? 'allowed' : 'refused';
      if (got !== expected) wrong.push(`${caller} → roster of ${target}: ${got}, expected ${expected}`);
    }
  }
  assert.equal(wrong, []);
});

matrix('live:unsubscribe: anyone may leave a room (leaving one never joined does nothing)', async () => {
  for (const caller of Object.keys(allowed) as Caller[]) {
    const socket = await connect(url, { secret: secrets[caller]! });
    open.push(socket);
    const ack = await socket.emitWithAck('live:unsubscribe', { room: `board:${ids.campaign}:u${ids.unitB}` } as never);
    assert.equal(ack, { data: true }, caller);
  }
});

matrix.run();
