import { randomUUID } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { eq } from 'drizzle-orm';
import { schema } from '@xk/db';
import { assistance, createScene } from '../helpers/fixtures';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
let scene: Awaited<ReturnType<typeof createScene>>;
const post = (url: string, payload: object) => t.call({ method: 'POST', url, payload });
const rowCount = async () => (await t.call({ method: 'GET', url: `/api/v1/campaigns/${scene.campaign.id}/activity?limit=1000` })).body.length as number;
const totals = async () => (await t.call({ method: 'GET', url: `/api/v1/campaigns/${scene.campaign.id}/totals` })).body;

const single = suite('POST /api/v1/activity');
single.before(async () => {
  t = await createTestApp();
  scene = await createScene(t);
});

single('accepts each kind of entry and hands out gap-free sequence numbers', async () => {
  const base = { campaignId: scene.campaign.id, personId: scene.person.id, occurredAt: new Date().toISOString() };
  const entries = [
    { kind: 'check_in', stationId: scene.station.id },
    { kind: 'assistance', stationId: scene.station.id, serviceCode: 'vneid_level2', quantity: 3, tags: { ageBand: '60_plus' } },
    { kind: 'assistance', stationId: scene.station.id, serviceCode: 'cashless_payment', beneficiary: 'shop' },
    { kind: 'adoption', serviceCode: 'vneid_level2' },
    { kind: 'session', sessionKind: 'training', attendance: 300, stationId: scene.station.id },
    { kind: 'reassignment', toStationId: scene.station.id, reason: 'thiếu người ở chợ' },
    { kind: 'check_out', stationId: scene.station.id },
  ];
  const seqs: number[] = [];
  for (const e of entries) {
    const res = await post('/api/v1/activity', { id: randomUUID(), ...base, ...e });
    assert.is(res.status, 201, `${e.kind}: ${JSON.stringify(res.body)}`);
    assert.is(res.body.status, 'accepted');
    seqs.push(res.body.seq);
  }
  assert.equal(seqs, seqs.map((_, i) => seqs[0]! + i), 'consecutive sequence numbers');
  const sum = await totals();
  assert.is(sum.residents.total, 3);
  assert.is(sum.shops.total, 1);
  assert.is(sum.sessions.training.attendance, 300);
  assert.is(sum.adoption.byService.vneid_level2.adopters, 1);
  assert.is(sum.seq, seqs.at(-1));
  const placed = await t.call({ method: 'GET', url: `/api/v1/campaigns/${scene.campaign.id}/assignments?personId=${scene.person.id}` });
  assert.is(placed.body[0].stationId, scene.station.id, 'a reassignment entry moves the person');
});

single('a retry with the same id and body is a duplicate carrying the original result', async () => {
  const entry = assistance(scene);
  const first = await post('/api/v1/activity', entry);
  const again = await post('/api/v1/activity', { ...entry });
  const reordered = await post('/api/v1/activity', Object.fromEntries(Object.entries(entry).reverse()));
  assert.is(first.status, 201);
  assert.is(again.status, 200);
  assert.is(again.body.status, 'duplicate');
  assert.is(again.body.seq, first.body.seq);
  assert.is(again.body.receivedAt, first.body.receivedAt);
  assert.is(reordered.body.status, 'duplicate', 'key order does not change the body');
  const upper = await post('/api/v1/activity', { ...entry, id: entry.id.toUpperCase() });
  assert.is(upper.body.status, 'duplicate', 'UUIDs compare without case');
});

single('the same id with another body is a 409 conflict and the original is kept', async () => {
  const entry = assistance(scene, { quantity: 2 });
  await post('/api/v1/activity', entry);
  const before = await totals();
  const clash = await post('/api/v1/activity', { ...entry, quantity: 5 });
  assert.is(clash.status, 409);
  assert.is(clash.body.error, 'conflict');
  assert.is(clash.body.result.status, 'conflict');
  assert.is((await totals()).residents.total, before.residents.total);
});

