import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createDb, type Database, pgArray, queryRows } from '@xk/db';
import { createTempPostgres, isPostgresAvailable } from '@xk/testing';
import { freePort, type HubProcess, type ProcessAdmin, setUpAdmin, signInProcess, startHub, waitFor } from '../helpers/processes';

const test = suite('SIGKILL mid-burst loses no acknowledged write');
let admin: ProcessAdmin;
const hubs: HubProcess[] = [];
test.after(() => {
  for (const hub of hubs) if (hub.child.exitCode === null) hub.child.kill('SIGKILL');
});

let auth: Record<string, string> = {};
async function json(url: string, body: unknown) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as any };
}

/** Starts a hub, writes from 30 clients at once, kills it with SIGKILL mid-burst; returns the ids it acknowledged. */
async function burstAndKill(env: Record<string, string | undefined>): Promise<string[]> {
  const port = await freePort();
  const hub = startHub({ ...env, PORT: String(port), XK_SIMULATOR: '0' });
  hubs.push(hub);
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`${base}/readyz`, 60_000, hub);
  admin = await setUpAdmin(base, hub);
  auth = admin.headers;
  const unit = await json(`${base}/api/v1/units`, { code: 'K', name: 'Đơn vị thử' });
  const campaign = await json(`${base}/api/v1/campaigns`, { code: 'K-C', name: 'Thử', startsAt: '2020-01-01T00:00:00Z', endsAt: '2040-01-01T00:00:00Z', scopeUnitId: unit.body.id });
  const station = await json(`${base}/api/v1/campaigns/${campaign.body.id}/stations`, { unitId: unit.body.id, code: 'K-S', name: 'Điểm', kind: 'market' });
  const person = await json(`${base}/api/v1/people`, { name: 'Trần Văn Bền', phone: '0911222333' });
  const entry = () => ({ id: randomUUID(), kind: 'assistance', campaignId: campaign.body.id, personId: person.body.id, stationId: station.body.id, serviceCode: 'vneid_level2', occurredAt: new Date().toISOString() });

  const acknowledged: string[] = [];
  let killed = false;
  const client = async (i: number) => {
    while (!killed) {
      try {
        if (i % 3 === 0) {
          const items = Array.from({ length: 20 }, entry);
          const res = await json(`${base}/api/v1/activity/batch`, { items });
          if (res.status === 200) res.body.results.forEach((r: { status: string }, k: number) => r.status === 'accepted' && acknowledged.push(items[k]!.id));
        } else {
          const e = entry();
          const res = await json(`${base}/api/v1/activity`, e);
          if (res.status === 201) acknowledged.push(e.id);
        }
      } catch {
        return; // the connection died with the server
      }
    }
  };
  const clients = Array.from({ length: 30 }, (_, i) => client(i));
  while (acknowledged.length < 400) await new Promise((r) => setTimeout(r, 20));
  hub.child.kill('SIGKILL');
  killed = true;
  await hub.exited;
  await Promise.all(clients);
  return acknowledged;
}

async function storedOf(database: Database, ids: string[]): Promise<number> {
  const [row] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from activity where id = any(${pgArray(ids, 'uuid')})`);
  return row!.n;
}

test('on the embedded PGlite: every acknowledged id is in the data folder, and the hub starts again on it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'xk-kill-'));
  try {
    const acknowledged = await burstAndKill({ DATABASE_URL: undefined, REDIS_URL: undefined, XK_DATA_DIR: dir });
    const database = await createDb({ dataDir: dir }); // the dead process's lock is taken over
    assert.is(await storedOf(database, acknowledged), acknowledged.length, `${acknowledged.length} acknowledged`);
    const [{ n }] = (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from activity`)) as [{ n: number }];
    await database.close();

    const port = await freePort();
    const again = startHub({ DATABASE_URL: undefined, REDIS_URL: undefined, XK_DATA_DIR: dir, XK_SIMULATOR: '0', PORT: String(port) });
    hubs.push(again);
    await waitFor(`http://127.0.0.1:${port}/readyz`, 60_000, again);
    const { headers } = await signInProcess(`http://127.0.0.1:${port}`, admin.login, admin.password);
    const totals = await (await fetch(`http://127.0.0.1:${port}/api/v1/campaigns/1/totals`, { headers })).json();
    assert.is(totals.residents.total, n, 'the restarted hub counts every stored row once');
    again.child.kill('SIGTERM');
    assert.is(await again.exited, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

if (await isPostgresAvailable('SIGKILL test on PostgreSQL')) {
  test('on PostgreSQL: every acknowledged id is in the database', async () => {
    const temp = await createTempPostgres();
    try {
      const acknowledged = await burstAndKill({ DATABASE_URL: temp.url, REDIS_URL: undefined });
      const database = await createDb({ url: temp.url, migrate: false });
      assert.is(await storedOf(database, acknowledged), acknowledged.length, `${acknowledged.length} acknowledged`);
      await database.close();
    } finally {
      await temp.drop();
    }
  });
}

test.run();
