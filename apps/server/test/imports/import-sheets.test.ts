import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { queryRows } from '@xk/db';
import { setCodeTransport } from '../../src/auth/code-transport';
import { createCampaign } from '../helpers/fixtures';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { csv, errorKeys, send, tableCounts, xlsx } from './import-helpers';

/**
 * Spreadsheet onboarding through the HTTP API over a real database: fixture sheets (good and
 * broken) as unions write them, asserting what the dry run says, what the apply writes — exactly —
 * and that a failed or repeated import writes nothing.
 */

let t: TestApp;
let campaignId: number;
let rootId: number;

const unitByCode = async (code: string) => (await queryRows<{ id: number; name: string; parent: string | null; path: string; level: string; memberCount: number }>(t.app.database.db, sql`select u.id, u.name, p.code as parent, u.path, u.level, u.member_count as "memberCount" from units u left join units p on p.id = u.parent_id where u.code = ${code}`))[0];
const personByPhone = async (phone: string) => (await queryRows<{ id: number; name: string; email: string | null }>(t.app.database.db, sql`select id, name, email from people where phone = ${phone}`))[0];

const workbook = () =>
  xlsx({
    'Hướng dẫn': [['Mẫu nhập dữ liệu'], ['Điền các trang sau']],
    'Đơn vị': [
      ['DANH SÁCH ĐƠN VỊ TRỰC THUỘC'],
      ['Mã đơn vị *', 'Tên đơn vị', 'Cấp', 'Đơn vị cấp trên', 'Số đoàn viên', 'Ghi chú'],
      // A ward before its district: parents are found wherever they are in the sheet.
      ['QA-P1', 'Phường 1', 'Phường', 'QA', 40, ''],
      ['QA', 'Quận A', 'Quận', 'TD', '1.200', ''],
      ['QB', 'Quận B', 'Quận', 'Thành đoàn Thử', 800, 'mới thành lập'],
      ['QB-P1', 'Phường 1', 'Phường', 'Quận B', '35', ''],
    ],
    'Tổ đội': [
      ['Mã tổ/đội', 'Tên tổ/đội', 'Đơn vị', 'Loại'],
      ['QA-P1-T1', 'Tổ CNS khu 3', 'QA-P1', 'IT Xanh'],
      ['QB-P1-T1', 'Tổ CNS khu 5', 'Quận B / Phường 1', ''],
    ],
    'Tình nguyện viên': [
      ['Họ và tên', 'Số điện thoại', 'Email', 'Đơn vị', 'Vai trò', 'Tổ'],
      // A number cell: Excel dropped the leading 0.
      ['Nguyễn Thị Lan', 912345601, '', 'Quận A / Phường 1', 'Tình nguyện viên', 'QA-P1-T1'],
      ['Trần Văn Minh', '0912 345 602', 'minh@example.vn', 'QB-P1', '', 'Tổ CNS khu 5'],
      ['Lê Hoa', '+84 912 345 603', '', 'QB', 'Đoàn viên', ''],
    ],
  });

const s = suite('spreadsheet import');
s.before(async () => {
  t = await createTestApp();
  rootId = (await t.app.services.units.create({ code: 'TD', name: 'Thành đoàn Thử', level: 'province', memberCount: 10 })).id;
  campaignId = (await createCampaign(t, rootId)).id;
});
s.after(async () => {
  setCodeTransport(null);
  await t.dispose();
});

