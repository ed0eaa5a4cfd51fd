import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { CampaignReport } from '@xk/contract';
import { formatPhoneVi } from '@xk/domain';
import { createReportWorkload, type ReportWorkload } from '../helpers/report-workload';
import { createTestApp, type TestApp } from '../helpers/test-app';

/**
 * The report's workbook and CSV tables read back: every sheet holds the JSON report's own
 * numbers, under Vietnamese headers, with number formats on the cells.
 */

type Cell = string | number | Date | null;
interface Expected {
  headers: string[];
  rows: Cell[][];
  /** Number formats by column (undefined: text). */
  formats: Array<string | undefined>;
}

const date = (day: string) => new Date(`${day}T00:00:00Z`);
const COUNT = '#,##0';
const SHARE = '0.0%';
const measures = ['Người dân được hỗ trợ', 'Hộ kinh doanh được hỗ trợ', 'Số buổi tuyên truyền, tập huấn', 'Số người tham dự', 'Lượt điểm danh'];
const measureCells = (r: { residents: number; shops: number; sessions: number; attendance: number; checkIns: number }) => [r.residents, r.shops, r.sessions, r.attendance, r.checkIns];
const counts = (n: number) => Array<string>(n).fill(COUNT);
const targetKinds: Record<string, string> = { residents: 'Người dân được hỗ trợ', shops: 'Hộ kinh doanh được hỗ trợ', adoption_share: 'Tỷ lệ đoàn viên tự sử dụng', sessions: 'Số buổi tuyên truyền, tập huấn', attendance: 'Số người tham dự' };

/** What each table must hold, written from the JSON report (not from the code that makes the sheets). */
function expectedTables(r: CampaignReport): Record<string, { sheet: string } & Expected> {
  const serviceName = (code: string) => r.byService.find((s) => s.serviceCode === code)?.serviceName ?? code;
  return {
    byService: { sheet: 'Theo dịch vụ', headers: ['Mã dịch vụ', 'Dịch vụ', 'Người dân được hỗ trợ', 'Hộ kinh doanh được hỗ trợ'], rows: r.byService.map((s) => [s.serviceCode, s.serviceName, s.residents, s.shops]), formats: [undefined, undefined, COUNT, COUNT] },
    byDay: { sheet: 'Theo ngày', headers: ['Ngày', ...measures], rows: r.byDay.map((d) => [date(d.day), ...measureCells(d)]), formats: ['dd/mm/yyyy', ...counts(5)] },
    byHour: { sheet: 'Theo giờ', headers: ['Ngày', 'Giờ', ...measures], rows: r.byHour.map((d) => [date(d.day), d.hour, ...measureCells(d)]), formats: ['dd/mm/yyyy', '0', ...counts(5)] },
    byStation: {
      sheet: 'Theo điểm hỗ trợ',
      headers: ['Mã điểm', 'Điểm hỗ trợ', 'Mã đơn vị', 'Đơn vị', ...measures],
      rows: r.byStation.map((s) => [s.code, s.name, s.unitCode, s.unitName, ...measureCells(s)]),
      formats: [undefined, undefined, undefined, undefined, ...counts(5)],
    },
    byTeam: {
      sheet: 'Theo tổ đội',
      headers: ['Mã tổ/đội', 'Tổ/Đội', 'Mã đơn vị', 'Đơn vị', ...measures],
      rows: r.byTeam.map((s) => [s.code, s.name, s.unitCode, s.unitName, ...measureCells(s)]),
      formats: [undefined, undefined, undefined, undefined, ...counts(5)],
    },
    byUnit: { sheet: 'Theo đơn vị', headers: ['Mã đơn vị', 'Đơn vị', ...measures, 'Số người tham gia'], rows: r.byUnit.map((u) => [u.code, u.name, ...measureCells(u), u.volunteers]), formats: [undefined, undefined, ...counts(6)] },
    sessions: {
      sheet: 'Tuyên truyền, tập huấn',
      headers: ['Ngày', 'Buổi tuyên truyền', 'Người dự tuyên truyền', 'Buổi tập huấn', 'Người dự tập huấn'],
      rows: r.sessions.byDay.map((d) => [date(d.day), d.outreach, d.outreachAttendance, d.training, d.trainingAttendance]),
      formats: ['dd/mm/yyyy', ...counts(4)],
    },
    volunteers: {
      sheet: 'Lực lượng tham gia',
      headers: ['Mã số', 'Họ và tên', 'Số điện thoại', 'Mã đơn vị', 'Đơn vị', 'Tổ/Đội', 'Lượt điểm danh', 'Người dân được hỗ trợ', 'Hộ kinh doanh được hỗ trợ', 'Số giờ làm nhiệm vụ'],
      rows: r.volunteers.rows.map((v) => [v.personId, v.name, formatPhoneVi(v.phone), v.unitCode, v.unitName, v.teamName, v.checkIns, v.residents, v.shops, v.hours]),
      formats: ['0', undefined, undefined, undefined, undefined, undefined, COUNT, COUNT, COUNT, '0.0'],
    },
    targets: {
      sheet: 'Tiến độ mục tiêu',
      headers: ['Chỉ tiêu', 'Dịch vụ', 'Mục tiêu', 'Thực hiện', 'Tỷ lệ'],
      rows: r.targets.map((x) => [targetKinds[x.kind]!, x.serviceCode ? serviceName(x.serviceCode) : 'Tất cả', x.target, x.actual, x.progress]),
      // A share target's figures are shares; the others' counts (checked per row below).
      formats: [undefined, undefined, COUNT, COUNT, SHARE],
    },
    adoption: {
      sheet: 'Đoàn viên tự sử dụng',
      headers: ['Mã dịch vụ', 'Dịch vụ', 'Đoàn viên đã sử dụng', 'Số đoàn viên', 'Tỷ lệ'],
      rows: r.adoption.byService.map((s) => [s.serviceCode, s.serviceName, s.adopters, s.members, s.share]),
      formats: [undefined, undefined, COUNT, COUNT, SHARE],
    },
  };
}

