import { randomUUID } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { and, eq } from 'drizzle-orm';
import { schema } from '@xk/db';
import type { MoveCommand, MoveNotice } from '@xk/contract';
import { moveActivityId } from '../../src/moves/moves-service';
import { code, createCampaign, createPerson, createScene, createStation } from '../helpers/fixtures';
import { connect, eventually, type LiveClientSocket } from '../helpers/live-client';
import { created, expect400, expectError, expectOk, get } from '../helpers/requests';
import { createTestApp, type TestApp } from '../helpers/test-app';

type Assignment = { id: number; personId: number; stationId: number | null; teamId: number | null; partnerId: number | null; endsAt: string | null };
type Move = {
  id: string; campaignId: number; personId: number; fromAssignmentId: number | null; fromStationId: number | null; fromTeamId: number | null;
  toStationId: number | null; toTeamId: number | null; reason: string | null; requestedById: number | null; activityId: string;
  status: 'pending' | 'acknowledged'; createdAt: string; acknowledgedAt: string | null; undoesId: string | null;
};
type MoveResult = { id: string; campaignId: number; moves: Move[] };

let t: TestApp;
let url: string;
let scene: Awaited<ReturnType<typeof createScene>>;
let centre: { id: number };
let school: { id: number };
let foreignStation: { id: number };
let team: { id: number };
let coordinator: { id: number };
const sockets: LiveClientSocket[] = [];

const movesUrl = () => `/api/v1/campaigns/${scene.campaign.id}/moves`;
const place = (personId: number, fields: Record<string, number>) => created(t, `/api/v1/campaigns/${scene.campaign.id}/assignments`, { personId, ...fields }) as Promise<Assignment>;
const openAssignment = async (personId: number) => ((await get(t, `/api/v1/campaigns/${scene.campaign.id}/assignments?personId=${personId}`)) as Assignment[])[0] ?? null;
const reassignments = async (personId: number) =>
  ((await get(t, `/api/v1/campaigns/${scene.campaign.id}/activity?kind=reassignment&personId=${personId}`)) as Array<{ id: string; toStationId: number | null; toTeamId: number | null; stationId: number | null; reason: string | null }>);
const postMove = (payload: object) => t.call({ method: 'POST', url: movesUrl(), payload });
const command = (personIds: number[], expected: Array<number | null>, fields: Partial<MoveCommand> = {}): MoveCommand => ({
  id: randomUUID(),
  personIds,
  toStationId: centre.id,
  expected: personIds.map((personId, i) => ({ personId, assignmentId: expected[i] ?? null })),
  ...fields,
});

/** A phone listening on the person's room, collecting the moves pushed to it. */
async function phoneOf(personId: number) {
  const socket = await connect(url, t.admin);
  sockets.push(socket);
  const notices: MoveNotice[] = [];
  socket.on('move:requested', (n) => notices.push(n));
  const ack = await socket.emitWithAck('live:subscribe', { campaignId: scene.campaign.id, scope: { kind: 'person', id: personId }, tier: 'phone' });
  assert.ok('data' in ack, JSON.stringify(ack));
  return { socket, notices };
}

const setup = async () => {
  t = await createTestApp();
  scene = await createScene(t);
  centre = await createStation(t, scene.campaign.id, scene.commune.id);
  school = await createStation(t, scene.campaign.id, scene.commune.id);
  const other = await createCampaign(t, scene.root.id);
  foreignStation = await createStation(t, other.id, scene.commune.id);
  team = await created(t, '/api/v1/teams', { code: code('T'), name: 'Đội hình IT Xanh', kind: 'it_xanh', unitId: scene.commune.id });
  coordinator = await createPerson(t, scene.root.id);
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
};
const teardown = async () => {
  for (const s of sockets.splice(0)) s.close();
  await t.dispose();
};

// ─── A move: carried out, pushed, acknowledged ───────────────────────────────────────────────────

const flow = suite('POST /api/v1/campaigns/:id/moves — carried out, pushed, acknowledged');
flow.before(setup);
flow.after(teardown);