s('a workbook: the dry run says what it would do and writes nothing; the apply writes exactly that; a second import changes nothing', async () => {
  const file = await workbook();
  const before = await tableCounts(t);
  const preview = await send(t, 'preview', file, { campaignId });
  assert.is(preview.status, 200, JSON.stringify(preview.body));
  const p = preview.body;
  assert.equal(p.errors, []);
  assert.equal(p.totals, { create: 9, update: 0, unchanged: 0, errors: 0 });
  assert.equal(p.sheets.map((x: { name: string; kind: string | null; rows: number }) => [x.name, x.kind, x.rows]), [['Hướng dẫn', null, 0], ['Đơn vị', 'units', 4], ['Tổ đội', 'teams', 2], ['Tình nguyện viên', 'people', 3]]);
  assert.equal(p.sheets[1].headerRow, 2);
  assert.equal(p.sheets[1].ignoredColumns, ['Ghi chú']);
  assert.equal(p.changes.map((c: { key: string; action: string }) => `${c.key}:${c.action}`).sort(), ['+84912345601:create', '+84912345602:create', '+84912345603:create', 'QA-P1-T1:create', 'QA-P1:create', 'QA:create', 'QB-P1-T1:create', 'QB-P1:create', 'QB:create'].sort());
  assert.equal(await tableCounts(t), before, 'a preview writes nothing');

  const applied = await send(t, 'apply', file, { campaignId, expect: p.planHash });
  assert.is(applied.status, 200, JSON.stringify(applied.body));
  assert.equal(applied.body.created, { units: 4, teams: 2, people: 3, memberships: 3, placements: 2 });
  const after = await tableCounts(t);
  assert.equal(after, { ...before, units: before.units + 4, teams: before.teams + 2, people: before.people + 3, memberships: before.memberships + 3, grants: before.grants + 2, assignments: before.assignments + 2, members: before.members + 2075, imports: before.imports + 1 });

  const qa = (await unitByCode('QA'))!;
  const qaP1 = (await unitByCode('QA-P1'))!;
  assert.equal([qa.parent, qa.level, qa.memberCount], ['TD', 'district', 1200]);
  assert.equal([qaP1.parent, qaP1.level, qaP1.memberCount, qaP1.name], ['QA', 'commune', 40, 'Phường 1']);
  assert.ok(qaP1.path.startsWith(qa.path) && qa.path.startsWith(`/${rootId}/`), `${qaP1.path} under ${qa.path}`);
  const teams = await queryRows<{ code: string; kind: string; unit: string }>(t.app.database.db, sql`select t.code, t.kind, u.code as unit from teams t join units u on u.id = t.unit_id order by t.code`);
  assert.equal(teams, [{ code: 'QA-P1-T1', kind: 'it_xanh', unit: 'QA-P1' }, { code: 'QB-P1-T1', kind: 'community_digital', unit: 'QB-P1' }]);
  const lan = (await personByPhone('+84912345601'))!;
  const minh = (await personByPhone('+84912345602'))!;
  const hoa = (await personByPhone('+84912345603'))!;
  assert.equal([lan.name, minh.email, hoa.name], ['Nguyễn Thị Lan', 'minh@example.vn', 'Lê Hoa']);
  const placed = await queryRows<{ phone: string; team: string; role: string; grants: number }>(
    t.app.database.db,
    sql`select p.phone, m.role, t.code as team, (select count(*) from grants g where g.person_id = p.id and g.role = 'volunteer' and g.unit_id = m.unit_id)::int as grants
        from people p join memberships m on m.person_id = p.id
        left join assignments a on a.person_id = p.id and a.campaign_id = ${campaignId} and a.ends_at is null left join teams t on t.id = a.team_id
        where p.phone like '+8491234560%' order by p.phone`,
  );
  assert.equal(placed, [
    { phone: '+84912345601', role: 'volunteer', team: 'QA-P1-T1', grants: 1 },
    { phone: '+84912345602', role: 'volunteer', team: 'QB-P1-T1', grants: 1 },
    { phone: '+84912345603', role: 'member', team: null, grants: 0 },
  ]);
  assert.equal(applied.body.volunteerIds.sort(), [lan.id, minh.id].sort());

  const again = await send(t, 'preview', file, { campaignId });
  assert.equal(again.body.totals, { create: 0, update: 0, unchanged: 9, errors: 0 });
  assert.equal(again.body.changes, []);
  const reapplied = await send(t, 'apply', file, { campaignId });
  assert.is(reapplied.status, 200);
  assert.equal(reapplied.body.created, { units: 0, teams: 0, people: 0, memberships: 0, placements: 0 });
  assert.equal(reapplied.body.updated, { units: 0, teams: 0, people: 0, memberships: 0, placements: 0 });
  assert.equal(await tableCounts(t), after, 'the same file again writes nothing, not even an audit line');
});

