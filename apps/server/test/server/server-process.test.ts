import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { freePort, type HubProcess, redeemPrintedLink, startHub, waitFor } from '../helpers/processes';

const test = suite('the hub process (src/server.ts)');
const dataDir = mkdtempSync(join(tmpdir(), 'xk-server-'));
// The embedded default: these tests run the hub without DATABASE_URL or REDIS_URL.
// The simulator is off: these tests compare totals across a restart.
const embedded = { DATABASE_URL: undefined, REDIS_URL: undefined, XK_DATA_DIR: dataDir, XK_SIMULATOR: '0' };
const started: HubProcess[] = [];
const start = (env: Record<string, string | undefined>, args: string[] = []) => {
  const hub = startHub(env, args);
  started.push(hub);
  return hub;
};
test.after(() => {
  // A failed assertion must not leave a hub running (it would keep this file alive).
  for (const hub of started) if (hub.child.exitCode === null) hub.child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

test('refuses REDIS_URL without DATABASE_URL, with a message saying why', async () => {
  const hub = start({ ...embedded, REDIS_URL: 'redis://127.0.0.1:6379', PORT: String(await freePort()) });
  assert.is(await hub.exited, 1);
  assert.match(hub.output(), /REDIS_URL is set without DATABASE_URL/);
});

test('--demo loads the demo province once into the data folder, which one process at a time may open', async () => {
  const port = await freePort();
  const hub = start({ ...embedded, PORT: String(port) }, ['--demo']);
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`${base}/readyz`, 90_000, hub);
  // The links are printed just after the hub starts listening: wait for the last of them.
  for (let i = 0; i < 300 && !/board .*\n\s*http:\/\/localhost:\d+\/#\/board\//.test(hub.output()); i++) await new Promise((r) => setTimeout(r, 100));
  assert.match(hub.output(), /nobody can administer this hub yet[^\n]*\n\s*http:\/\/localhost:\d+\/#\/setup\//, 'the first start prints a set-up link');
  for (const role of ['admin', 'coordinator']) assert.match(hub.output(), new RegExp(`${role}.*\\n\\s*http://localhost:${port}/#/link/`), `the demo prints a ${role} link`);
  assert.match(hub.output(), new RegExp(`volunteer.*\\n\\s*http://localhost:${port}/phone/#/link/`), "the demo prints a volunteer link to the phone screen");
  const { headers } = await redeemPrintedLink(base, hub, 'admin');
  const get = async (path: string) => (await fetch(`${base}${path}`, { headers })).json();
  assert.is((await fetch(`${base}/api/v1/campaigns`)).status, 401, 'nothing is readable signed out');
  const campaigns = await get('/api/v1/campaigns');
  assert.is(campaigns.length, 1);
  assert.is(campaigns[0].name, 'Ngày Chuyển đổi số quốc gia 10/10');
  const totals = await get(`/api/v1/campaigns/${campaigns[0].id}/totals`);
  assert.ok(totals.residents.total > 0, 'the demo has a morning of activity');
  // The demo records the day so far in Vietnam: before 07:00 there, nobody is on duty yet.
  const hourInVietnam = (new Date().getUTCHours() + 7) % 24;
  if (hourInVietnam >= 8) assert.ok(totals.volunteers.onDutyNow > 0, 'people on duty');
  assert.ok(totals.targets.length > 0);

  const second = start({ ...embedded, PORT: String(await freePort()) });
  assert.is(await second.exited, 1);
  assert.match(second.output(), /in use by process/);

  hub.child.kill('SIGTERM');
  assert.is(await hub.exited, 0, 'SIGTERM closes cleanly');
  assert.not.ok(existsSync(join(dataDir, 'xk.lock')), 'the lock is released');

  // Restarted with --demo again: the data survived and the demo is not loaded twice.
  const again = start({ ...embedded, PORT: String(port) }, ['--demo']);
  await waitFor(`${base}/readyz`, 90_000, again);
  const relogged = await redeemPrintedLink(base, again, 'admin');
  const getAgain = async (path: string) => (await fetch(`${base}${path}`, { headers: relogged.headers })).json();
  const after = await getAgain(`/api/v1/campaigns/${campaigns[0].id}/totals`);
  assert.is((await getAgain('/api/v1/campaigns')).length, 1);
  assert.is(after.residents.total, totals.residents.total);
  assert.is(after.seq, totals.seq);
  again.child.kill('SIGTERM');
  assert.is(await again.exited, 0);
});

test.run();