single('malformed or impossible entries are a 400 naming the field, and write nothing', async () => {
  const before = await rowCount();
  const seqBefore = (await totals()).seq;
  const cases: Array<[Record<string, unknown>, string]> = [
    [{ ...assistance(scene), id: 'not-a-uuid' }, 'body/id'],
    [{ ...assistance(scene), kind: 'dance' }, 'body/kind'],
    [{ ...assistance(scene), serviceCode: undefined }, 'body/serviceCode'],
    [{ ...assistance(scene), serviceCode: 'no_such_service' }, 'body/serviceCode'],
    [{ ...assistance(scene), quantity: 0 }, 'body/quantity'],
    [{ ...assistance(scene), quantity: 1.5 }, 'body/quantity'],
    [{ ...assistance(scene), occurredAt: 'hôm qua' }, 'body/occurredAt'],
    [{ ...assistance(scene), residentName: 'Trần Thị B' }, 'body/residentName'],
    [{ ...assistance(scene), tags: { phone: '0912345678' } }, 'body/tags/phone'],
    [{ ...assistance(scene), beneficiary: 'dog' }, 'body/beneficiary'],
    [{ ...assistance(scene), personId: 999999 }, 'body/personId'],
    [{ ...assistance(scene), stationId: 999999 }, 'body/stationId'],
    [{ ...assistance(scene), campaignId: 999999 }, 'body/campaignId'],
    [{ ...assistance(scene), campaignId: '1' }, 'body/campaignId'],
    [{ id: randomUUID(), kind: 'check_in', campaignId: scene.campaign.id, personId: scene.person.id, occurredAt: new Date().toISOString() }, 'body/stationId'],
    [{ id: randomUUID(), kind: 'session', campaignId: scene.campaign.id, personId: scene.person.id, stationId: scene.station.id, sessionKind: 'party', attendance: 3, occurredAt: new Date().toISOString() }, 'body/sessionKind'],
    [{ id: randomUUID(), kind: 'correction', campaignId: scene.campaign.id, personId: scene.person.id, correctsId: randomUUID(), action: 'void', reason: 'nhầm', occurredAt: new Date().toISOString() }, 'body/correctsId'],
    [{ id: randomUUID(), kind: 'reassignment', campaignId: scene.campaign.id, personId: scene.person.id, occurredAt: new Date().toISOString() }, 'body/toStationId'],
  ];
  for (const [payload, field] of cases) {
    const res = await post('/api/v1/activity', payload);
    assert.is(res.status, 400, `${field}: ${res.status} ${JSON.stringify(res.body)}`);
    assert.is(res.body.error, 'validation');
    assert.is(res.body.field, field, JSON.stringify(res.body));
  }
  for (const payload of ['[]', '"x"', '{', 'null']) {
    const res = await t.call({ method: 'POST', url: '/api/v1/activity', payload, headers: { 'content-type': 'application/json' } });
    assert.is(res.status, 400, `${payload} → ${res.status}`);
  }
  assert.is(await rowCount(), before);
  assert.is((await totals()).seq, seqBefore, 'no sequence number was spent');
});

single('a device clock running ahead does not push a count into the future', async () => {
  const entry = assistance(scene, { occurredAt: '2099-01-01T00:00:00Z' });
  const res = await post('/api/v1/activity', entry);
  assert.is(res.status, 201);
  const [row] = (await t.call({ method: 'GET', url: `/api/v1/campaigns/${scene.campaign.id}/activity?afterSeq=${res.body.seq - 1}&limit=1` })).body;
  assert.ok(new Date(row.occurredAt).getTime() <= Date.now());
});

single.run();

const corrections = suite('POST /api/v1/activity (corrections)');

corrections('void and adjust net out of every total, and a void cannot be repeated', async () => {
  const before = await totals();
  const entry = assistance(scene, { quantity: 4 });
  await post('/api/v1/activity', entry);
  const correction = (fields: object) => ({ id: randomUUID(), kind: 'correction', campaignId: scene.campaign.id, personId: scene.person.id, correctsId: entry.id, reason: 'nhập nhầm số lượng', occurredAt: new Date().toISOString(), ...fields });
  const adjust = await post('/api/v1/activity', correction({ action: 'adjust', quantity: 1 }));
  assert.is(adjust.status, 201, JSON.stringify(adjust.body));
  assert.is((await totals()).residents.total, before.residents.total + 1);
  const voided = await post('/api/v1/activity', correction({ action: 'void' }));
  assert.is(voided.status, 201);
  assert.is((await totals()).residents.total, before.residents.total);
  const twice = await post('/api/v1/activity', correction({ action: 'void' }));
  assert.is(twice.status, 400);
  assert.is(twice.body.field, 'body/correctsId');
  const ofCorrection = await post('/api/v1/activity', { ...correction({ action: 'void' }), correctsId: voided.body.id });
  assert.is(ofCorrection.status, 400);
});