s('a changed row updates only what changed, and moves a volunteer to another team with history kept', async () => {
  const file = await xlsx({
    'Đơn vị': [['Mã đơn vị', 'Số đoàn viên'], ['QA', 1250]],
    'Tình nguyện viên': [['Họ và tên', 'Số điện thoại', 'Đơn vị', 'Tổ'], ['Nguyễn Thị Lan', '0912345601', 'QA-P1', 'QB-P1-T1']],
  });
  const preview = (await send(t, 'preview', file, { campaignId })).body;
  assert.equal(preview.errors, []);
  assert.equal(preview.changes.map((c: { key: string; action: string; changes: string[] }) => [c.key, c.action, c.changes]), [['QA', 'update', ['memberCount']], ['+84912345601', 'update', ['team']]]);
  const applied = await send(t, 'apply', file, { campaignId, expect: preview.planHash });
  assert.equal(applied.body.updated, { units: 1, teams: 0, people: 0, memberships: 0, placements: 1 });
  assert.is((await unitByCode('QA'))!.memberCount, 1250);
  const history = await queryRows<{ team: string; open: boolean }>(t.app.database.db, sql`select t.code as team, a.ends_at is null as open from assignments a join teams t on t.id = a.team_id join people p on p.id = a.person_id where p.phone = '+84912345601' order by a.id`);
  assert.equal(history, [{ team: 'QA-P1-T1', open: false }, { team: 'QB-P1-T1', open: true }]);
});

