import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { queryRows } from '@xk/db';
import { createCampaign } from '../helpers/fixtures';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { type Cell, csv, errorKeys, send, tableCounts, xlsx } from './import-helpers';

/**
 * A province-sized file: 40 wards (each with a "Phường N" name that repeats in both towns) and
 * 10,000 volunteers, first with broken rows sprinkled in at known places (every one reported, none
 * written), then clean (all written in one apply), then again (nothing written).
 */

const rows = 10_000;
const wards = 40;
let t: TestApp;
let campaignId: number;

const wardCode = (i: number) => `T${i % 2}-P${Math.floor(i / 2) + 1}`;
const phoneOf = (i: number) => `09${String(70_000_000 + i).padStart(8, '0')}`;

function peopleRows(broken: Set<number>): Cell[][] {
  const out: Cell[][] = [['Họ và tên', 'Số điện thoại', 'Đơn vị', 'Vai trò', 'Tổ']];
  for (let i = 0; i < rows; i++) {
    const ward = wardCode(i % wards);
    const town = i % 2 ? 'Thị xã Một' : 'Thị xã Không';
    // Half by code, half by path: "Thị xã Không / Phường 3".
    const unit = i % 4 < 2 ? ward : `${town} / Phường ${Math.floor((i % wards) / 2) + 1}`;
    let phone: Cell = i % 3 === 0 ? Number(phoneOf(i).slice(1)) : phoneOf(i);
    let unitCell: Cell = unit;
    if (broken.has(i)) {
      if (i % 3 === 0) phone = '09123';
      else if (i % 3 === 1) unitCell = `Phường ${Math.floor((i % wards) / 2) + 1}`; // a bare name both towns have
      else unitCell = 'Phường Không Có';
    }
    out.push([`Tình nguyện viên ${i}`, phone, unitCell, 'Tình nguyện viên', `${ward}-T1`]);
  }
  return out;
}

async function structure(): Promise<Buffer> {
  const units: Cell[][] = [['Mã đơn vị', 'Tên đơn vị', 'Đơn vị cấp trên', 'Số đoàn viên'], ['T0', 'Thị xã Không', 'TP', 500], ['T1', 'Thị xã Một', 'TP', 600]];
  const teams: Cell[][] = [['Mã tổ/đội', 'Tên tổ/đội', 'Đơn vị']];
  for (let w = 0; w < wards; w++) {
    units.push([wardCode(w), `Phường ${Math.floor(w / 2) + 1}`, `T${w % 2}`, 30 + w]);
    teams.push([`${wardCode(w)}-T1`, `Tổ công nghệ số ${wardCode(w)}`, wardCode(w)]);
  }
  return xlsx({ 'Đơn vị': units, 'Tổ đội': teams });
}

const s = suite('a 10,000-row import');
s.before(async () => {
  t = await createTestApp();
  const root = await t.app.services.units.create({ code: 'TP', name: 'Tỉnh đoàn Thử', level: 'province' });
  campaignId = (await createCampaign(t, root.id)).id;
  const applied = await send(t, 'apply', await structure());
  assert.equal(applied.body.created, { units: 42, teams: 40, people: 0, memberships: 0, placements: 0 }, JSON.stringify(applied.body));
});
s.after(() => t.dispose());

s('broken rows among 10,000: each one reported at its row with its reason; the apply writes none of the file', async () => {
  const broken = new Set(Array.from({ length: 37 }, (_, k) => (k * 271 + 13) % rows));
  const file = csv(peopleRows(broken));
  const before = await tableCounts(t);
  const started = performance.now();
  const preview = (await send(t, 'preview', file, { campaignId })).body;
  const ms = performance.now() - started;
  const expected = [...broken].sort((a, b) => a - b).map((i) => `CSV:${i + 2}:${i % 3 === 0 ? 'bad_phone' : i % 3 === 1 ? 'unit_ambiguous' : 'unit_unknown'}`);
  assert.equal(errorKeys(preview), expected);
  assert.equal(preview.totals, { create: rows - broken.size, update: 0, unchanged: 0, errors: broken.size });
  const refused = await send(t, 'apply', file, { campaignId });
  assert.is(refused.status, 422);
  assert.equal(await tableCounts(t), before);
  console.log(`preview of ${rows} rows with ${broken.size} broken: ${Math.round(ms)} ms`);
});

s('10,000 clean rows: all written by one apply, exactly; the same file again writes nothing', async () => {
  const file = csv(peopleRows(new Set()));
  const before = await tableCounts(t);
  const preview = (await send(t, 'preview', file, { campaignId })).body;
  assert.equal(preview.errors, []);
  assert.equal(preview.totals, { create: rows, update: 0, unchanged: 0, errors: 0 });
  assert.is(preview.changes.length, 5000, 'the preview lists 5,000 changes and counts them all');
  assert.is(preview.truncated, true);
  const started = performance.now();
  const applied = await send(t, 'apply', file, { campaignId, expect: preview.planHash });
  const ms = performance.now() - started;
  assert.is(applied.status, 200, JSON.stringify(applied.body).slice(0, 500));
  assert.equal(applied.body.created, { units: 0, teams: 0, people: rows, memberships: rows, placements: rows });
  assert.equal(await tableCounts(t), { ...before, people: before.people + rows, memberships: before.memberships + rows, grants: before.grants + rows, assignments: before.assignments + rows, imports: before.imports + 1 });
  const perWard = await queryRows<{ code: string; n: number; teamed: number }>(
    t.app.database.db,
    sql`select u.code, count(*)::int as n, count(*) filter (where tm.code = u.code || '-T1')::int as teamed
        from memberships m join units u on u.id = m.unit_id
        join assignments a on a.person_id = m.person_id and a.campaign_id = ${campaignId} and a.ends_at is null join teams tm on tm.id = a.team_id
        group by u.code order by u.code`,
  );
  assert.is(perWard.length, wards);
  for (const w of perWard) assert.equal([w.n, w.teamed], [rows / wards, rows / wards], w.code);
  const numbers = await queryRows<{ n: number }>(t.app.database.db, sql`select count(*)::int as n from people where phone ~ '^\\+849[0-9]{8}$' and name like 'Tình nguyện viên %'`);
  assert.is(numbers[0]!.n, rows, 'every phone normalised, the ones a number cell had shortened included');
  console.log(`apply of ${rows} rows: ${Math.round(ms)} ms`);

  const after = await tableCounts(t);
  const again = await send(t, 'apply', file, { campaignId });
  assert.equal(again.body.totals, { create: 0, update: 0, unchanged: rows, errors: 0 });
  assert.equal(await tableCounts(t), after);
});

s.run();
