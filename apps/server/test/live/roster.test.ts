import { randomUUID } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { RosterView } from '@xk/contract';
import { code, createCampaign, createPerson, createStation, createUnit, middayTimezone } from '../helpers/fixtures';
import { connect, eventually, type LiveClientSocket, subscribeRoster } from '../helpers/live-client';
import { created, expectOk, get } from '../helpers/requests';
import { type Caller, createTestApp, type TestApp } from '../helpers/test-app';

/**
 * The coordinator's roster over a real socket: what it holds of a ward (its people, stations and
 * teams, nobody else's), and how it follows check-ins, taps, phone reports, moves, acknowledgements,
 * undos, check-outs and a volunteer joining, each read against the database.
 */

let t: TestApp;
let url: string;
const sockets: LiveClientSocket[] = [];
const s = {} as {
  root: { id: number };
  wardA: { id: number };
  wardB: { id: number };
  campaign: { id: number };
  a1: { id: number };
  a2: { id: number };
  b1: { id: number };
  team: { id: number };
  shift: { id: number };
  p1: { id: number };
  p2: { id: number };
  p3: { id: number };
  p4: { id: number };
  coordA: Caller;
};

const assignmentOf = async (personId: number) =>
  ((await get(t, `/api/v1/campaigns/${s.campaign.id}/assignments?personId=${personId}`)) as Array<{ id: number; stationId: number | null; teamId: number | null }>)[0];
const entry = (personId: number, fields: Record<string, unknown>) => ({ id: randomUUID(), campaignId: s.campaign.id, personId, occurredAt: new Date().toISOString(), ...fields });
const write = (items: object[]) => expectOk(t, 200, 'POST', '/api/v1/activity/batch', { items });
const ids = (record: Record<string, unknown>) => Object.keys(record).map(Number).sort((x, y) => x - y);

async function rosterAs(caller: Caller, unitId: number) {
  const socket = await connect(url, caller);
  sockets.push(socket);
  return subscribeRoster(socket, { campaignId: s.campaign.id, unitId });
}

const roster = suite('roster:subscribe — a ward’s people, stations and teams, live');

roster.before(async () => {
  t = await createTestApp();
  s.root = await createUnit(t, { name: 'Thành đoàn Thử' });
  s.wardA = await createUnit(t, { parentId: s.root.id, name: 'Đoàn phường A', memberCount: 40 });
  s.wardB = await createUnit(t, { parentId: s.root.id, name: 'Đoàn phường B', memberCount: 40 });
  s.campaign = await createCampaign(t, s.root.id, { timezone: middayTimezone() });
  s.a1 = await createStation(t, s.campaign.id, s.wardA.id);
  s.a2 = await createStation(t, s.campaign.id, s.wardA.id);
  s.b1 = await createStation(t, s.campaign.id, s.wardB.id);
  await expectOk(t, 200, 'PATCH', `/api/v1/stations/${s.a1.id}`, { peopleNeeded: 2 });
  s.shift = await created(t, `/api/v1/stations/${s.a1.id}/shifts`, { startsAt: new Date(Date.now() - 3_600_000).toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString(), peopleNeeded: 4 });
  s.team = await created(t, '/api/v1/teams', { code: code('T'), name: 'Đội hình IT Xanh A', kind: 'it_xanh', unitId: s.wardA.id });
  s.p1 = await createPerson(t, s.wardA.id);
  s.p2 = await createPerson(t, s.wardA.id);
  s.p3 = await createPerson(t, s.wardB.id);
  s.p4 = await createPerson(t, s.wardA.id); // a volunteer of the ward, not placed yet
  await t.signInAs('volunteer', s.wardA.id, s.p4.id);
  for (const [p, fields] of [[s.p1, { stationId: s.a1.id, teamId: s.team.id }], [s.p2, { stationId: s.a2.id }], [s.p3, { stationId: s.b1.id }]] as const) {
    await created(t, `/api/v1/campaigns/${s.campaign.id}/assignments`, { personId: p.id, ...fields });
  }
  s.coordA = await t.signInAs('coordinator', s.wardA.id);
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
});

roster.after(async () => {
  for (const socket of sockets.splice(0)) socket.close();
  await t.dispose();
});