let first: MoveResult;
let firstCommand: MoveCommand;

flow('moves the person: the placement changes, a reassignment entry is written, the phone is told', async () => {
  const partner = await createPerson(t, scene.commune.id);
  const before = await place(scene.person.id, { stationId: scene.station.id, teamId: team.id, partnerId: partner.id });
  const phone = await phoneOf(scene.person.id);

  firstCommand = command([scene.person.id], [before.id], { reason: 'Trung tâm hành chính công cần thêm người', requestedById: coordinator.id });
  first = await expectOk(t, 201, 'POST', movesUrl(), firstCommand, await t.signInAs('coordinator', scene.root.id, coordinator.id));
  assert.is(first.id, firstCommand.id);
  assert.is(first.moves.length, 1);
  const move = first.moves[0]!;
  assert.equal(
    { ...move, createdAt: '' },
    {
      id: firstCommand.id, campaignId: scene.campaign.id, personId: scene.person.id, fromAssignmentId: before.id, fromStationId: scene.station.id, fromTeamId: team.id,
      toStationId: centre.id, toTeamId: null, reason: firstCommand.reason, requestedById: coordinator.id, activityId: moveActivityId(firstCommand.id, scene.person.id), undoesId: null,
      status: 'pending', createdAt: '', acknowledgedAt: null,
    },
  );

  const now = await openAssignment(scene.person.id);
  assert.is(now!.stationId, centre.id, 'the person is at the new station');
  assert.is(now!.teamId, team.id, 'what the move does not name is carried over');
  assert.is(now!.partnerId, partner.id, 'the 1+1 pair is kept');
  assert.is.not(now!.id, before.id);

  const entries = await reassignments(scene.person.id);
  assert.is(entries.length, 1);
  assert.equal(
    { id: entries[0]!.id, toStationId: entries[0]!.toStationId, stationId: entries[0]!.stationId, reason: entries[0]!.reason },
    { id: move.activityId, toStationId: centre.id, stationId: scene.station.id, reason: firstCommand.reason },
  );

  await eventually(() => phone.notices.length > 0, () => 'no move:requested arrived');
  assert.equal(phone.notices, [
    { id: firstCommand.id, campaignId: scene.campaign.id, personId: scene.person.id, toStationId: centre.id, toTeamId: null, reason: firstCommand.reason, at: move.createdAt },
  ]);
});

flow('pending until acknowledged; acknowledging again changes nothing', async () => {
  const pending = (await get(t, `${movesUrl()}?status=pending&personId=${scene.person.id}`)) as Move[];
  assert.equal(pending, first.moves, 'listed as pending, with createdAt for the console to flag');

  const acked = (await expectOk(t, 200, 'POST', `/api/v1/moves/${first.id}/ack`, { personId: scene.person.id })) as Move;
  assert.is(acked.status, 'acknowledged');
  assert.ok(acked.acknowledgedAt && Date.parse(acked.acknowledgedAt) >= Date.parse(acked.createdAt));
  const again = (await expectOk(t, 200, 'POST', `/api/v1/moves/${first.id.toUpperCase()}/ack`, { personId: scene.person.id })) as Move;
  assert.equal(again, acked, 'idempotent');

  assert.equal(await get(t, `${movesUrl()}?status=pending`), []);
  assert.equal(await get(t, `${movesUrl()}?status=acknowledged&personId=${scene.person.id}`), [acked]);
});

