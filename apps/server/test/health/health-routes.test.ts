import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { defaultTarget, isRedisAvailable, testRedisUrl } from '@xk/testing';
import { buildApp } from '../../src/app';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;

const health = suite('GET /healthz and /readyz');
health.before(async () => {
  t = await createTestApp();
});
health.after(() => t.dispose());

health('/healthz answers while the process is up', async () => {
  const res = await t.call({ method: 'GET', url: '/healthz' });
  assert.is(res.status, 200);
  assert.equal(res.body, { ok: true });
});

health('/readyz reports the database reachable', async () => {
  const res = await t.call({ method: 'GET', url: '/readyz' });
  assert.is(res.status, 200);
  assert.equal(res.body.checks.database, { ok: true });
  assert.is(res.body.ok, true);
});

health('/readyz answers 503 naming the database once it is gone', async () => {
  const other = await createTestApp();
  await other.app.database.close();
  const res = await other.call({ method: 'GET', url: '/readyz' });
  assert.is(res.status, 503);
  assert.is(res.body.checks.database.ok, false);
  await other.app.close();
});

health('/api/docs/json is the OpenAPI document of every route', async () => {
  const res = await t.call({ method: 'GET', url: '/api/docs/json' });
  assert.is(res.status, 200);
  assert.match(res.body.openapi, /^3\./);
  assert.ok(res.body.paths['/api/v1/units']);
  assert.ok(res.body.paths['/healthz']);
});

health('unknown API paths are a JSON 404', async () => {
  const res = await t.call({ method: 'GET', url: '/api/v1/nothing-here' });
  assert.is(res.status, 404);
  assert.is(res.body.error, 'not_found');
});

health.run();

const redis = suite('GET /readyz with Redis configured');

if (await isRedisAvailable('readiness with Redis')) {
  redis('reports Redis reachable, and 503 naming Redis when it is not', async () => {
    const { database, dispose } = await defaultTarget().open();
    const cluster = (redisUrl: string) => ({ redisUrl, name: `readyz-${process.pid}-${Date.now()}` });
    const up = await buildApp({ database, cluster: cluster(testRedisUrl()) });
    for (let i = 0; i < 50 && (await up.inject({ url: '/readyz' })).statusCode !== 200; i++) await new Promise((r) => setTimeout(r, 100));
    const ok = await up.inject({ url: '/readyz' });
    assert.is(ok.statusCode, 200);
    assert.equal(ok.json().checks.redis, { ok: true });
    await up.close();

    // A port nobody listens on: the hub still starts, and readiness says what is missing.
    const down = await buildApp({ database, cluster: cluster('redis://127.0.0.1:1') });
    const bad = await down.inject({ url: '/readyz' });
    assert.is(bad.statusCode, 503);
    assert.is(bad.json().checks.redis.ok, false);
    assert.is(bad.json().checks.database.ok, true);
    await down.close();
    await dispose();
  });
}

redis.run();
