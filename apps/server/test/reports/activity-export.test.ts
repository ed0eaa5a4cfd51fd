import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { pgArray, queryRows } from '@xk/db';
import { formatPhoneVi } from '@xk/domain';
import { activityKindNames, beneficiaryNames, sessionKindNames } from '../../src/reports/activity-export';
import { code, createCampaign, createPerson, createStation, createUnit } from '../helpers/fixtures';
import { created } from '../helpers/requests';
import { createTestApp, type TestApp } from '../helpers/test-app';

/**
 * The activity export over 20,000 rows: every row once, in sequence order, under Vietnamese
 * headers, in CSV and XLSX; a consistent cut while writes go on; an abandoned download stops
 * reading pages; a unit's export holds its subtree only.
 */

const ROWS = 20_000;
const headers = ['Số thứ tự', 'Thời gian', 'Thời điểm ghi', 'Loại', 'Họ và tên', 'Số điện thoại', 'Mã đơn vị', 'Đơn vị', 'Điểm hỗ trợ', 'Tổ/Đội', 'Dịch vụ', 'Đối tượng', 'Số lượng', 'Số người tham dự', 'Điều chỉnh cho', 'Lý do'];
const timezone = 'Asia/Ho_Chi_Minh';

let t: TestApp;
let scene: Awaited<ReturnType<typeof createScene>>;

async function createScene() {
  const root = await createUnit(t, { name: 'Thành đoàn Cần Thơ' });
  const a = await createUnit(t, { parentId: root.id, name: 'Quận đoàn Ninh Kiều' });
  const a1 = await createUnit(t, { parentId: a.id, name: 'Đoàn phường An Khánh' });
  const b = await createUnit(t, { parentId: root.id, name: 'Quận đoàn Cái Răng' });
  const campaign = await createCampaign(t, root.id, { timezone });
  const stations = [await createStation(t, campaign.id, a.id), await createStation(t, campaign.id, a1.id), await createStation(t, campaign.id, b.id)];
  const team = (await created(t, '/api/v1/teams', { code: code('T'), name: 'Đội hình IT Xanh', unitId: a.id })) as { id: number };
  const people = [];
  for (let i = 0; i < 8; i++) people.push(await createPerson(t, [a, a1, b][i % 3]!.id));
  // A name that needs quoting in CSV.
  await t.call({ method: 'PATCH', url: `/api/v1/people/${people[0]!.id}`, payload: { name: 'Lê Văn "Tèo", con' } });
  return { root, a, a1, b, campaign, stations, team, people };
}

/**
 * 20,000 rows straight into the table (the write path is not what is tested here): row g is at
 * station g % 3, by person g % 8, one of every kind, with a correction every 1,000 rows.
 */