roster('the snapshot holds the ward’s own people, stations and teams, as the database has them', async () => {
  const sub = await rosterAs(s.coordA, s.wardA.id);
  const view = sub.view();
  assert.equal(ids(view.people), [s.p1.id, s.p2.id, s.p4.id], 'ward B’s volunteer is not in ward A’s roster; the unplaced volunteer is');
  assert.equal(ids(view.stations), [s.a1.id, s.a2.id]);
  assert.equal(ids(view.teams), [s.team.id]);
  const p1 = view.people[s.p1.id]!;
  const placed = await assignmentOf(s.p1.id);
  assert.equal([p1.assignmentId, p1.stationId, p1.teamId, p1.unitId, p1.duty, p1.helpedToday], [placed!.id, s.a1.id, s.team.id, s.wardA.id, 'not_arrived', 0]);
  assert.is(p1.lastActionAt, undefined);
  assert.ok(p1.phone.startsWith('+84'), 'coordinators see the number to call');
  assert.is(view.people[s.p4.id]!.stationId, undefined, 'not placed');
  assert.is(view.stations[s.a1.id]!.peopleNeeded, 4, 'the running shift’s figure');
  assert.is(view.stations[s.a1.id]!.shift?.id, s.shift.id);
  assert.is(view.stations[s.a2.id]!.peopleNeeded, 0, 'no shift: the station’s figure');
  assert.equal(view.moves, {});
});

roster('check-ins, taps and a phone’s report show at once: duty, last action, last heard, unsent actions, counts', async () => {
  const sub = await rosterAs(s.coordA, s.wardA.id);
  await write([entry(s.p1.id, { kind: 'check_in', stationId: s.a1.id }), entry(s.p1.id, { kind: 'assistance', stationId: s.a1.id, serviceCode: 'vneid_level2', quantity: 3 }), entry(s.p1.id, { kind: 'assistance', stationId: s.a1.id, serviceCode: 'vneid_level2', quantity: 2 })]);
  await eventually(() => sub.view().people[s.p1.id]!.helpedToday === 5, () => JSON.stringify(sub.view().people[s.p1.id]));
  const p1 = sub.view().people[s.p1.id]!;
  assert.is(p1.duty, 'on_duty');
  assert.is(p1.dutyStationId, s.a1.id);
  assert.ok(p1.checkedInAt && p1.lastActionAt && p1.lastHeardAt);
  assert.equal([sub.view().stations[s.a1.id]!.onDutyNow, sub.view().stations[s.a1.id]!.residentsToday], [1, 5]);
  assert.is(sub.view().teams[s.team.id]!.onDutyNow, 0, 'the check-in named no team');

  const phone = await t.signInAs('volunteer', s.wardA.id, s.p1.id);
  const heard = sub.view().people[s.p1.id]!.lastHeardAt!;
  await new Promise((r) => setTimeout(r, 20));
  await expectOk(t, 204, 'POST', '/api/v1/phone/status', { campaignId: s.campaign.id, queueLength: 7, lastSyncAt: new Date().toISOString() }, phone);
  await eventually(() => sub.view().people[s.p1.id]!.queueLength === 7, () => JSON.stringify(sub.view().people[s.p1.id]));
  assert.ok(sub.view().people[s.p1.id]!.lastHeardAt! > heard, 'heard again: the report, though no entry came');

  // The on-duty figures are the totals' own.
  const totals = (await get(t, `/api/v1/campaigns/${s.campaign.id}/totals?unitId=${s.wardA.id}`)) as { volunteers: { onDutyNow: number } };
  const onDuty = Object.values(sub.view().people).filter((p) => p.duty === 'on_duty').length;
  assert.is(onDuty, totals.volunteers.onDutyNow);
  assert.is(sub.counts.gaps, 0);
});

