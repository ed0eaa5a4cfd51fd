import { suite } from 'uvu';
import * as assert from 'uvu/assert';
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