flow('a retried command is answered as the first time, and writes nothing more', async () => {
  const placement = await openAssignment(scene.person.id);
  const asCoordinator = await t.signInAs('coordinator', scene.root.id, coordinator.id);
  assert.is((await postMove({ ...firstCommand, id: randomUUID() })).status, 403, 'no move requested in someone else’s name');
  const retry = (await expectOk(t, 200, 'POST', movesUrl(), firstCommand, asCoordinator)) as MoveResult;
  assert.equal(retry.moves.map((m) => ({ ...m, status: 'pending', acknowledgedAt: null })), first.moves, 'the same moves (now acknowledged)');
  assert.equal(await openAssignment(scene.person.id), placement, 'the person is not moved again');
  assert.is((await reassignments(scene.person.id)).length, 1, 'one reassignment entry');

  const reordered = { ...firstCommand, id: firstCommand.id.toUpperCase(), expected: [...firstCommand.expected] };
  await expectOk(t, 200, 'POST', movesUrl(), reordered, asCoordinator);

  const body = await expectError(t, 409, 'POST', movesUrl(), { ...firstCommand, requestedById: undefined, toStationId: school.id }, 'body/id');
  assert.match(body.message, /different command/);
  assert.equal(await openAssignment(scene.person.id), placement);
});

flow('a move of a person with no placement expects null, and may name a team only', async () => {
  const nobody = await createPerson(t, scene.commune.id);
  const result = (await expectOk(t, 201, 'POST', movesUrl(), command([nobody.id], [null], { toStationId: undefined, toTeamId: team.id }))) as MoveResult;
  assert.is(result.moves[0]!.fromAssignmentId, null);
  const now = await openAssignment(nobody.id);
  assert.equal({ stationId: now!.stationId, teamId: now!.teamId }, { stationId: null, teamId: team.id });
});

flow.run();

// ─── Optimistic concurrency ──────────────────────────────────────────────────────────────────────

const race = suite('Moves: optimistic concurrency');
race.before(setup);
race.after(teardown);

race('two concurrent moves of one person with the same expected: exactly one succeeds, the other gets 409', async () => {
  for (let round = 0; round < 5; round++) {
    const person = await createPerson(t, scene.commune.id);
    const start = await place(person.id, { stationId: scene.station.id });
    const a = command([person.id], [start.id], { toStationId: centre.id });
    const b = command([person.id], [start.id], { toStationId: school.id });
    const [ra, rb] = await Promise.all([postMove(a), postMove(b)]);
    assert.equal([ra.status, rb.status].sort(), [201, 409], `round ${round}: ${JSON.stringify([ra.body, rb.body])}`);
    const [won, lost] = ra.status === 201 ? [a, rb] : [b, ra];
    assert.is(lost.body.error, 'conflict');
    assert.is(lost.body.field, 'body/expected');
    assert.match(lost.body.message, /moved by someone else/);

    assert.is((await openAssignment(person.id))!.stationId, won.toStationId, "the winner's move is the placement");
    assert.is((await reassignments(person.id)).length, 1, 'one reassignment entry');
    const moves = (await get(t, `${movesUrl()}?personId=${person.id}`)) as Move[];
    assert.equal(moves.map((m) => m.id), [won.id], 'only the winner is stored');
  }
});

race('a move that expects a placement the person has left gets 409, and nothing is written', async () => {
  const person = await createPerson(t, scene.commune.id);
  const old = await place(person.id, { stationId: scene.station.id });
  const current = await place(person.id, { stationId: school.id });
  const stale = command([person.id], [old.id]);
  const body = await expectError(t, 409, 'POST', movesUrl(), stale, 'body/expected');
  assert.match(body.message, new RegExp(`person ${person.id} was moved by someone else: their placement is now assignment ${current.id}, not assignment ${old.id}`));
  assert.equal(await openAssignment(person.id), current);
  assert.equal(await reassignments(person.id), []);
  assert.equal(await get(t, `${movesUrl()}?personId=${person.id}`), []);
  // The coordinator reloads and moves them: the same id is free, since nothing was stored.
  await expectOk(t, 201, 'POST', movesUrl(), { ...stale, expected: [{ personId: person.id, assignmentId: current.id }] });
});