roster('a move, its acknowledgement, its undo and a check-out each show, placements equal to the database', async () => {
  const sub = await rosterAs(s.coordA, s.wardA.id);
  const before = await assignmentOf(s.p1.id);
  const move = (await expectOk(t, 201, 'POST', `/api/v1/campaigns/${s.campaign.id}/moves`, { id: randomUUID(), personIds: [s.p1.id], toStationId: s.a2.id, requestedById: s.coordA.personId, expected: [{ personId: s.p1.id, assignmentId: before!.id }] }, s.coordA)) as { id: string };
  await eventually(() => sub.view().people[s.p1.id]!.stationId === s.a2.id, () => JSON.stringify(sub.view().people[s.p1.id]));
  const after = await assignmentOf(s.p1.id);
  let p1 = sub.view().people[s.p1.id]!;
  assert.is(p1.assignmentId, after!.id, 'the placement a next move must name');
  assert.is(p1.pendingMove?.id, move.id);
  const shown = sub.view().moves[move.id]!;
  assert.equal([shown.toStationId, shown.people[s.p1.id]], [s.a2.id, { fromStationId: s.a1.id, fromTeamId: s.team.id, acknowledged: false, isCurrent: true }]);
  assert.is(shown.by, 'Người thử coordinator'.split(' ').slice(-1)[0] + ' N.', 'who moved them, shortened');

  const phone = await t.signInAs('volunteer', s.wardA.id, s.p1.id);
  await expectOk(t, 200, 'POST', `/api/v1/moves/${move.id}/ack`, { personId: s.p1.id }, phone);
  await eventually(() => sub.view().people[s.p1.id]!.pendingMove === undefined && sub.view().moves[move.id]!.people[s.p1.id]!.acknowledged, () => JSON.stringify(sub.view().moves));

  const undo = (await expectOk(t, 201, 'POST', `/api/v1/moves/${move.id}/undo`, { id: randomUUID() }, s.coordA)) as { id: string };
  await eventually(() => sub.view().people[s.p1.id]!.stationId === s.a1.id, () => JSON.stringify(sub.view().people[s.p1.id]));
  assert.is(sub.view().moves[move.id]!.people[s.p1.id]!.isCurrent, false, 'the undone move no longer holds them');
  assert.is(sub.view().moves[undo.id]!.undoes, move.id);
  assert.is(sub.view().people[s.p1.id]!.assignmentId, (await assignmentOf(s.p1.id))!.id);

  await write([entry(s.p1.id, { kind: 'check_out' })]);
  await eventually(() => sub.view().people[s.p1.id]!.duty === 'checked_out', () => JSON.stringify(sub.view().people[s.p1.id]));
  assert.is(sub.view().stations[s.a1.id]!.onDutyNow, 0);
  p1 = sub.view().people[s.p1.id]!;
  assert.is(p1.dutyStationId, s.a1.id, 'where they were, for the coordinator');
  assert.is(sub.counts.gaps, 0);
});

roster('a volunteer who joins from an invite appears, placed, without a reload', async () => {
  const sub = await rosterAs(s.coordA, s.wardA.id);
  const invite = (await expectOk(t, 201, 'POST', `/api/v1/campaigns/${s.campaign.id}/invites`, { stationId: s.a2.id, maxUses: 5, expiresAt: new Date(Date.now() + 86_400_000).toISOString() }, s.coordA)) as { secret: string };
  const phone = `09${String(Date.now()).slice(-8)}`;
  const joined = await t.call({ method: 'POST', url: '/api/v1/auth/join', payload: { secret: invite.secret, name: 'Lê Thị Mới', phone, pin: '482915' }, as: null });
  assert.is(joined.status, 200, JSON.stringify(joined.body));
  const personId = (joined.body as { person: { id: number } }).person.id;
  await eventually(() => sub.view().people[personId]?.stationId === s.a2.id, () => JSON.stringify(Object.values(sub.view().people).map((p) => p.name)));
  assert.is(sub.view().people[personId]!.name, 'Lê Thị Mới');
});

roster('only coordinators over the unit itself: not a sibling, not the province above, not a volunteer; bad requests are named', async () => {
  const socket = await connect(url, s.coordA);
  sockets.push(socket);
  const ask = (req: unknown) => socket.emitWithAck('roster:subscribe', req as never);
  assert.equal(await ask({ campaignId: s.campaign.id, unitId: s.wardB.id }), { error: 'forbidden', message: 'outside your units' });
  assert.equal(await ask({ campaignId: s.campaign.id, unitId: s.root.id }), { error: 'forbidden', message: 'outside your units' });
  assert.equal(await ask({ campaignId: s.campaign.id }), { error: 'validation', message: 'unitId must be a positive integer' });
  assert.equal(await ask({ campaignId: 'x', unitId: s.wardA.id }), { error: 'validation', message: 'campaignId must be a positive integer' });
  const unknown = (await ask({ campaignId: 999_999, unitId: s.wardA.id })) as { error: string };
  assert.is(unknown.error, 'not_found');
  const volunteer = await connect(url, await t.signInAs('volunteer', s.wardA.id, s.p2.id));
  sockets.push(volunteer);
  assert.equal(await volunteer.emitWithAck('roster:subscribe', { campaignId: s.campaign.id, unitId: s.wardA.id }), { error: 'forbidden', message: 'a roster needs the coordinator role' });
  // The province's admin sees both wards.
  const all = await rosterAs(t.admin, s.root.id);
  const view: RosterView = all.view();
  assert.ok([s.p1.id, s.p2.id, s.p3.id].every((id) => view.people[id]), JSON.stringify(ids(view.people)));
  assert.equal(ids(view.stations), [s.a1.id, s.a2.id, s.b1.id].sort((x, y) => x - y));
});

roster.run();