corrections('an adoption counts once per person and service until voided', async () => {
  const adoption = () => ({ id: randomUUID(), kind: 'adoption', campaignId: scene.campaign.id, personId: scene.person.id, serviceCode: 'citizen_app', occurredAt: new Date().toISOString() });
  const first = adoption();
  assert.is((await post('/api/v1/activity', first)).status, 201);
  const second = await post('/api/v1/activity', adoption());
  assert.is(second.status, 400);
  assert.is(second.body.field, 'body/serviceCode');
  await post('/api/v1/activity', { id: randomUUID(), kind: 'correction', campaignId: scene.campaign.id, personId: scene.person.id, correctsId: first.id, action: 'void', reason: 'bấm nhầm', occurredAt: new Date().toISOString() });
  assert.is((await totals()).adoption.byService.citizen_app.adopters, 0);
  assert.is((await post('/api/v1/activity', adoption())).status, 201, 'adopting again after a void counts again');
  assert.is((await totals()).adoption.byService.citizen_app.adopters, 1);
});

corrections('a coordinator fixes the record by hand: a volunteer’s entries as they stand, voids and adjustments, a back-fill from paper — each audited', async () => {
  const coordinator = await t.signInAs('coordinator', scene.root.id);
  const entries = async () => (await t.call({ method: 'GET', url: `/api/v1/campaigns/${scene.campaign.id}/people/${scene.person.id}/entries?limit=500`, as: coordinator })).body as Array<{ id: string; currentQuantity: number; quantity: number; corrections: number; reason: string | null; kind: string }>;
  const tapped = assistance(scene, { quantity: 5 });
  assert.is((await post('/api/v1/activity', tapped)).status, 201, 'the volunteer’s own tap (made here by the admin for them)');
  const byHand = (fields: object) => ({ id: randomUUID(), kind: 'correction', campaignId: scene.campaign.id, personId: coordinator.personId, correctsId: tapped.id, occurredAt: new Date().toISOString(), ...fields });
  const adjust = await t.call({ method: 'POST', url: '/api/v1/activity', payload: byHand({ action: 'adjust', quantity: 2, reason: 'bấm nhầm +5, thực tế 2' }), as: coordinator });
  assert.is(adjust.status, 201, JSON.stringify(adjust.body));
  let mine = (await entries()).find((e) => e.id === tapped.id)!;
  assert.equal([mine.quantity, mine.currentQuantity, mine.corrections], [5, 2, 1], 'the entry as it stands now');
  await t.call({ method: 'POST', url: '/api/v1/activity', payload: byHand({ action: 'void', reason: 'không phải người dân trong địa bàn' }), as: coordinator });
  mine = (await entries()).find((e) => e.id === tapped.id)!;
  assert.equal([mine.currentQuantity, mine.corrections], [0, 2]);
  assert.ok((await entries()).every((e) => e.kind !== 'correction'), 'corrections are not listed as entries of their own');

  // A station without phones reported 40 on paper: the coordinator enters it in their own name, with why.
  const before = await totals();
  const paper = { ...assistance(scene, { personId: coordinator.personId, quantity: 40, reason: 'Sổ ghi tay điểm chợ, sáng 10/10' }) };
  const backfill = await t.call({ method: 'POST', url: '/api/v1/activity', payload: paper, as: coordinator });
  assert.is(backfill.status, 201, JSON.stringify(backfill.body));
  assert.is((await totals()).residents.total, before.residents.total + 40, 'it flows through the same rollups');
  const stored = (await t.call({ method: 'GET', url: `/api/v1/campaigns/${scene.campaign.id}/people/${coordinator.personId}/entries` })).body as Array<{ id: string; reason: string | null }>;
  assert.is(stored.find((e) => e.id === paper.id)!.reason, 'Sổ ghi tay điểm chợ, sáng 10/10');
  const short = await t.call({ method: 'POST', url: '/api/v1/activity', payload: { ...assistance(scene, { personId: coordinator.personId, reason: 'x' }) }, as: coordinator });
  assert.equal([short.status, short.body.field], [400, 'body/reason']);

  const audit = await t.app.database.db.select().from(schema.auditLog).where(eq(schema.auditLog.actorPersonId, coordinator.personId));
  assert.equal(audit.map((a) => a.action).filter((a) => a.startsWith('activity.')).sort(), ['activity.backfill', 'activity.correct', 'activity.correct']);
  const line = audit.find((a) => a.action === 'activity.backfill')!;
  assert.equal([line.target, (line.detail as { quantity: number; reason: string }).quantity, (line.detail as { reason: string }).reason], [`campaign:${scene.campaign.id}`, 40, 'Sổ ghi tay điểm chợ, sáng 10/10']);
  // A phone's own taps are not audited one by one.
  const phone = await t.signInAs('volunteer', scene.commune.id, scene.person.id);
  await t.call({ method: 'POST', url: '/api/v1/activity', payload: assistance(scene), as: phone });
  assert.is((await t.app.database.db.select().from(schema.auditLog).where(eq(schema.auditLog.actorPersonId, scene.person.id))).filter((a) => a.action.startsWith('activity.')).length, 0);
  // Entries of a person outside the coordinator's units, or of an unknown campaign.
  const other = await t.signInAs('coordinator', scene.commune.id);
  const elsewhere = (await t.call({ method: 'POST', url: '/api/v1/units', payload: { code: `X-${randomUUID().slice(0, 6)}`, name: 'Tỉnh khác' } })).body as { id: number };
  const outsider = await t.signInAs('coordinator', elsewhere.id);
  assert.is((await t.call({ method: 'GET', url: `/api/v1/campaigns/${scene.campaign.id}/people/${scene.person.id}/entries`, as: other })).status, 200);
  assert.is((await t.call({ method: 'GET', url: `/api/v1/campaigns/${scene.campaign.id}/people/${scene.person.id}/entries`, as: outsider })).status, 403);
  assert.is((await t.call({ method: 'GET', url: `/api/v1/campaigns/999999/people/${scene.person.id}/entries` })).status, 404);
  assert.equal((await t.call({ method: 'GET', url: `/api/v1/campaigns/${scene.campaign.id}/people/${scene.person.id}/entries?limit=0` })).body.field, 'query/limit');
});

