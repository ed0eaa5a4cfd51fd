import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { freePort, startHub, waitFor } from '../helpers/processes';

const test = suite('the hub process (src/server.ts)');
const dataDir = mkdtempSync(join(tmpdir(), 'xk-server-'));
// The embedded default: these tests run the hub without DATABASE_URL or REDIS_URL.
const embedded = { DATABASE_URL: undefined, REDIS_URL: undefined, XK_DATA_DIR: dataDir };
test.after(() => rmSync(dataDir, { recursive: true, force: true }));

test('refuses REDIS_URL without DATABASE_URL, with a message saying why', async () => {
  const hub = startHub({ ...embedded, REDIS_URL: 'redis://127.0.0.1:6379', PORT: String(await freePort()) });
  assert.is(await hub.exited, 1);
  assert.match(hub.output(), /REDIS_URL is set without DATABASE_URL/);
});

test('--demo loads the demo province once into the data folder, which one process at a time may open', async () => {
  const port = await freePort();
  const hub = startHub({ ...embedded, PORT: String(port) }, ['--demo']);
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`${base}/readyz`, 90_000, hub);
  const campaigns = await (await fetch(`${base}/api/v1/campaigns`)).json();
  assert.is(campaigns.length, 1);
  assert.is(campaigns[0].name, 'Ngày Chuyển đổi số quốc gia 10/10');
  const totals = await (await fetch(`${base}/api/v1/campaigns/${campaigns[0].id}/totals`)).json();
  assert.ok(totals.residents.total > 0, 'the demo has a morning of activity');
  assert.ok(totals.volunteers.onDutyNow > 0);
  assert.ok(totals.targets.length > 0);

  const second = startHub({ ...embedded, PORT: String(await freePort()) });
  assert.is(await second.exited, 1);
  assert.match(second.output(), /in use by process/);

  hub.child.kill('SIGTERM');
  assert.is(await hub.exited, 0, 'SIGTERM closes cleanly');
  assert.not.ok(existsSync(join(dataDir, 'xk.lock')), 'the lock is released');

  // Restarted with --demo again: the data survived and the demo is not loaded twice.
  const again = startHub({ ...embedded, PORT: String(port) }, ['--demo']);
  await waitFor(`${base}/readyz`, 90_000, again);
  const after = await (await fetch(`${base}/api/v1/campaigns/${campaigns[0].id}/totals`)).json();
  assert.is((await (await fetch(`${base}/api/v1/campaigns`)).json()).length, 1);
  assert.is(after.residents.total, totals.residents.total);
  assert.is(after.seq, totals.seq);
  again.child.kill('SIGTERM');
  assert.is(await again.exited, 0);
});

test.run();