async function insertRows() {
  const { campaign, stations, team, people, a, a1, b } = scene;
  const db = t.app.database.db;
  await db.execute(sql`
    insert into activity (id, campaign_id, seq, kind, person_id, unit_id, station_id, team_id, tally, service_code, beneficiary, session_kind,
                          quantity, attendance, corrects_id, reason, occurred_at, counted_at, body_hash)
    select md5('row' || g)::uuid, ${campaign.id}, g, k.kind,
           (${pgArray(people.map((p) => p.id), 'int')})[1 + g % 8],
           (${pgArray([a.id, a1.id, b.id], 'int')})[1 + g % 3],
           (${pgArray(stations.map((s) => s.id), 'int')})[1 + g % 3],
           case when g % 3 = 0 then ${team.id}::int end,
           k.tally, k.service, k.beneficiary, k.session_kind, k.quantity, k.attendance,
           case when k.kind = 'correction' then md5('row' || (g - 3))::uuid end,
           case when k.kind = 'correction' then 'sửa, "nhầm" số' end,
           timestamptz '2025-10-10 07:00:00+07' + g * interval '1 second' + case when k.kind = 'correction' then interval '3 days' else interval '0' end,
           timestamptz '2025-10-10 07:00:00+07' + (case when k.kind = 'correction' then g - 3 else g end) * interval '1 second',
           'bench'
    from generate_series(1, ${ROWS}) g
    cross join lateral (
      select case when g % 1000 = 999 then 'correction' when g % 10 = 0 then 'check_in' when g % 10 = 1 then 'check_out'
                  when g % 10 = 8 then 'session' else 'assistance' end as kind
    ) kk
    cross join lateral (
      select kk.kind,
             case when kk.kind in ('assistance', 'correction') then 'assistance' when kk.kind = 'session' then 'session' end as tally,
             case when kk.kind = 'correction' then 'vneid_level2' when kk.kind = 'assistance' then (array['vneid_level2', 'cashless_payment', 'vssid'])[1 + g % 3] end as service,
             case when kk.kind = 'correction' then 'resident' when kk.kind = 'assistance' then case when g % 10 = 7 then 'shop' else 'resident' end end as beneficiary,
             case when kk.kind = 'session' then case when g % 20 = 8 then 'outreach' else 'training' end end as session_kind,
             case when kk.kind = 'correction' then -1 when kk.kind in ('assistance', 'session') then 1 + g % 3 else 0 end as quantity,
             case when kk.kind = 'session' then g % 300 else 0 end as attendance
    ) k`);
  await db.execute(sql`update campaigns set seq = ${ROWS} where id = ${campaign.id}`);
}

/** Every row as the export must show it, by SQL of the test's own. */
async function expectedRows(unitIds?: number[]): Promise<string[][]> {
  const rows = await queryRows<Record<string, string | number | null>>(
    t.app.database.db,
    sql`select a.seq::int, to_char(a.counted_at at time zone ${timezone}, 'YYYY-MM-DD HH24:MI:SS') as counted, to_char(a.occurred_at at time zone ${timezone}, 'YYYY-MM-DD HH24:MI:SS') as occurred,
               a.kind, a.session_kind, p.name, p.phone, u.code as unit_code, u.name as unit_name, s.name as station, tm.name as team, cs.name_vi as service,
               a.beneficiary, a.quantity, a.attendance, a.corrects_id::text as corrects, a.reason
        from activity a join people p on p.id = a.person_id join units u on u.id = a.unit_id
        left join stations s on s.id = a.station_id left join teams tm on tm.id = a.team_id
        left join campaign_services cs on cs.campaign_id = a.campaign_id and cs.code = a.service_code
        where a.campaign_id = ${scene.campaign.id} ${unitIds ? sql`and a.unit_id = any(${pgArray(unitIds, 'int')})` : sql``}
        order by a.seq`,
  );
  const text = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));
  return rows.map((r) => [
    text(r.seq),
    text(r.counted),
    text(r.occurred),
    r.kind === 'session' ? sessionKindNames[r.session_kind as string]! : activityKindNames[r.kind as string]!,
    text(r.name),
    formatPhoneVi(String(r.phone)),
    text(r.unit_code),
    text(r.unit_name),
    text(r.station),
    text(r.team),
    text(r.service),
    r.beneficiary ? beneficiaryNames[r.beneficiary as string]! : '',
    text(r.quantity),
    text(r.attendance),
    text(r.corrects),
    text(r.reason),
  ]);
}

const exportUrl = (format: 'csv' | 'xlsx', unitId?: number) => `/api/v1/campaigns/${scene.campaign.id}/activity/export.${format}${unitId ? `?unitId=${unitId}` : ''}`;

