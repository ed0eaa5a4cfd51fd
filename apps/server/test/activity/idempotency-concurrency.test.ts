import { sql } from 'drizzle-orm';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { queryRows } from '@xk/db';
import { databaseTargets } from '@xk/testing';
import { assistance, createScene } from '../helpers/fixtures';
import { createTestApp } from '../helpers/test-app';

// PostgreSQL with a real pool is where concurrent writers truly race; PGlite runs the same bodies.
for (const target of await databaseTargets()) {
  const test = suite(`concurrent writes on ${target.name} (pool of 10)`);
  const t = await createTestApp(target, { poolSize: 10 });
  const scene = await createScene(t);
  test.after(() => t.dispose());

  test('50 parallel submissions of one UUID store one row: 1 accepted, 49 duplicates', async () => {
    const entry = assistance(scene, { quantity: 3 });
    const responses = await Promise.all(Array.from({ length: 50 }, () => t.call({ method: 'POST', url: '/api/v1/activity', payload: entry })));
    const statuses = responses.map((r) => r.body.status);
    assert.is(statuses.filter((s) => s === 'accepted').length, 1, statuses.join(','));
    assert.is(statuses.filter((s) => s === 'duplicate').length, 49);
    assert.ok(responses.every((r) => r.body.seq === responses[0]!.body.seq), 'every duplicate reports the original sequence number');
    const rows = await queryRows<{ n: number }>(t.app.database.db, sql`select count(*)::int as n from activity where id = ${entry.id}`);
    assert.is(rows[0]!.n, 1);
    const totals = await t.call({ method: 'GET', url: `/api/v1/campaigns/${scene.campaign.id}/totals` });
    assert.is(totals.body.residents.total, 3);
  });

  test('50 parallel batches of distinct entries get distinct, gap-free sequence numbers', async () => {
    const start = (await t.call({ method: 'GET', url: `/api/v1/campaigns/${scene.campaign.id}` })).body.seq as number;
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => t.call({ method: 'POST', url: '/api/v1/activity/batch', payload: { items: [assistance(scene), assistance(scene)] } })),
    );
    const seqs = responses.flatMap((r) => r.body.results.map((x: { seq: number }) => x.seq)).sort((a, b) => a - b);
    assert.equal(seqs, Array.from({ length: 100 }, (_, i) => start + 1 + i));
    const rows = await queryRows<{ n: number; max: number }>(t.app.database.db, sql`select count(*)::int as n, max(seq)::int as max from activity where campaign_id = ${scene.campaign.id}`);
    assert.equal(rows[0], { n: start + 100, max: start + 100 });
  });

  test('a conflicting body racing the original never replaces it', async () => {
    const entry = assistance(scene, { quantity: 1 });
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => t.call({ method: 'POST', url: '/api/v1/activity', payload: { ...entry, quantity: i % 2 === 0 ? 1 : 7 } })),
    );
    const accepted = responses.filter((r) => r.body.status === 'accepted');
    assert.is(accepted.length, 1);
    const winner = accepted[0]!.body;
    const rows = await queryRows<{ quantity: number }>(t.app.database.db, sql`select quantity from activity where id = ${entry.id}`);
    assert.is(rows.length, 1);
    for (const r of responses) {
      const sameBody = r.status !== 409;
      assert.ok(sameBody ? r.body.seq === winner.seq : r.body.result.seq === winner.seq, JSON.stringify(r.body));
    }
    assert.ok(rows[0]!.quantity === 1 || rows[0]!.quantity === 7);
  });

  test.run();
}
