import { randomUUID } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { databaseTargets } from '@xk/testing';
import { createCampaign, createPerson, createTree, createUnit } from '../helpers/fixtures';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { createWorkload, nonZero, rng, sumOf } from '../helpers/workload';

async function submit(t: TestApp, items: object[]) {
  for (let i = 0; i < items.length; i += 100) {
    const res = await t.call({ method: 'POST', url: '/api/v1/activity/batch', payload: { items: items.slice(i, i + 100) } });
    const bad = res.body.results.filter((r: { status: string }) => r.status !== 'accepted');
    assert.equal(bad, [], 'every generated entry is accepted');
  }
}

for (const target of await databaseTargets()) {
  const test = suite(`rollups over a deep tree on ${target.name}`);
  const t = await createTestApp(target);
  const r = rng(20251010);
  const { root, parentOf, all } = await createTree(t, r);
  const campaign = await createCampaign(t, root.id);
  const people = await Promise.all(Array.from({ length: 25 }, () => createPerson(t, root.id)));
  const workload = createWorkload(7);
  const now = Date.now();
  test.after(() => t.dispose());

  async function checkEveryUnit(label: string) {
    for (const unitId of all) {
      const got = (await t.call({ method: 'GET', url: `/api/v1/campaigns/${campaign.id}/totals?unitId=${unitId}` })).body;
      const want = workload.expectedFor(unitId, parentOf);
      const where = `${label}: unit ${unitId}`;
      assert.equal(nonZero(new Map(Object.entries(got.residents.byService))), nonZero(want.residents), `${where} residents`);
      assert.is(got.residents.total, sumOf(want.residents), `${where} residents total`);
      assert.equal(nonZero(new Map(Object.entries(got.shops.byService))), nonZero(want.shops), `${where} shops`);
      assert.is(got.sessions.outreach.count + got.sessions.training.count, want.sessions, `${where} sessions`);
      assert.is(got.sessions.outreach.attendance + got.sessions.training.attendance, want.attendance, `${where} attendance`);
      const adopters = new Map(Object.entries(got.adoption.byService).map(([k, v]) => [k, (v as { adopters: number }).adopters]));
      assert.equal(nonZero(adopters), nonZero(want.adopters), `${where} adopters`);
    }
  }

  test(`${all.length} units, 800 entries and 60 corrections: every unit's totals equal the generator's own sums`, async () => {
    const items = Array.from({ length: 800 }, (_, i) =>
      workload.entry(campaign.id, r.pick(people).id, r.pick(all), new Date(now - (800 - i) * 60_000).toISOString()),
    );
    await submit(t, items);
    const corrections = Array.from({ length: 60 }, () => workload.correction(campaign.id, r.pick(people).id, new Date().toISOString())).filter((c) => c !== null);
    await submit(t, corrections);
    await checkEveryUnit('after the workload');
    const rootTotals = (await t.call({ method: 'GET', url: `/api/v1/campaigns/${campaign.id}/totals` })).body;
    for (const child of rootTotals.children) {
      assert.is(child.residents, sumOf(workload.expectedFor(child.unitId, parentOf).residents), `child ${child.unitId}`);
    }
  });

  test('a merge keeps historic counts: the merged subtree now rolls up under its successor, the root is unchanged', async () => {
    const rootBefore = (await t.call({ method: 'GET', url: `/api/v1/campaigns/${campaign.id}/totals` })).body;
    const [a, b] = all.filter((id) => parentOf.get(id) === root.id).length >= 2
      ? all.filter((id) => parentOf.get(id) === root.id)
      : all.filter((id) => parentOf.get(id) === all[1]);
    assert.ok(a && b, 'the tree has two siblings to merge');
    const res = await t.call({ method: 'POST', url: `/api/v1/units/${a}/merge`, payload: { successorId: b } });
    assert.is(res.status, 200);
    parentOf.set(a!, b!);
    await checkEveryUnit('after the merge');
    const rootAfter = (await t.call({ method: 'GET', url: `/api/v1/campaigns/${campaign.id}/totals` })).body;
    assert.equal(rootAfter.residents, rootBefore.residents);
    assert.not.ok(rootAfter.children.some((c: { unitId: number }) => c.unitId === a), 'the merged unit is no longer a child');
    // Entries still arriving for the merged unit (phones that were offline) count under the successor.
    await submit(t, Array.from({ length: 20 }, () => workload.entry(campaign.id, people[0]!.id, a!, new Date().toISOString())));
    await checkEveryUnit('after late entries for the merged unit');
  });

  test.run();
}

const days = suite('day buckets follow the campaign timezone, not the host');

days('23:30 and 00:30 local time fall on two days in Asia/Ho_Chi_Minh, on one day in UTC', async () => {
  const t = await createTestApp();
  try {
    const unit = await createUnit(t);
    const person = await createPerson(t, unit.id);
    const vn = await createCampaign(t, unit.id);
    const utc = await createCampaign(t, unit.id, { timezone: 'UTC' });
    const entry = (campaignId: number, occurredAt: string) => ({ id: randomUUID(), kind: 'assistance', campaignId, personId: person.id, unitId: unit.id, serviceCode: 'vneid_level2', occurredAt });
    const late = entry(vn.id, '2025-10-09T23:30:00+07:00');
    await submit(t, [late, entry(vn.id, '2025-10-10T00:30:00+07:00'), entry(utc.id, '2025-10-09T23:30:00+07:00'), entry(utc.id, '2025-10-10T00:30:00+07:00')]);
    // A correction made days later counts on the day of the entry it corrects.
    await submit(t, [{ id: randomUUID(), kind: 'correction', campaignId: vn.id, personId: person.id, correctsId: late.id, action: 'adjust', quantity: 4, reason: 'ghi thiếu', occurredAt: '2025-10-12T09:00:00+07:00' }]);
    const daily = async (id: number) => (await t.call({ method: 'GET', url: `/api/v1/campaigns/${id}/totals/daily` })).body.days.map((d: { day: string; residents: number }) => [d.day, d.residents]);
    assert.equal(await daily(vn.id), [['2025-10-09', 4], ['2025-10-10', 1]]);
    assert.equal(await daily(utc.id), [['2025-10-09', 2]]);
  } finally {
    await t.dispose();
  }
});

days.run();