race('a pair moves together or not at all: one stale expectation refuses both', async () => {
  const volunteer = await createPerson(t, scene.commune.id);
  const cadre = await createPerson(t, scene.commune.id);
  const v = await place(volunteer.id, { stationId: scene.station.id, partnerId: cadre.id });
  await place(cadre.id, { stationId: scene.station.id }); // moved since the coordinator looked
  const cadreNow = await openAssignment(cadre.id);
  const phone = await phoneOf(volunteer.id);

  const refused = command([volunteer.id, cadre.id], [v.id, null]);
  await expectError(t, 409, 'POST', movesUrl(), refused, 'body/expected');
  assert.equal(await openAssignment(volunteer.id), v, 'the volunteer is not moved either');
  assert.equal(await reassignments(volunteer.id), []);
  assert.equal(await get(t, `${movesUrl()}?personId=${volunteer.id}`), []);

  const pair = command([volunteer.id, cadre.id], [v.id, cadreNow!.id]);
  const result = (await expectOk(t, 201, 'POST', movesUrl(), pair)) as MoveResult;
  assert.equal(result.moves.map((m) => m.personId), [volunteer.id, cadre.id]);
  assert.is((await openAssignment(volunteer.id))!.stationId, centre.id);
  assert.is((await openAssignment(cadre.id))!.stationId, centre.id);
  await eventually(() => phone.notices.length === 1, () => JSON.stringify(phone.notices));
  assert.is(phone.notices[0]!.personId, volunteer.id, "each person gets their own notice, in their own room");
});

race('a move left half done by a dead hub is completed by the next command that runs into it', async () => {
  const person = await createPerson(t, scene.commune.id);
  const start = await place(person.id, { stationId: scene.station.id });
  // What a hub that died after claiming, before writing the entry, leaves behind.
  const orphan = randomUUID();
  const db = t.app.database.db;
  await db.insert(schema.moves).values({
    id: orphan, campaignId: scene.campaign.id, personId: person.id, fromAssignmentId: start.id, fromStationId: scene.station.id,
    toStationId: school.id, activityId: moveActivityId(orphan, person.id), status: 'pending', bodyHash: 'x', createdAt: new Date(Date.now() - 60_000),
  });
  const body = await expectError(t, 409, 'POST', movesUrl(), command([person.id], [start.id]), 'body/expected');
  assert.match(body.message, new RegExp(`move ${orphan} is being carried out`));
  assert.is((await openAssignment(person.id))!.stationId, school.id, 'the orphaned move was carried out');
  assert.equal((await reassignments(person.id)).map((e) => e.id), [moveActivityId(orphan, person.id)]);
  const [row] = await db.select().from(schema.moves).where(and(eq(schema.moves.id, orphan), eq(schema.moves.personId, person.id)));
  assert.is(row!.status, 'pending', 'and waits for the phone to acknowledge it');
});

race.run();

// ─── Bad input: 400 naming the field, 404, nothing written ───────────────────────────────────────

const invalid = suite('Moves: bad input');
let person: { id: number };
let placement: Assignment;
invalid.before(async () => {
  await setup();
  person = await createPerson(t, scene.commune.id);
  placement = await place(person.id, { stationId: scene.station.id });
});
invalid.after(teardown);

