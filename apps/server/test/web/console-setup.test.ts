import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { toZonedInput } from '@xk/domain';
import { isChromiumAvailable } from '@xk/testing';
import { posterCodeProblem } from '../../src/stations/poster-code';
import { signInAs } from '../helpers/test-app';
import { adminCalls, newPage, withHub } from './browser-hub';

/**
 * The coordinator console's set-up tab in Chromium, the way a district secretary uses it the day
 * before a launch: an organizer with no campaign yet creates one (a window ending before it starts is
 * refused under its field, and nothing is written), picks its services, sets a target and splits it
 * among the child units, adds a station with a shift and a team, makes invites for both, and prints:
 * the QR codes on the print sheet are read back from the rendered pixels and must be the working
 * invite links and the station's signed poster.
 */

const test = suite('the set-up tab in Chromium');
const shots = process.env.XK_SCREENSHOTS_DIR ?? tmpdir();
const VN = 'Asia/Ho_Chi_Minh';
const jsQrSource = readFileSync(createRequire(new URL('../../../web/package.json', import.meta.url)).resolve('jsqr'), 'utf8');

/** The text of the QR code an element shows, read from a screenshot of it (what a phone's camera would see), or null. */
async function readQr(page: Page, qr: Locator): Promise<string | null> {
  const png = (await qr.screenshot()).toString('base64');
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.width;
    canvas.height = img.height;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const { data, width, height } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const decode = (window as unknown as { jsQR: (d: Uint8ClampedArray, w: number, h: number) => { data: string } | null }).jsQR;
    return decode(data, width, height)?.data ?? null;
  }, png);
}

