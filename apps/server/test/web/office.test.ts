import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { CampaignReport, ImportPreview } from '@xk/contract';
import { isChromiumAvailable } from '@xk/testing';
import { signInAs } from '../helpers/test-app';
import { adminCalls, newPage, vi, withHub } from './browser-hub';

/**
 * The office tabs of the staff page in Chromium, on the demo province: a spreadsheet imported the
 * way an officer would (a broken file's errors, then the fixed file, then invites), and the report
 * (figures as the API gives them, drilling down a unit, a streamed export saved, the print view).
 */

const test = suite('reports and import in Chromium');
const shots = process.env.XK_SCREENSHOTS_DIR ?? tmpdir();

async function workbook(rows: Array<Array<string | number>>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Tình nguyện viên');
  ws.addRow(['Họ và tên', 'Số điện thoại', 'Đơn vị', 'Vai trò']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

if (isChromiumAvailable('office screens browser test')) {
  test('import: a broken file shows every error and writes nothing; the fixed file imports on confirm; invites follow', async () => {
    await withHub({ demo: true }, async ({ app, url, browser }) => {
      const call = await adminCalls(app, url);
      const admin = await signInAs(app, 'admin', null);
      const link = await app.auth.newSignInLink(admin.personId, null);
      const { page, errors } = await newPage(browser, { width: 1366, height: 768 });
      await page.goto(`${url}/?tab=import#/link/${link}`);
      await page.getByTestId('import-file').waitFor({ state: 'attached', timeout: 20_000 });
      // Opened straight on the tab, the campaigns may come after the panel: its choice follows the selected campaign.
      await page.waitForFunction(() => (document.querySelector('[data-testid=import-campaign]') as HTMLSelectElement | null)?.value !== '', null, { timeout: 20_000 });
      const broken = await workbook([
        ['Người Một', '0912 888 001', 'HP-LECHAN', ''],
        ['Người Hai', '12345', 'HP-LECHAN', ''],
        ['Người Ba', '0912888003', 'Phường Không Có', ''],
      ]);
      const before = (await call<unknown[]>('GET', '/api/v1/people?limit=1000')).length;
      await page.getByTestId('import-file').setInputFiles({ name: 'tnv-loi.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: broken });
      await page.getByTestId('import-errors').waitFor({ timeout: 20_000 });
      const rows = await page.getByTestId('import-errors').locator('tbody tr:not(.print-only)').allInnerTexts();
      assert.is(rows.length, 2);
      assert.match(rows[0]!, /3\s+Số điện thoại\s+12345\s+Số điện thoại không hợp lệ/);
      assert.match(rows[1]!, /4\s+Đơn vị\s+Phường Không Có\s+Không tìm thấy đơn vị «Phường Không Có»/);
      assert.match(await page.getByTestId('import-errors-title').innerText(), /2 lỗi: chưa ghi gì/);
      assert.is(await page.getByTestId('import-confirm').count(), 0, 'no way to confirm a file with errors');
      await page.screenshot({ path: join(shots, 'office-import-errors-1366.png'), fullPage: true });
      assert.is((await call<unknown[]>('GET', '/api/v1/people?limit=1000')).length, before);

      const fixed = await workbook([
        ['Người Một', '0912 888 001', 'HP-LECHAN', ''],
        ['Người Hai', '0912888002', 'HP-LECHAN', ''],
      ]);
      await page.getByTestId('import-file').setInputFiles({ name: 'tnv.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: fixed });
      await page.getByTestId('import-confirm').waitFor({ timeout: 20_000 });
      assert.match(await page.getByTestId('import-confirm').innerText(), /Xác nhận nhập 2 dòng/);
      await page.getByTestId('import-confirm').click();
      await page.getByTestId('import-done').waitFor({ timeout: 20_000 });
      assert.match(await page.getByTestId('import-done').innerText(), /Đã nhập: 2 người/);
      const found = await call<Array<{ name: string }>>('GET', '/api/v1/people?phone=0912888002');
      assert.equal(found.map((p) => p.name), ['Người Hai']);
      await page.getByTestId('import-invite').click();
      await page.getByTestId('import-invites').waitFor({ timeout: 20_000 });
      assert.match(await page.getByTestId('import-invites').innerText(), /Đã tạo 2 lời mời/);
      const links = await page.locator('.import__link').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
      assert.is(links.length, 2);
      for (const l of links) assert.match(l, /\/phone\/#\/link\/[A-Za-z0-9_-]{43}$/);

      // The same file again: nothing to do.
      await page.getByText('Nhập tệp khác').click();
      await page.getByTestId('import-file').setInputFiles({ name: 'tnv.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: fixed });
      await page.getByTestId('import-nothing').waitFor({ timeout: 20_000 });
      assert.equal(errors, []);
    });
  });

  test('report: the figures are the API’s; a child unit opens its own report; the activity export downloads whole; the print view hides the controls', async () => {
    await withHub({ demo: true }, async ({ app, url, browser }) => {
      const call = await adminCalls(app, url);
      const [campaign] = await call<Array<{ id: number }>>('GET', '/api/v1/campaigns');
      const report = await call<CampaignReport>('GET', `/api/v1/campaigns/${campaign!.id}/report`);
      const admin = await signInAs(app, 'admin', null);
      const link = await app.auth.newSignInLink(admin.personId, null);
      const { page, errors } = await newPage(browser, { width: 1366, height: 768 });
      await page.goto(`${url}/?tab=reports#/link/${link}`);
      await page.getByTestId('report-figures').waitFor({ timeout: 30_000 });
      const residents = report.byDay.reduce((s, d) => s + d.residents, 0);
      // The demo's simulator is off in tests: the figures stand still, so the page must show exactly the API's.
      assert.match(await page.getByTestId('figure-residents').innerText(), new RegExp(vi(residents)));
      assert.match(await page.getByTestId('figure-volunteers').innerText(), new RegExp(vi(report.volunteers.people)));
      assert.is(await page.getByTestId('table-units').locator('tbody tr:not(.print-only)').count(), Math.min(12, report.byUnit.length));
      await page.screenshot({ path: join(shots, 'office-report-1366.png') });
      await page.setViewportSize({ width: 820, height: 1180 });
      await page.screenshot({ path: join(shots, 'office-report-tablet.png') });
      await page.setViewportSize({ width: 1366, height: 768 });

      const child = report.byUnit[0]!;
      await page.getByTestId('table-units').getByRole('button', { name: child.name }).click();
      await page.getByTestId('report-as-of').filter({ hasText: child.name }).waitFor({ timeout: 20_000 });
      assert.match(await page.getByTestId('figure-residents').innerText(), new RegExp(vi(child.residents)));

      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('export-activity-csv').click()]);
      const savedBytes = readFileSync((await download.path())!);
      const saved = savedBytes.toString('utf8');
      const exported = await fetch(`${url}/api/v1/campaigns/${campaign!.id}/activity/export.csv?unitId=${child.unitId}`, { headers: admin.headers });
      const total = Number(exported.headers.get('x-total-rows'));
      assert.ok(savedBytes.equals(Buffer.from(await exported.arrayBuffer())), 'the saved file is the export, byte for byte');
      assert.is(saved.trimEnd().split('\n').length, total + 1, 'a header line and every row');
      await page.getByTestId('export-progress').filter({ hasText: 'Đã tải xong' }).waitFor();

      await page.emulateMedia({ media: 'print' });
      assert.is(await page.getByTestId('export-xlsx').isVisible(), false);
      assert.is(await page.getByTestId('tab-reports').isVisible(), false);
      assert.is(await page.locator('.report__print-header').isVisible(), true);
      await page.screenshot({ path: join(shots, 'office-report-print.png'), fullPage: true });
      assert.equal(errors, []);
    });
  });

  test('a ward’s coordinator opens the report on their ward (not the province, which they may not read) and cannot import into another ward', async () => {
    await withHub({ demo: true }, async ({ app, url, browser }) => {
      const call = await adminCalls(app, url);
      const units = await call<Array<{ id: number; code: string; name: string }>>('GET', '/api/v1/units');
      const ward = units.find((u) => u.code === 'HP-LECHAN')!;
      const coordinator = await signInAs(app, 'coordinator', ward.id);
      const link = await app.auth.newSignInLink(coordinator.personId, null);
      const { page, errors } = await newPage(browser, { width: 1366, height: 768 });
      await page.goto(`${url}/?tab=reports#/link/${link}`);
      await page.getByTestId('report-as-of').filter({ hasText: ward.name }).waitFor({ timeout: 30_000 });
      assert.is(await page.getByTestId('report-error').count(), 0);
      const other = units.find((u) => u.code.startsWith('HP-') && u.code !== 'HP-LECHAN' && !u.code.startsWith('HP-LECHAN-'))!;
      const preview = (await (
        await fetch(`${url}/api/v1/imports/preview`, { method: 'POST', headers: { ...coordinator.headers, 'content-type': 'text/csv' }, body: `Họ và tên,Số điện thoại,Đơn vị\r\nNgười Khác,0912888009,${other.code}\r\n` })
      ).json()) as ImportPreview;
      assert.equal(preview.errors.map((e) => e.code), ['unit_outside']);
      assert.equal(errors, []);
    });
  });
}

test.run();