invalid('each mistake is a 400 naming its field, and nothing is written', async () => {
  const ok = () => command([person.id], [placement.id]);
  const other = await createPerson(t, scene.commune.id);
  const cases: Array<[object, string]> = [
    [{ ...ok(), id: 'not-a-uuid' }, 'body/id'],
    [{ ...ok(), personIds: [] }, 'body/personIds'],
    [{ ...ok(), personIds: Array.from({ length: 101 }, (_, i) => i + 1) }, 'body/personIds'],
    [{ ...ok(), personIds: [person.id, person.id] }, 'body/personIds'],
    [{ ...ok(), personIds: [999999], expected: [{ personId: 999999, assignmentId: null }] }, 'body/personIds'],
    [{ ...ok(), expected: [] }, 'body/expected'],
    [{ ...ok(), personIds: [person.id, other.id] }, 'body/expected'],
    [{ ...ok(), expected: [{ personId: other.id, assignmentId: null }] }, 'body/expected'],
    [{ ...ok(), expected: [{ personId: person.id }] }, 'body/expected/0/assignmentId'],
    [{ ...ok(), expected: [{ personId: person.id, assignmentId: 1.5 }] }, 'body/expected/0/assignmentId'],
    [{ ...ok(), toStationId: undefined }, 'body/toStationId'],
    [{ ...ok(), toStationId: 999999 }, 'body/toStationId'],
    [{ ...ok(), toStationId: foreignStation.id }, 'body/toStationId'],
    [{ ...ok(), toStationId: '1' }, 'body/toStationId'],
    [{ ...ok(), toTeamId: 999999 }, 'body/toTeamId'],
    [{ ...ok(), reason: 'x'.repeat(501) }, 'body/reason'],
    [{ ...ok(), extra: true }, 'body/extra'],
  ];
  for (const [payload, field] of cases) await expect400(t, 'POST', movesUrl(), payload, field);
  await expect400(t, 'POST', '/api/v1/campaigns/0/moves', ok(), 'params/id');
  await expectError(t, 404, 'POST', '/api/v1/campaigns/999999/moves', ok());

  assert.equal(await get(t, movesUrl()), [], 'no move stored');
  assert.equal(await openAssignment(person.id), placement, 'nobody moved');
  assert.equal(await reassignments(person.id), []);
});

invalid('a team outside the campaign scope is refused', async () => {
  const elsewhere = await created(t, '/api/v1/units', { code: code('U'), name: 'Tỉnh đoàn khác' });
  const foreignTeam = await created(t, '/api/v1/teams', { code: code('T'), name: 'Đội khác', kind: 'it_xanh', unitId: elsewhere.id });
  await expect400(t, 'POST', movesUrl(), command([person.id], [placement.id], { toStationId: undefined, toTeamId: foreignTeam.id }), 'body/toTeamId');
});

invalid('acknowledging: 404 for an unknown move, 400 for a person it does not move', async () => {
  const move = (await expectOk(t, 201, 'POST', movesUrl(), command([person.id], [placement.id]))) as MoveResult;
  await expectError(t, 404, 'POST', `/api/v1/moves/${randomUUID()}/ack`, { personId: person.id }, 'params/moveId');
  await expect400(t, 'POST', '/api/v1/moves/nope/ack', { personId: person.id }, 'params/moveId');
  await expect400(t, 'POST', `/api/v1/moves/${move.id}/ack`, { personId: scene.person.id }, 'body/personId');
  await expect400(t, 'POST', `/api/v1/moves/${move.id}/ack`, {}, 'body/personId');
  assert.is(((await get(t, `${movesUrl()}?personId=${person.id}`)) as Move[])[0]!.status, 'pending', 'still pending');
});

invalid('listing: bad filters are 400s, an unknown campaign 404', async () => {
  await expect400(t, 'GET', `${movesUrl()}?status=done`, undefined, 'query/status');
  await expect400(t, 'GET', `${movesUrl()}?personId=x`, undefined, 'query/personId');
  await expectError(t, 404, 'GET', '/api/v1/campaigns/999999/moves');
});

invalid.run();

// ─── Undo: the people go back where the move took them from ─────────────────────────────────────

const undo = suite('POST /api/v1/moves/:moveId/undo');
undo.before(setup);
undo.after(teardown);

const undoUrl = (moveId: string) => `/api/v1/moves/${moveId}/undo`;