const test = suite('report as XLSX and CSV');
let t: TestApp;
let w: ReportWorkload;
let report: CampaignReport;

test.before(async () => {
  t = await createTestApp();
  w = await createReportWorkload(t, 7);
  for (const [kind, value, serviceCode] of [['residents', 50, 'vneid_level2'], ['shops', 10, 'cashless_payment'], ['adoption_share', 0.5, 'vssid'], ['sessions', 8, '']] as const) {
    const res = await t.call({ method: 'PUT', url: `/api/v1/campaigns/${w.campaign.id}/targets`, payload: { unitId: w.units.province.id, kind, value, ...(serviceCode ? { serviceCode } : {}) } });
    assert.is(res.status, 200, JSON.stringify(res.body));
  }
  report = (await t.call({ method: 'GET', url: `/api/v1/campaigns/${w.campaign.id}/report` })).body;
});
test.after(() => t.dispose());

test('the workbook: a sheet per table with the JSON report’s numbers, bold frozen headers, widths and number formats', async () => {
  const res = await t.call({ method: 'GET', url: `/api/v1/campaigns/${w.campaign.id}/report.xlsx` });
  assert.is(res.status, 200);
  assert.is(res.response.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.is(res.response.headers['content-disposition'], `attachment; filename="bao-cao-${report.campaign.code}-${report.unit.code}.xlsx"`);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(res.response.rawPayload as never);
  const names = workbook.worksheets.map((ws) => ws.name);
  assert.is(names[0], 'Tổng hợp');

  const tables = expectedTables(report);
  for (const [table, want] of Object.entries(tables)) {
    const ws = workbook.getWorksheet(want.sheet);
    assert.ok(ws, `a sheet ${want.sheet} for ${table}`);
    const header = ws!.getRow(1);
    assert.equal((header.values as Cell[]).slice(1), want.headers, `${want.sheet}: headers`);
    assert.ok(header.getCell(1).font?.bold, `${want.sheet}: a bold header`);
    assert.is(ws!.views[0]?.state, 'frozen', `${want.sheet}: the header row is frozen`);
    assert.is((ws!.views[0] as { ySplit?: number }).ySplit, 1);
    want.headers.forEach((_, i) => assert.ok((ws!.getColumn(i + 1).width ?? 0) >= 8, `${want.sheet}: column ${i + 1} has a width`));
    assert.is(ws!.rowCount - 1, want.rows.length, `${want.sheet}: one row per entry of the report`);
    want.rows.forEach((cells, r) => {
      const row = ws!.getRow(r + 2);
      cells.forEach((value, c) => {
        const cell = row.getCell(c + 1);
        const got = cell.value;
        const where = `${want.sheet} row ${r + 2} column ${want.headers[c]}`;
        if (value instanceof Date) {
          assert.ok(got instanceof Date && got.getTime() === value.getTime(), `${where}: a real date ${value.toISOString()}, got ${String(got)}`);
        } else assert.equal(got ?? null, value, where);
        const isShareTarget = table === 'targets' && report.targets[r]!.kind === 'adoption_share' && (c === 2 || c === 3);
        const format = isShareTarget ? SHARE : want.formats[c];
        if (format) assert.is(cell.numFmt, format, `${where}: number format`);
      });
    });
  }
  assert.ok(tables.targets!.rows.length === 4 && tables.volunteers!.rows.length > 5 && tables.byHour!.rows.length > 10, 'the tables are not empty');
  const summary = workbook.getWorksheet('Tổng hợp')!;
  const summaryValue = (label: string) => summary.getRows(2, summary.rowCount - 1)!.find((row) => row.getCell(1).value === label)?.getCell(2);
  assert.is(summaryValue('Số người tham gia')?.value, report.volunteers.people);
  assert.is(summaryValue('Tổng số giờ làm nhiệm vụ')?.value, report.volunteers.hours);
  assert.is(summaryValue('Tổng số giờ làm nhiệm vụ')?.numFmt, '0.0');
  assert.is(summaryValue('Người dân được hỗ trợ')?.value, report.byService.reduce((n, s) => n + s.residents, 0));
});

test('each table as CSV: UTF-8 with a BOM, CRLF, the same cells', async () => {
  const tables = expectedTables(report);
  for (const [table, want] of Object.entries(tables)) {
    const res = await t.call({ method: 'GET', url: `/api/v1/campaigns/${w.campaign.id}/report.csv?table=${table}` });
    assert.is(res.status, 200, table);
    assert.is(res.response.headers['content-type'], 'text/csv; charset=utf-8');
    assert.match(String(res.response.headers['content-disposition']), new RegExp(`^attachment; filename="bao-cao-.+-${table}\\.csv"$`));
    const bytes = res.response.rawPayload;
    assert.equal([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], `${table}: starts with the UTF-8 BOM`);
    const text = bytes.toString('utf8');
    assert.ok(text.endsWith('\r\n') && !/[^\r]\n/.test(text), `${table}: every line ends with CRLF`);
    const records: string[][] = parse(text, { bom: true });
    assert.equal(records[0], want.headers, `${table}: headers`);
    const asText = (v: Cell) => (v === null ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v));
    assert.equal(records.slice(1), want.rows.map((row) => row.map(asText)), `${table}: cells`);
  }
});