if (isChromiumAvailable('set-up tab browser test')) {
  test('from an empty hub to a printed QR sheet: campaign, services, a split target, a station with its shift, a team, invites, the print view', async () => {
    await withHub({ demo: false }, async ({ app, url, browser }) => {
      const call = await adminCalls(app, url);
      type U = { id: number };
      const root = await call<U>('POST', '/api/v1/units', { code: 'HP', name: 'Thành đoàn Hải Phòng', memberCount: 12 });
      const lc = await call<U>('POST', '/api/v1/units', { code: 'HP-LC', name: 'Đoàn phường Lê Chân', parentId: root.id, memberCount: 100 });
      await call('POST', '/api/v1/units', { code: 'HP-LC-1', name: 'Chi đoàn khu phố 1', parentId: lc.id, memberCount: 50 });
      const nq = await call<U>('POST', '/api/v1/units', { code: 'HP-NQ', name: 'Đoàn phường Ngô Quyền', parentId: root.id, memberCount: 50 });
      const ka = await call<U>('POST', '/api/v1/units', { code: 'HP-KA', name: 'Đoàn phường Kiến An', parentId: root.id, memberCount: 0 });
      // An organizer of the city union, not an admin: the tab works within her units.
      const organizer = await signInAs(app, 'organizer', root.id);
      const link = await app.auth.newSignInLink(organizer.personId, null);
      const { page, errors } = await newPage(browser, { width: 1366, height: 768 });
      await page.goto(`${url}/?tab=setup#/link/${link}`);

      // ─── 1. The campaign: an empty hub opens on the form ───
      const form = page.getByTestId('campaign-create');
      await form.waitFor({ timeout: 30_000 });
      await page.locator('#campaign-name').fill('Ngày Chuyển đổi số quốc gia 10/10');
      assert.is(await page.locator('#campaign-code').inputValue(), 'NGAY-CHUYEN-DOI-SO-QUOC-GIA-10-10', 'the code is offered from the name');
      const tomorrow = toZonedInput(new Date(Date.now() + 86_400_000), VN).slice(0, 10);
      await page.locator('#campaign-starts').fill(`${tomorrow}T07:00`);
      await page.locator('#campaign-ends').fill(`${tomorrow}T06:00`);
      for (const code of ['ehealth_book', 'chip_id_card']) await form.locator(`input[value=${code}]`).uncheck();
      await page.getByTestId('campaign-create-submit').click();
      const endError = page.getByTestId('campaign-ends-error');
      await endError.waitFor({ timeout: 10_000 });
      assert.match(await endError.innerText(), /Thời điểm kết thúc phải sau thời điểm bắt đầu/);
      assert.equal(await call('GET', '/api/v1/campaigns'), [], 'a refused campaign writes nothing');
      await page.screenshot({ path: join(shots, 'setup-create-error-1366.png'), fullPage: true });

      await page.locator('#campaign-ends').fill(`${tomorrow}T17:00`);
      await page.getByTestId('campaign-create-submit').click();
      await page.getByTestId('setup-services').waitFor({ timeout: 10_000 });
      const [campaign] = await call<Array<{ id: number; code: string; startsAt: string; endsAt: string; scopeUnitId: number }>>('GET', '/api/v1/campaigns');
      assert.ok(campaign);
      assert.is(campaign.code, 'NGAY-CHUYEN-DOI-SO-QUOC-GIA-10-10');
      assert.is(campaign.scopeUnitId, root.id);
      assert.is(toZonedInput(campaign.startsAt, VN), `${tomorrow}T07:00`, 'the window is read on Vietnam’s clock');
      assert.is(toZonedInput(campaign.endsAt, VN), `${tomorrow}T17:00`);
      const base = `/api/v1/campaigns/${campaign.id}`;

      // ─── 2. Services: the two left out are missing; one turned off, a local one added ───
      type S = { code: string; nameVi: string; isActive: boolean };
      let services = await call<S[]>('GET', `${base}/services`);
      assert.is(services.length, 8);
      assert.not.ok(services.some((s) => s.code === 'ehealth_book' || s.code === 'chip_id_card'));
      await page.getByTestId('service-safe_social_media').locator('input[type=checkbox]').uncheck();
      await page.locator('#service-name-vi').fill('Ứng dụng Hải Phòng Smart');
      assert.is(await page.locator('#service-code').inputValue(), 'ung_dung_hai_phong_smart');
      await page.getByTestId('service-custom').getByRole('button').click();
      await page.getByTestId('service-ung_dung_hai_phong_smart').waitFor({ timeout: 10_000 });
      services = await call<S[]>('GET', `${base}/services`);
      assert.is(services.find((s) => s.code === 'safe_social_media')?.isActive, false);
      assert.is(services.find((s) => s.code === 'ung_dung_hai_phong_smart')?.nameVi, 'Ứng dụng Hải Phòng Smart');

      // ─── 3. Targets: 1,001 VNeID activations for the city, split by members among its wards ───
      await page.getByTestId('step-targets').click();
      await page.getByTestId('target-form').waitFor();
      await page.locator('#target-kind').selectOption('residents');
      await page.locator('#target-service').selectOption('vneid_level2');
      await page.locator('#target-value').fill('1.001'); // the Vietnamese way: one thousand and one
      await page.getByTestId('target-submit').click();
      const row = page.getByTestId('target-residents-vneid_level2');
      await row.waitFor({ timeout: 10_000 });
      assert.match(await row.innerText(), /1\.001/);
      await row.getByTestId('split-open').click();
      await page.getByTestId('split-members').click();
      const result = page.getByTestId('split-result');
      await result.waitFor({ timeout: 10_000 });
      type T = { unitId: number; kind: string; serviceCode: string; value: number };
      const children = (await call<T[]>('GET', `${base}/targets`)).filter((x) => x.unitId !== root.id && x.kind === 'residents' && x.serviceCode === 'vneid_level2');
      // Lê Chân 100 + its branch 50, Ngô Quyền 50, Kiến An 0: 750.75, 250.25, 0 → 751, 250, 0.
      assert.equal(Object.fromEntries(children.map((x) => [x.unitId, x.value])), { [lc.id]: 751, [nq.id]: 250, [ka.id]: 0 });
      assert.match(await result.locator(`tr[data-unit-id="${lc.id}"]`).innerText(), /Đoàn phường Lê Chân\s+150\s+751/);
      await row.locator('td').nth(2).filter({ hasText: '1.001 (3 đơn vị)' }).waitFor({ timeout: 10_000 });
      await page.screenshot({ path: join(shots, 'setup-targets-1366.png'), fullPage: true });
      await page.setViewportSize({ width: 820, height: 1180 });
      await page.screenshot({ path: join(shots, 'setup-targets-tablet.png') });
      await page.setViewportSize({ width: 1366, height: 768 });

      // ─── 4. A station in Lê Chân with a morning shift ───
      await page.getByTestId('step-stations').click();
      await page.locator('#station-name').fill('Chợ Cột Đèn');
      await page.locator('#station-kind').selectOption('market');
      await page.locator('#station-unit').selectOption(String(lc.id));
      await page.locator('#station-people').fill('4');
      await page.locator('#station-lat').fill('20.8561');
      await page.locator('#station-lng').fill('106.6822');
      await page.getByTestId('station-submit').click();
      await page.getByTestId('shifts-panel').waitFor({ timeout: 10_000 });
      await page.locator('#shift-starts').fill(`${tomorrow}T07:30`);
      await page.locator('#shift-ends').fill(`${tomorrow}T11:30`);
      await page.getByTestId('shift-submit').click();
      await page.getByTestId('shift-list').waitFor({ timeout: 10_000 });
      type St = { id: number; code: string; name: string; unitId: number; kind: string; lat: number; lng: number; peopleNeeded: number };
      const [station] = await call<St[]>('GET', `${base}/stations`);
      assert.ok(station);
      assert.equal({ ...station, id: 0 }, { id: 0, campaignId: campaign.id, unitId: lc.id, code: 'CHO-COT-DEN', name: 'Chợ Cột Đèn', kind: 'market', lat: 20.8561, lng: 106.6822, peopleNeeded: 4 });
      const shifts = await call<Array<{ startsAt: string; endsAt: string; peopleNeeded: number }>>('GET', `/api/v1/stations/${station.id}/shifts`);
      assert.equal(shifts.map((s) => [toZonedInput(s.startsAt, VN), toZonedInput(s.endsAt, VN), s.peopleNeeded]), [[`${tomorrow}T07:30`, `${tomorrow}T11:30`, 4]]);
      await page.screenshot({ path: join(shots, 'setup-stations-1366.png'), fullPage: true });
      await page.setViewportSize({ width: 820, height: 1180 });
      await page.screenshot({ path: join(shots, 'setup-stations-tablet.png'), fullPage: true });
      await page.setViewportSize({ width: 1366, height: 768 });

      // ─── 5. A team ───
      await page.getByTestId('step-teams').click();
      await page.locator('#team-name').fill('Tổ công nghệ số cộng đồng Lê Chân');
      await page.locator('#team-kind').selectOption('community_digital');
      await page.locator('#team-unit').selectOption(String(lc.id));
      await page.getByTestId('team-submit').click();
      await page.getByTestId('teams-table').getByText('Tổ công nghệ số cộng đồng Lê Chân').waitFor({ timeout: 10_000 });
      const team = (await call<Array<{ id: number; name: string; unitId: number }>>('GET', '/api/v1/teams')).find((x) => x.name === 'Tổ công nghệ số cộng đồng Lê Chân');
      assert.is(team?.unitId, lc.id);

      // ─── 6. Invites for the team and for the station, then the print view ───
      await page.getByTestId('step-invites').click();
      await page.locator('#invite-team').selectOption(String(team!.id));
      await page.locator('#invite-uses').fill('25');
      await page.getByTestId('invite-submit').click();
      await page.getByTestId('created-invite-link').nth(0).waitFor({ timeout: 10_000 });
      await page.locator('#invite-team').selectOption('');
      await page.locator('#invite-station').selectOption(String(station.id));
      await page.getByTestId('invite-submit').click();
      await page.getByTestId('created-invite-link').nth(1).waitFor({ timeout: 10_000 });
      const links = await page.getByTestId('created-invite-link').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
      for (const l of links) assert.match(l, new RegExp(`^${url.replace(/[.]/g, '\\.')}/phone/#/join/[A-Za-z0-9_-]{43}$`));
      assert.is((await call<unknown[]>('GET', `${base}/invites`)).length, 2);
      await page.screenshot({ path: join(shots, 'setup-invites-1366.png'), fullPage: true });

      await page.getByTestId('open-print').click();
      const sheet = page.getByTestId('print-sheet');
      await sheet.waitFor({ timeout: 10_000 });
      const cards = sheet.getByTestId('print-card');
      const posters = sheet.getByTestId('print-poster');
      await posters.first().getByTestId('qr').waitFor({ timeout: 10_000 });
      assert.is(await cards.count(), 2);
      assert.is(await posters.count(), 1);
      assert.is(await cards.getByTestId('qr').count(), 2);
      assert.is(await page.getByTestId('tab-setup').isVisible(), false, 'the print view stands alone');
      await page.screenshot({ path: join(shots, 'setup-print-sheet.png'), fullPage: true });
      // Printed: the two cards share one A4 sheet, the poster has the next.
      const pdf = (await page.pdf({ path: join(shots, 'setup-print-sheet.pdf'), preferCSSPageSize: true, printBackground: true })).toString('latin1');
      assert.is(pdf.match(/\/Type\s*\/Page\b/g)?.length, 2, 'two A4 pages');
      const boxes = [...pdf.matchAll(/\/MediaBox\s*\[0 0 ([\d.]+) ([\d.]+)\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
      assert.ok(boxes.length > 0 && boxes.every(([w, h]) => Math.abs(w! - 595.3) < 1 && Math.abs(h! - 841.9) < 1), `A4 pages (595 × 842 pt): ${JSON.stringify(boxes)}`);

      // The printed codes, read back from the pixels: each card's link works and leads where it says.
      await page.addScriptTag({ content: jsQrSource });
      const peeked: Array<{ teamName: string | null; stationName: string | null; campaignName: string }> = [];
      for (let i = 0; i < 2; i++) {
        const card = cards.nth(i);
        const text = await readQr(page, card.getByTestId('qr'));
        assert.ok(text, `card ${i}: the QR code reads`);
        assert.is(text, await card.getByTestId('print-card-link').innerText(), 'the QR carries the link printed under it');
        assert.ok(links.includes(text!), 'and it is a link made here');
        const secret = /\/phone\/#\/join\/([A-Za-z0-9_-]{43})$/.exec(text!)![1];
        peeked.push(await call('POST', '/api/v1/auth/invites/peek', { secret }));
      }
      assert.equal(
        peeked.map((p) => [p.campaignName, p.teamName, p.stationName]).sort(),
        [['Ngày Chuyển đổi số quốc gia 10/10', 'Tổ công nghệ số cộng đồng Lê Chân', null], ['Ngày Chuyển đổi số quốc gia 10/10', null, 'Chợ Cột Đèn']].sort(),
      );
      // The poster's code is the hub's signature for this very station.
      const posterText = await readQr(page, posters.first().getByTestId('qr'));
      assert.ok(posterText?.startsWith(`${url}/phone/#/checkin/`), String(posterText));
      const keys = new Map((await app.services.posterKeys.publicKeys()).map((k) => [k.id, k.spki]));
      assert.is(posterCodeProblem(posterText!.slice(`${url}/phone/#/checkin/`.length), { campaignId: campaign.id, stationId: station.id }, keys), null);
      assert.match(await posters.first().innerText(), /Quét để điểm danh[\s\S]*Chợ Cột Đèn/);

      // "In" prints the page; closing brings the tab back.
      await page.evaluate(() => {
        window.print = () => document.body.setAttribute('data-printed', 'yes');
      });
      await page.getByTestId('print-now').click();
      assert.is(await page.locator('body').getAttribute('data-printed'), 'yes');
      await page.getByTestId('print-close').click();
      await page.getByTestId('print-choices').waitFor();
      assert.is(await page.getByTestId('print-sheet').count(), 0);

      // English, the second language.
      await page.locator('.lang-switch').click();
      await page.getByTestId('step-targets').filter({ hasText: 'Targets' }).waitFor({ timeout: 10_000 });
      await page.screenshot({ path: join(shots, 'setup-invites-en-1366.png') });
      assert.equal(errors, []);
    });
  });
}

test.run();
