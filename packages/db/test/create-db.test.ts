import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createDb, DataDirInUseError, queryRows } from '@xk/db';
import { databaseTargets, rejects } from '@xk/testing';

const expectedTables = [
  'activity', 'assignments', 'audit_log', 'campaign_services', 'campaigns', 'credentials', 'grants', 'memberships', 'messages', 'moves',
  'people', 'phone_status', 'poster_keys', 'sessions', 'shifts', 'sign_in_attempts', 'sign_in_links', 'stations', 'targets', 'teams', 'units',
];

for (const target of await databaseTargets()) {
  const test = suite(`migrations on ${target.name}`);

  test('a new database gets every table, and migrating again changes nothing', async () => {
    const { database, dispose } = await target.open();
    try {
      const tables = await queryRows<{ table_name: string }>(
        database.db,
        sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`,
      );
      assert.equal(tables.map((t) => t.table_name), expectedTables);
      const [before] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
      assert.ok((before?.n ?? 0) >= 1);
    } finally {
      await dispose();
    }
  });

  test.run();
}

const embedded = suite('PGlite data folder');

embedded('keeps data across a restart and refuses a second process-level opener', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'xk-db-'));
  try {
    const first = await createDb({ dataDir: dir });
    await first.db.execute(sql`insert into units (code, name, path) values ('T', 'Tỉnh đoàn Thử', '/1/')`);
    // A live lock held by another process refuses the folder; our own pid is the stale case, so fake another.
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'xk.lock'), String(process.ppid));
    await rejects(createDb({ dataDir: dir }), (err: unknown) => err instanceof DataDirInUseError);
    writeFileSync(join(dir, 'xk.lock'), String(process.pid));
    await first.close();

    const second = await createDb({ dataDir: dir });
    const rows = await queryRows<{ name: string }>(second.db, sql`select name from units`);
    assert.equal(rows, [{ name: 'Tỉnh đoàn Thử' }]);
    await second.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

embedded.run();
