import { randomUUID } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { databaseTargets } from '@xk/testing';
import { buildAggregates } from '../../src/live/load-aggregates';
import { createCampaign, createPerson, createStation, createTree } from '../helpers/fixtures';
import { createTestApp } from '../helpers/test-app';
import { createWorkload, rng } from '../helpers/workload';

for (const target of await databaseTargets()) {
  const test = suite(`live aggregates on ${target.name}`);
  const t = await createTestApp(target);
  const r = rng(1010);
  const { root, all, parentOf } = await createTree(t, r);
  const campaign = await createCampaign(t, root.id);
  const stations = await Promise.all(all.slice(0, 6).map((unitId) => createStation(t, campaign.id, unitId)));
  const stationUnits = new Map(stations.map((s, i) => [s.id, all[i]!]));
  const people = await Promise.all(Array.from({ length: 30 }, () => createPerson(t, root.id)));
  for (const unitId of [root.id, all[1]!]) {
    await t.call({ method: 'PUT', url: `/api/v1/campaigns/${campaign.id}/targets`, payload: { unitId, serviceCode: 'vneid_level2', kind: 'residents', value: 500 } });
    await t.call({ method: 'PUT', url: `/api/v1/campaigns/${campaign.id}/targets`, payload: { unitId, serviceCode: 'citizen_app', kind: 'adoption_share', value: 0.5 } });
  }
  // Children of the root with count targets of both kinds: the leaderboard's % of target.
  for (const childId of all.filter((id) => parentOf.get(id) === root.id)) {
    await t.call({ method: 'PUT', url: `/api/v1/campaigns/${campaign.id}/targets`, payload: { unitId: childId, serviceCode: 'public_service_account', kind: 'residents', value: 40 } });
    await t.call({ method: 'PUT', url: `/api/v1/campaigns/${campaign.id}/targets`, payload: { unitId: childId, serviceCode: '', kind: 'shops', value: 10 } });
  }
  test.after(() => t.dispose());

  /** The live view of every unit must equal the SQL totals over the log (the reference), number for number. */
  async function assertEqualsDatabase(label: string) {
    await t.app.live.settled();
    const aggregates = t.app.live.built(campaign.id)!;
    for (const unitId of all) {
      const sql = (await t.call({ method: 'GET', url: `/api/v1/campaigns/${campaign.id}/totals?unitId=${unitId}` })).body;
      const view = aggregates.view({ kind: 'unit', id: unitId });
      const where = `${label}, unit ${unitId}`;
      assert.equal(view.residents, sql.residents, `${where}: residents`);
      assert.equal(view.shops, sql.shops, `${where}: shops`);
      assert.equal(view.sessions, sql.sessions, `${where}: sessions`);
      assert.equal(view.adoption, sql.adoption, `${where}: adoption`);
      assert.equal(view.volunteers, sql.volunteers, `${where}: volunteers`);
      assert.equal(view.targets, sql.targets, `${where}: targets`);
      assert.equal(view.children.map(({ onDutyNow: _, targetProgress: _p, ...c }) => c), sql.children, `${where}: children`);
      if (unitId === root.id) assert.ok(view.children.length > 0 && view.children.every((c) => c.targetProgress !== null), `${where}: the root's children have targets`);
      for (const child of view.children) {
        // A child's progress against its own count targets, as its own totals count them (an
        // all-services target of a kind stands for that kind; this test has one for shops only).
        const own = (await t.call({ method: 'GET', url: `/api/v1/campaigns/${campaign.id}/totals?unitId=${child.unitId}` })).body as {
          targets: Array<{ kind: string; serviceCode: string; target: number; actual: number }>;
        };
        const counts = own.targets.filter((x) => (x.kind === 'residents' || x.kind === 'shops') && x.target > 0);
        const target = counts.reduce((n, x) => n + x.target, 0);
        const actual = counts.reduce((n, x) => n + x.actual, 0);
        assert.equal(child.targetProgress, target > 0 ? { target, actual, progress: Math.round((actual / target) * 10_000) / 10_000 } : null, `${where}: child ${child.unitId} progress`);
      }
    }
    // Built afresh from the log, the aggregates are the same as the ones kept up to date.
    const fresh = (await buildAggregates(t.app.database.db, campaign.id))!;
    for (const unitId of all) assert.equal(fresh.view({ kind: 'unit', id: unitId }), aggregates.view({ kind: 'unit', id: unitId }), `${label}: rebuilt unit ${unitId}`);
  }

  test('after a random concurrent workload, every unit equals the database', async () => {
    await t.app.live.aggregates(campaign.id); // watched before the writes: every change arrives incrementally
    const workload = createWorkload(99);
    const now = Date.now();
    const entry = (i: number) => {
      if (i % 9 === 0) {
        const station = stations[i % stations.length]!;
        return { id: randomUUID(), kind: i % 18 === 0 ? 'check_out' : 'check_in', campaignId: campaign.id, personId: people[i % people.length]!.id, stationId: station.id, unitId: stationUnits.get(station.id), occurredAt: new Date(now - (i % 120) * 60_000).toISOString() };
      }
      return workload.entry(campaign.id, people[i % people.length]!.id, all[i % all.length]!, new Date(now - (i % 600) * 60_000).toISOString());
    };
    let i = 0;
    // Eight phones syncing batches and many single taps at once.
    await Promise.all([
      ...Array.from({ length: 8 }, async () => {
        for (let k = 0; k < 6; k++) await t.call({ method: 'POST', url: '/api/v1/activity/batch', payload: { items: Array.from({ length: 40 }, () => entry(i++)) } });
      }),
      ...Array.from({ length: 200 }, () => t.call({ method: 'POST', url: '/api/v1/activity', payload: entry(i++) })),
    ]);
    const corrections = Array.from({ length: 40 }, () => workload.correction(campaign.id, people[0]!.id, new Date().toISOString())).filter((c) => c);
    await t.call({ method: 'POST', url: '/api/v1/activity/batch', payload: { items: corrections } });
    await assertEqualsDatabase('after the workload');
  });

  test('a merge and a target change rebuild them, still equal to the database', async () => {
    const siblings = all.filter((id) => all.indexOf(id) > 0).slice(0, 2);
    await t.call({ method: 'POST', url: `/api/v1/units/${siblings[1]}/merge`, payload: { successorId: root.id } });
    await t.call({ method: 'PUT', url: `/api/v1/campaigns/${campaign.id}/targets`, payload: { unitId: root.id, kind: 'sessions', value: 12 } });
    await assertEqualsDatabase('after a merge');
  });

  test.run();
}