undo('a team moved from two stations goes back, each to their own, in one new move pushed to their phones; a retry is answered the same', async () => {
  const a = await createPerson(t, scene.commune.id);
  const b = await createPerson(t, scene.commune.id);
  const fromA = await place(a.id, { stationId: scene.station.id, teamId: team.id });
  const fromB = await place(b.id, { stationId: school.id, teamId: team.id });
  const phoneA = await phoneOf(a.id);
  const moved = (await expectOk(t, 201, 'POST', movesUrl(), command([a.id, b.id], [fromA.id, fromB.id]))) as MoveResult;
  await eventually(() => phoneA.notices.length === 1, () => JSON.stringify(phoneA.notices));
  const coord = await t.signInAs('coordinator', scene.root.id, coordinator.id);

  const body = { id: randomUUID(), requestedById: coordinator.id };
  const back = (await expectOk(t, 201, 'POST', undoUrl(moved.id), body, coord)) as MoveResult;
  assert.equal(back.moves.map((m) => [m.personId, m.toStationId, m.toTeamId, m.undoesId, m.status]), [
    [a.id, scene.station.id, team.id, moved.id, 'pending'],
    [b.id, school.id, team.id, moved.id, 'pending'],
  ]);
  assert.is((await openAssignment(a.id))!.stationId, scene.station.id);
  assert.is((await openAssignment(b.id))!.stationId, school.id);
  assert.equal((await reassignments(a.id)).map((e) => e.toStationId), [centre.id, scene.station.id], 'through the activity log, like any move');
  await eventually(() => phoneA.notices.length === 2, () => JSON.stringify(phoneA.notices));
  assert.is(phoneA.notices[1]!.toStationId, scene.station.id);

  assert.equal(await expectOk(t, 200, 'POST', undoUrl(moved.id), body, coord), back, 'a retry: the first answer');
  await expectError(t, 409, 'POST', undoUrl(moved.id), { ...body, requestedById: undefined }, 'body/id');
  const audit = await t.app.database.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, 'move.undo'));
  assert.is(audit.length, 1, 'audited once, with who did it');
  assert.is(audit[0]!.actorPersonId, coordinator.id);
});

undo('refused with 409, nothing written, once someone was moved again — or had no station to go back to', async () => {
  const p = await createPerson(t, scene.commune.id);
  const start = await place(p.id, { stationId: scene.station.id });
  const moved = (await expectOk(t, 201, 'POST', movesUrl(), command([p.id], [start.id]))) as MoveResult;
  const now = await openAssignment(p.id);
  await expectOk(t, 201, 'POST', movesUrl(), command([p.id], [now!.id], { toStationId: school.id }));
  const before = await reassignments(p.id);
  const refused = await expectError(t, 409, 'POST', undoUrl(moved.id), { id: randomUUID() }, 'params/moveId');
  assert.match(refused.message, new RegExp(`person ${p.id} was moved again after this move`));
  assert.equal(await reassignments(p.id), before);

  const fresh = await createPerson(t, scene.commune.id);
  const first = (await expectOk(t, 201, 'POST', movesUrl(), command([fresh.id], [null]))) as MoveResult;
  const none = await expectError(t, 409, 'POST', undoUrl(first.id), { id: randomUUID() }, 'params/moveId');
  assert.match(none.message, /had no station before this move/);
  assert.is((await openAssignment(fresh.id))!.stationId, centre.id, 'still where the move put them');
});

undo('bad input: 400 naming the field, 404 for an unknown move; out of scope: 403', async () => {
  const p = await createPerson(t, scene.commune.id);
  const start = await place(p.id, { stationId: scene.station.id });
  const moved = (await expectOk(t, 201, 'POST', movesUrl(), command([p.id], [start.id]))) as MoveResult;
  await expect400(t, 'POST', undoUrl(moved.id), { id: 'nope' }, 'body/id');
  await expect400(t, 'POST', undoUrl(moved.id), {}, 'body/id');
  await expect400(t, 'POST', undoUrl(moved.id), { id: randomUUID(), extra: 1 }, 'body/extra');
  await expect400(t, 'POST', undoUrl('nope'), { id: randomUUID() }, 'params/moveId');
  await expectError(t, 404, 'POST', undoUrl(randomUUID()), { id: randomUUID() }, 'params/moveId');
  const sibling = await created(t, '/api/v1/units', { code: code('U'), name: 'Đoàn phường bên cạnh', parentId: scene.root.id });
  const outsider = await t.signInAs('coordinator', sibling.id);
  assert.is((await t.call({ method: 'POST', url: undoUrl(moved.id), payload: { id: randomUUID() }, as: outsider })).status, 403);
  assert.is((await openAssignment(p.id))!.stationId, centre.id, 'nothing undone');
});

undo.run();