s('a bare name two towns share is refused, naming both; its path or code is accepted', async () => {
  const bare = await send(t, 'preview', csv([['Họ và tên', 'Số điện thoại', 'Đơn vị'], ['Phạm An', '0912345610', 'Phường 1']]));
  assert.equal(errorKeys(bare.body), ['CSV:2:unit_ambiguous']);
  const [error] = bare.body.errors;
  assert.equal([error.column, error.value], ['Đơn vị', 'Phường 1']);
  assert.match(error.reason, /QA-P1 \(Thành đoàn Thử \/ Quận A \/ Phường 1\)/);
  assert.match(error.reason, /QB-P1 \(Thành đoàn Thử \/ Quận B \/ Phường 1\)/);
  assert.match(error.reasonEn, /Write the unit's code or its full path/);
  for (const written of ['Quận A/Phường 1', 'quận a > phường 1', 'Thành đoàn Thử / Quận A / Phường 1', 'QA-P1', 'qa-p1', 'Quan A / Phuong 1']) {
    const ok = await send(t, 'preview', csv([['Họ và tên', 'Số điện thoại', 'Đơn vị'], ['Phạm An', '0912345610', written]]));
    assert.equal(ok.body.errors, [], written);
    assert.is(ok.body.totals.create, 1, written);
  }
});

s('broken rows: every error with its row, column and reason; the apply refuses the whole file (422) and writes nothing', async () => {
  const file = csv(
    [
      ['Họ và tên', 'Số điện thoại', 'Email', 'Đơn vị', 'Vai trò'],
      ['Võ Thị Mai', '0987 654 321', '', 'QA-P1', ''],
      ['Đỗ Văn Sai', '12345', '', 'QA-P1', ''],
      ['Hồ Văn Lạc', '0987654322', '', 'Phường 99', ''],
      ['Võ Thị Mai', '0987 654 321', '', 'QA-P1', ''],
      ['Võ Mai Khác', '0987654321', '', 'QB-P1', ''],
      ['', '0987654323', '', 'QA-P1', ''],
      ['Lý Văn Vai', '0987654324', '', 'QA-P1', 'Trưởng nhóm'],
      ['Cao Văn Cũ', '01234567890', '', 'QA-P1', ''],
      ['Mạc Thư', '0987654325', 'không-phải-email', 'QA-P1', ''],
      ['Tạ Trống', '', '', '', ''],
    ],
    { delimiter: ';' },
  );
  const before = await tableCounts(t);
  const preview = (await send(t, 'preview', file)).body;
  assert.equal(errorKeys(preview), ['CSV:3:bad_phone', 'CSV:4:unit_unknown', 'CSV:5:duplicate', 'CSV:6:phone_name_clash', 'CSV:7:required', 'CSV:8:bad_choice', 'CSV:9:bad_phone', 'CSV:10:bad_email', 'CSV:11:required', 'CSV:11:required']);
  assert.equal(preview.errors.map((e: { column: string | null }) => e.column), ['Số điện thoại', 'Đơn vị', null, 'Họ và tên', 'Họ và tên', 'Vai trò', 'Số điện thoại', 'Email', 'Số điện thoại', 'Đơn vị']);
  assert.match(preview.errors[0].reason, /Số điện thoại không hợp lệ \(không phải số Việt Nam\)/);
  assert.match(preview.errors[2].reason, /Trùng với dòng 2/);
  assert.match(preview.errors[3].reason, /dòng 2 với tên khác \(«Võ Thị Mai»\)/);
  assert.match(preview.errors[6].reasonEn, /renumbered in 2018/);
  assert.equal(preview.totals, { create: 1, update: 0, unchanged: 0, errors: 9 });
  const applied = await send(t, 'apply', file);
  assert.is(applied.status, 422);
  assert.is(applied.body.error, 'unprocessable');
  assert.is(applied.body.preview.errors.length, 10);
  assert.equal(await tableCounts(t), before, 'no row of a refused file is written, not even the good one');
});

s('broken sheets: missing columns, nothing recognised, no rows, not a spreadsheet', async () => {
  const missing = (await send(t, 'preview', csv([['Họ và tên', 'Điện thoại'], ['An', '0912345699']]))).body;
  assert.equal(errorKeys(missing), ['CSV:1:missing_columns']);
  assert.match(missing.errors[0].reason, /Thiếu cột bắt buộc: Đơn vị/);
  const unknown = (await send(t, 'preview', csv([['Tên', 'Tuổi'], ['An', '20']]))).body;
  assert.equal(errorKeys(unknown), ['CSV:1:no_sheet']);
  const empty = (await send(t, 'preview', await xlsx({ 'Tình nguyện viên': [['Họ và tên', 'Số điện thoại', 'Đơn vị']] }))).body;
  assert.equal(errorKeys(empty), ['Tình nguyện viên:1:no_rows']);
  const xls = await send(t, 'preview', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
  assert.equal([xls.status, xls.body.field], [400, 'body']);
  assert.match(xls.body.message, /xls/);
  const zip = await send(t, 'preview', Buffer.from('PK\u0003\u0004 not really a workbook'));
  assert.equal([zip.status, zip.body.field], [400, 'body']);
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Họ và tên\tSố điện thoại\tĐơn vị\r\nAn Mười Sáu\t0912345698\tQA-P1\r\n', 'utf16le')]);
  const unicodeText = (await send(t, 'preview', utf16)).body;
  assert.equal([unicodeText.errors, unicodeText.totals.create], [[], 1], 'Excel’s “Unicode Text” (UTF-16, tabs) reads too');
  const latin1 = await send(t, 'preview', Buffer.from('Họ và tên,Số điện thoại,Đơn vị\n', 'latin1'));
  assert.equal([latin1.status, latin1.body.field], [400, 'body']);
  const none = await t.call({ method: 'POST', url: '/api/v1/imports/preview', headers: { 'content-type': 'text/csv' }, payload: '' });
  assert.equal([none.status, none.body.field], [400, 'body']);
  const json = await t.call({ method: 'POST', url: '/api/v1/imports/preview', payload: { rows: [] } });
  assert.equal([json.status, json.body.field], [400, 'body']);
  const badKind = await send(t, 'preview', csv([['a']]), { kind: 'stations' });
  assert.equal([badKind.status, badKind.body.field], [400, 'query/kind']);
  const noCampaign = await send(t, 'preview', csv([['a']]), { campaignId: 999999 });
  assert.is(noCampaign.status, 404);
});

s('units sheet errors: bad code, no parent, bad count, a cycle of new units, a merged parent, a team without a campaign', async () => {
  const merged = await t.app.services.units.create({ code: 'QA-P9', name: 'Phường 9', parentId: (await unitByCode('QA'))!.id });
  await t.app.services.units.merge(merged.id, (await unitByCode('QA-P1'))!.id);
  const file = await xlsx({
    'Đơn vị': [
      ['Mã đơn vị', 'Tên đơn vị', 'Đơn vị cấp trên', 'Số đoàn viên'],
      ['Q A', 'Mã có dấu cách', 'QA', ''],
      ['QC', 'Quận C', '', ''],
      ['QD', 'Quận D', 'TD', '-5'],
      ['X1', 'Vòng 1', 'X2', ''],
      ['X2', 'Vòng 2', 'X1', ''],
      ['QA-P9-K1', 'Khu 1', 'QA-P9', ''],
      ['QE', '', 'TD', ''],
    ],
    'Tình nguyện viên': [['Họ và tên', 'Số điện thoại', 'Đơn vị', 'Tổ'], ['Ngô Tổ', '0912345620', 'QA-P1', 'QA-P1-T1']],
  });
  const preview = (await send(t, 'preview', file)).body;
  assert.equal(errorKeys(preview), ['Đơn vị:2:bad_code', 'Đơn vị:3:root', 'Đơn vị:4:bad_number', 'Đơn vị:5:cycle', 'Đơn vị:6:cycle', 'Đơn vị:7:unit_merged', 'Đơn vị:8:required', 'Tình nguyện viên:1:campaign_required']);
});

s('scope: a coordinator imports people only into their units, and units or teams not at all; an organizer only under their own units', async () => {
  const qa = (await unitByCode('QA'))!;
  const coordinator = await t.signInAs('coordinator', qa.id);
  const people = csv([['Họ và tên', 'Số điện thoại', 'Đơn vị'], ['Trong Phạm Vi', '0912345630', 'QA-P1'], ['Ngoài Phạm Vi', '0912345631', 'QB-P1'], ['Tên Trùng', '0912345632', 'Phường 1']]);
  const asCoordinator = (await send(t, 'preview', people, {}, coordinator)).body;
  // "Phường 1" is not ambiguous to a coordinator of Quận A: the other one is outside what they can see.
  assert.equal(errorKeys(asCoordinator), ['CSV:3:unit_outside']);
  const units = await xlsx({ 'Đơn vị': [['Mã đơn vị', 'Tên đơn vị', 'Đơn vị cấp trên'], ['QA-P2', 'Phường 2', 'QA']] });
  assert.equal(errorKeys((await send(t, 'preview', units, {}, coordinator)).body), ['Đơn vị:2:forbidden']);
  const organizer = await t.signInAs('organizer', qa.id);
  assert.equal(errorKeys((await send(t, 'preview', units, {}, organizer)).body), []);
  const elsewhere = await xlsx({ 'Đơn vị': [['Mã đơn vị', 'Tên đơn vị', 'Đơn vị cấp trên'], ['QB-P2', 'Phường 2', 'QB'], ['QB', 'Quận B đổi tên', '']] });
  assert.equal(errorKeys((await send(t, 'preview', elsewhere, {}, organizer)).body), ['Đơn vị:2:unit_outside', 'Đơn vị:3:code_outside']);
  const volunteer = await t.signInAs('volunteer', qa.id);
  assert.is((await send(t, 'preview', people, {}, volunteer)).status, 403);
  assert.is((await t.call({ method: 'POST', url: '/api/v1/imports/preview', payload: people, headers: { 'content-type': 'text/csv' }, as: null })).status, 401);
});

s('the data changed since the preview: the apply answers 409 with the new preview and writes nothing', async () => {
  const file = csv([['Mã đơn vị', 'Tên đơn vị'], ['QA', 'Quận A (mới)']], { bom: false });
  const preview = (await send(t, 'preview', file, { kind: 'units' })).body;
  assert.equal(preview.changes.map((c: { changes: string[] }) => c.changes), [['name']]);
  await t.app.services.units.update((await unitByCode('QA'))!.id, { name: 'Quận A (mới)' });
  const before = await tableCounts(t);
  const applied = await send(t, 'apply', file, { kind: 'units', expect: preview.planHash });
  assert.equal([applied.status, applied.body.field], [409, 'query/expect']);
  assert.equal(applied.body.preview.totals, { create: 0, update: 0, unchanged: 1, errors: 0 });
  assert.equal(await tableCounts(t), before);
});

s('an apply that fails half-way (a database error after units and teams were written) leaves nothing behind', async () => {
  const db = t.app.database.db;
  await db.execute(sql`create function refuse_person() returns trigger language plpgsql as $$ begin if new.name = 'Người Lỗi' then raise exception 'refused'; end if; return new; end $$`);
  await db.execute(sql`create trigger refuse_person before insert on people for each row execute function refuse_person()`);
  const file = await xlsx({
    'Đơn vị': [['Mã đơn vị', 'Tên đơn vị', 'Đơn vị cấp trên'], ['QA-P3', 'Phường 3', 'QA']],
    'Tổ đội': [['Mã tổ/đội', 'Tên tổ/đội', 'Đơn vị'], ['QA-P3-T1', 'Tổ khu 1', 'QA-P3']],
    'Tình nguyện viên': [['Họ và tên', 'Số điện thoại', 'Đơn vị'], ['Người Tốt', '0912345640', 'QA-P3'], ['Người Lỗi', '0912345641', 'QA-P3']],
  });
  const before = await tableCounts(t);
  const failed = await send(t, 'apply', file);
  assert.is(failed.status, 500);
  assert.equal(await tableCounts(t), before, 'the transaction rolled back the units, teams and people written before the failure');
  assert.is(await unitByCode('QA-P3'), undefined);
  await db.execute(sql`drop trigger refuse_person on people`);
  const retried = await send(t, 'apply', file);
  assert.equal(retried.body.created, { units: 1, teams: 1, people: 2, memberships: 2, placements: 0 });
});

s('the template: every sheet is recognised, empty sheets are left alone, and a filled-in template imports', async () => {
  const template = await t.call({ method: 'GET', url: '/api/v1/imports/template.xlsx' });
  assert.is(template.status, 200);
  assert.match(String(template.response.headers['content-disposition']), /attachment; filename="mau-nhap-xung-kich.xlsx"/);
  const raw = template.response.rawPayload;
  const asIs = (await send(t, 'preview', raw)).body;
  assert.equal(asIs.sheets.map((x: { name: string; kind: string | null }) => [x.name, x.kind]), [['Hướng dẫn', null], ['Đơn vị', 'units'], ['Tổ đội', 'teams'], ['Tình nguyện viên', 'people']]);
  assert.equal(errorKeys(asIs), ['Đơn vị:1:no_rows']);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(raw as unknown as ArrayBuffer);
  wb.getWorksheet('Tình nguyện viên')!.getRow(2).values = ['Đinh Mẫu', '0912345650', '', 'QA-P1', 'Tình nguyện viên', ''];
  const filled = (await send(t, 'preview', Buffer.from(await wb.xlsx.writeBuffer()))).body;
  assert.equal(filled.errors, []);
  assert.equal(filled.totals.create, 1);
  const csvTemplate = await t.call({ method: 'GET', url: '/api/v1/imports/template.csv?kind=teams' });
  assert.is(csvTemplate.body, '\ufeffMã tổ/đội *,Tên tổ/đội *,Đơn vị *,Loại\r\n');
});

s('imported volunteers get their invites in bulk: a personal link each, sent; who can already sign in is skipped', async () => {
  const sent: Array<{ phone: string; text: string }> = [];
  setCodeTransport({ send: async (phone, text) => void sent.push({ phone, text }) });
  const file = csv([['Họ và tên', 'Số điện thoại', 'Đơn vị', 'Tổ'], ['Bùi Mời', '0912345660', 'QA-P1', 'QA-P1-T1'], ['Bùi Mời Hai', '0912345661', 'QA-P1', 'QA-P1-T1']]);
  const { volunteerIds } = (await send(t, 'apply', file, { campaignId })).body;
  assert.is(volunteerIds.length, 2);
  const invited = await t.call({ method: 'POST', url: `/api/v1/campaigns/${campaignId}/invites/people`, payload: { personIds: volunteerIds } });
  assert.is(invited.status, 201, JSON.stringify(invited.body));
  assert.equal(invited.body.invites.map((i: { sent: boolean }) => i.sent), [true, true]);
  assert.equal(sent.map((m) => m.phone).sort(), ['+84912345660', '+84912345661']);
  const url = invited.body.invites[0].url as string;
  assert.match(url, /\/phone\/#\/link\/[A-Za-z0-9_-]{43}$/);
  assert.ok(sent.some((m) => m.text.includes(url)));
  const secret = url.split('#/link/')[1]!;
  const redeemed = await t.call({ method: 'POST', url: '/api/v1/auth/links/redeem', payload: { secret }, as: null });
  assert.is(redeemed.status, 200);
  const cookie = String(redeemed.response.headers['set-cookie']).split(';')[0]!;
  const csrf = redeemed.body.csrfToken as string | undefined;
  const pin = await t.app.inject({ method: 'PUT', url: '/api/v1/auth/pin', payload: { pin: '482915' }, headers: { cookie, ...(csrf ? { 'x-csrf-token': csrf } : {}) } });
  assert.is(pin.statusCode, 204, pin.body);
  const again = (await t.call({ method: 'POST', url: `/api/v1/campaigns/${campaignId}/invites/people`, payload: { personIds: volunteerIds, send: false } })).body;
  assert.is(again.invites.length, 1);
  assert.equal(again.skipped.map((x: { reason: string }) => x.reason), ['has-pin']);
  const unknown = await t.call({ method: 'POST', url: `/api/v1/campaigns/${campaignId}/invites/people`, payload: { personIds: [2147483000] } });
  assert.equal([unknown.status, unknown.body.field], [400, 'body/personIds']);
});

s.run();