function csvRecords(body: Buffer): string[][] {
  assert.equal([...body.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the CSV starts with the UTF-8 BOM');
  const text = body.toString('utf8');
  assert.ok(!/[^\r]\n/.test(text), 'CRLF line ends');
  return parse(text, { bom: true });
}

/** The workbook's rows, every sheet after the other, as the CSV's text; checks headers and formats on the way. */
async function xlsxRecords(body: Buffer): Promise<{ sheets: string[]; rows: string[][] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as never);
  const rows: string[][] = [];
  const pad = (n: number) => String(n).padStart(2, '0');
  const local = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  for (const ws of workbook.worksheets) {
    assert.equal((ws.getRow(1).values as unknown[]).slice(1), headers, `${ws.name}: Vietnamese headers`);
    assert.ok(ws.getRow(1).font?.bold, `${ws.name}: a bold header`);
    assert.is(ws.views[0]?.state, 'frozen');
    ws.eachRow((row, n) => {
      if (n === 1) return;
      const cells = headers.map((_, i) => row.getCell(i + 1));
      assert.is(cells[0]!.numFmt, '0');
      assert.is(cells[1]!.numFmt, 'dd/mm/yyyy hh:mm:ss');
      assert.is(cells[12]!.numFmt, '#,##0');
      rows.push(cells.map((c) => (c.value instanceof Date ? local(c.value) : c.value === null || c.value === undefined ? '' : String(c.value))));
    });
  }
  return { sheets: workbook.worksheets.map((ws) => ws.name), rows };
}

const until = async (done: () => boolean | Promise<boolean>, what: string, ms = 20_000) => {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

/** Holds the export before page `n` until released; `reached` resolves when it gets there. */
function gateAt(n: number) {
  let release!: () => void;
  let reached!: () => void;
  const open = new Promise<void>((r) => (release = r));
  const arrived = new Promise<void>((r) => (reached = r));
  t.app.services.activityExport.settings.beforePage = async (page) => {
    if (page !== n) return;
    reached();
    await open;
  };
  return { arrived, release };
}

const test = suite(`activity export of ${ROWS.toLocaleString('en')} rows`);
let defaults: { pageSize: number; rowsPerSheet: number };
test.before(async () => {
  t = await createTestApp();
  scene = await createScene();
  await insertRows();
  const { pageSize, rowsPerSheet } = t.app.services.activityExport.settings;
  defaults = { pageSize, rowsPerSheet };
});
test.after(() => t.dispose());
test.after.each(() => {
  const settings = t.app.services.activityExport.settings;
  Object.assign(settings, defaults);
  delete settings.beforePage;
});

test('CSV: every row once, in sequence order, under Vietnamese headers; X-Total-Rows', async () => {
  const res = await t.call({ method: 'GET', url: exportUrl('csv') });
  assert.is(res.status, 200);
  assert.is(res.response.headers['content-type'], 'text/csv; charset=utf-8');
  assert.is(res.response.headers['x-total-rows'], String(ROWS));
  assert.match(String(res.response.headers['content-disposition']), /^attachment; filename="nhat-ky-.+\.csv"$/);
  const records = csvRecords(res.response.rawPayload);
  assert.equal(records[0], headers);
  const rows = records.slice(1);
  assert.is(rows.length, ROWS);
  assert.equal(rows.map((r) => Number(r[0])), Array.from({ length: ROWS }, (_, i) => i + 1), 'seq 1…N, each once, in order');
  assert.equal(rows, await expectedRows());
  assert.ok(rows.some((r) => r[4] === 'Lê Văn "Tèo", con') && rows.some((r) => r[15] === 'sửa, "nhầm" số'), 'quotes and commas survive');
});

test('XLSX: every row once, in order, the same cells; a sheet after another past the row limit', async () => {
  t.app.services.activityExport.settings.rowsPerSheet = 7000;
  const res = await t.call({ method: 'GET', url: exportUrl('xlsx') });
  assert.is(res.status, 200);
  assert.is(res.response.headers['x-total-rows'], String(ROWS));
  assert.match(String(res.response.headers['content-disposition']), /^attachment; filename="nhat-ky-.+\.xlsx"$/);
  const { sheets, rows } = await xlsxRecords(res.response.rawPayload);
  assert.equal(sheets, ['Nhật ký hoạt động', 'Nhật ký hoạt động (2)', 'Nhật ký hoạt động (3)']);
  assert.is(rows.length, ROWS);
  assert.equal(rows, await expectedRows());
});

test("a unit's export holds its subtree only", async () => {
  for (const format of ['csv', 'xlsx'] as const) {
    const res = await t.call({ method: 'GET', url: exportUrl(format, scene.a.id) });
    assert.is(res.status, 200);
    const want = await expectedRows([scene.a.id, scene.a1.id]);
    assert.is(res.response.headers['x-total-rows'], String(want.length));
    const rows = format === 'csv' ? csvRecords(res.response.rawPayload).slice(1) : (await xlsxRecords(res.response.rawPayload)).rows;
    assert.equal(rows, want, format);
    assert.ok(rows.every((r) => r[6] === scene.a.code || r[6] === scene.a1.code));
    assert.ok(rows.length > 10_000 && rows.length < ROWS);
  }
});

test('a consistent cut: rows written while an export runs are not in it', async () => {
  let expected = ROWS;
  for (const format of ['csv', 'xlsx'] as const) {
    t.app.services.activityExport.settings.pageSize = 1000;
    const gate = gateAt(3);
    const download = t.call({ method: 'GET', url: exportUrl(format) });
    await gate.arrived;
    const items = Array.from({ length: 50 }, () => ({ id: randomUUID(), kind: 'assistance', campaignId: scene.campaign.id, personId: scene.people[1]!.id, stationId: scene.stations[0]!.id, serviceCode: 'vssid', occurredAt: new Date().toISOString() }));
    const written = await t.call({ method: 'POST', url: '/api/v1/activity/batch', payload: { items } });
    assert.ok(written.body.results.every((r: { status: string }) => r.status === 'accepted'));
    gate.release();
    const res = await download;
    assert.is(res.response.headers['x-total-rows'], String(expected));
    const rows = format === 'csv' ? csvRecords(res.response.rawPayload).slice(1) : (await xlsxRecords(res.response.rawPayload)).rows;
    assert.is(rows.length, expected, `${format}: the rows up to the start, not the 50 written during the export`);
    assert.is(Number(rows.at(-1)![0]), expected);
    expected += 50;
  }
  delete t.app.services.activityExport.settings.beforePage;
  const after = await t.call({ method: 'GET', url: exportUrl('csv') });
  assert.is(after.response.headers['x-total-rows'], String(expected));
  assert.is(csvRecords(after.response.rawPayload).length - 1, expected, 'a later export has them');
});

test('a client that goes away mid-download: the hub reads at most the page that finds it gone, then ends the export', async () => {
  const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
  const exports = t.app.services.activityExport;
  for (const format of ['csv', 'xlsx'] as const) {
    exports.settings.pageSize = 500;
    // Held before page 3 until the client has gone: pages 1 and 2 were read while it was there.
    const gate = gateAt(3);
    const pagesBefore = exports.stats.pages;
    let total = 0;
    await new Promise<void>((resolve, reject) => {
      const req = http.get(`${address}${exportUrl(format)}`, { headers: { authorization: `Bearer ${t.admin.secret}` } }, (res) => {
        assert.is(res.statusCode, 200);
        total = Number(res.headers['x-total-rows']);
        res.once('data', () => req.destroy());
      });
      req.on('close', resolve);
      req.on('error', (err) => (/aborted|socket hang up/.test(err.message) ? undefined : reject(err)));
    });
    // The hub may already have found it gone (writing page 2) and stopped before the gate.
    await Promise.race([gate.arrived, until(() => exports.stats.running === 0, 'the export reaches page 3 or ends')]);
    gate.release();
    // A TCP peer that left is found when the hub next writes to it (or waits to): page 3's rows.
    await until(() => exports.stats.running === 0, 'the export ends');
    const pages = exports.stats.pages - pagesBefore;
    const all = Math.ceil(total / 500) + 1;
    assert.ok(pages <= 3, `${format}: ${pages} pages read of ${all}; none after the one that found the client gone`);
  }
});

test.run();