test('personal data is for coordinators over the unit asked: a sibling branch’s coordinator and a volunteer are refused', async () => {
  const coordD1 = await t.signInAs('coordinator', w.units.d1.id);
  const volunteer = await t.signInAs('volunteer', w.units.d1.id);
  const base = `/api/v1/campaigns/${w.campaign.id}`;
  const routes = ['/report', '/report.xlsx', '/report.csv?table=volunteers', '/activity/export.csv', '/activity/export.xlsx'];
  const withUnit = (route: string, unitId: number) => `${base}${route}${route.includes('?') ? '&' : '?'}unitId=${unitId}`;
  for (const route of routes) {
    assert.is((await t.call({ method: 'GET', url: withUnit(route, w.units.d2.id), as: coordD1 })).status, 403, `${route}: district 2 for district 1's coordinator`);
    assert.is((await t.call({ method: 'GET', url: `${base}${route}`, as: coordD1 })).status, 403, `${route}: the province (the default) for district 1's coordinator`);
    assert.is((await t.call({ method: 'GET', url: withUnit(route, w.units.d1.id), as: volunteer })).status, 403, `${route}: a volunteer`);
    assert.is((await t.call({ method: 'GET', url: `${base}${route}`, as: null })).status, 401, `${route}: signed out`);
    assert.is((await t.call({ method: 'GET', url: withUnit(route, w.units.d1.id), as: coordD1 })).status, 200, `${route}: district 1 for its own coordinator`);
  }
  const own: CampaignReport = (await t.call({ method: 'GET', url: withUnit('/report', w.units.d1.id), as: coordD1 })).body;
  assert.is(own.unit.id, w.units.d1.id);
});

test('bad input: a 400 or 404 naming the field, never a 500', async () => {
  const base = `/api/v1/campaigns/${w.campaign.id}`;
  const outside = (await t.call({ method: 'POST', url: '/api/v1/units', payload: { code: `NGOAI-${Date.now()}`, name: 'Tỉnh đoàn khác' } })).body.id;
  const cases: Array<[string, number, string | undefined]> = [
    [`${base}/report.csv?table=byColour`, 400, 'query/table'],
    [`${base}/report.csv`, 400, 'query/table'],
    [`${base}/report.csv?table=byDay&unitId=${outside}`, 400, 'query/unitId'],
    [`${base}/report.xlsx?unitId=${outside}`, 400, 'query/unitId'],
    [`${base}/report.xlsx?unitId=2147483000`, 404, 'query/unitId'],
    [`${base}/activity/export.csv?unitId=${outside}`, 400, 'query/unitId'],
    [`${base}/activity/export.xlsx?unitId=0`, 400, 'query/unitId'],
    ['/api/v1/campaigns/2147483000/report.xlsx', 404, undefined],
    ['/api/v1/campaigns/2147483000/activity/export.csv', 404, undefined],
  ];
  for (const [url, status, field] of cases) {
    const res = await t.call({ method: 'GET', url });
    assert.is(res.status, status, `${url} → ${res.status} ${JSON.stringify(res.body)}`);
    assert.is(res.body.error, status === 400 ? 'validation' : 'not_found', url);
    if (field) assert.is(res.body.field, field, url);
  }
  const res = await t.call({ method: 'GET', url: `${base}/report.csv?table=byColour` });
  assert.match(res.body.message, /^query\/table must be one of byService, byDay/);
});

test.run();