corrections.run();

const batch = suite('POST /api/v1/activity/batch');
batch.after(() => t.dispose());

batch('each item gets its own result, in order; one bad item never fails the batch', async () => {
  const stored = assistance(scene);
  await post('/api/v1/activity', stored);
  const before = await totals();
  const good = assistance(scene, { quantity: 2 });
  const items = [
    good,
    { ...stored },
    { ...stored, quantity: 9 },
    { ...assistance(scene), serviceCode: 42 },
    'not an object',
    { ...assistance(scene), personId: 999999 },
    { ...good },
    { ...assistance(scene), quantity: 3 },
  ];
  const res = await post('/api/v1/activity/batch', { items });
  assert.is(res.status, 200);
  const statuses = res.body.results.map((r: { status: string }) => r.status);
  assert.equal(statuses, ['accepted', 'duplicate', 'conflict', 'rejected', 'rejected', 'rejected', 'duplicate', 'accepted']);
  assert.is(res.body.results[3].field, 'serviceCode');
  assert.is(res.body.results[5].field, 'personId');
  assert.is(res.body.results[6].seq, res.body.results[0].seq, 'a repeat inside the batch is the same entry');
  assert.is(res.body.results[7].seq, res.body.results[0].seq + 1);
  assert.is((await totals()).residents.total, before.residents.total + 5);
});

batch('a correction may follow its entry in the same batch', async () => {
  const before = await totals();
  const entry = assistance(scene, { quantity: 6 });
  const res = await post('/api/v1/activity/batch', {
    items: [entry, { id: randomUUID(), kind: 'correction', campaignId: scene.campaign.id, personId: scene.person.id, correctsId: entry.id, action: 'adjust', quantity: 2, reason: 'đếm lại', occurredAt: new Date().toISOString() }],
  });
  assert.equal(res.body.results.map((r: { status: string }) => r.status), ['accepted', 'accepted']);
  assert.is((await totals()).residents.total, before.residents.total + 2);
});

batch('the envelope itself is validated: empty, too large, or not a list is a 400', async () => {
  for (const payload of [{}, { items: [] }, { items: 'x' }, { items: Array.from({ length: 501 }, () => ({})) }, { items: [{}], extra: 1 }]) {
    const res = await post('/api/v1/activity/batch', payload);
    assert.is(res.status, 400, JSON.stringify(payload).slice(0, 80));
    assert.match(res.body.field, /^body/);
  }
});

batch.run();
