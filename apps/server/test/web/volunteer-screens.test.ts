import type { FastifyInstance } from 'fastify';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { isChromiumAvailable } from '@xk/testing';
import { setCodeTransport } from '../../src/auth/code-transport';
import { signInAs } from '../helpers/test-app';
import { newPage, phonePage, vi, withHub } from './browser-hub';

/**
 * A hall screen opened with a board link (kiosk, its unit's figures, the revoked message without a
 * reload), a volunteer joining from an invite, and a volunteer's PIN sign-in and PIN reset: in
 * Chromium against the built web app.
 */
const test = suite('board links, invites and PINs in Chromium');
const day = 86_400_000;

/** The demo campaign, a unit one level below its scope, and GET as the test's admin. */
async function demoScene(app: FastifyInstance, url: string) {
  const admin = await signInAs(app, 'admin', null);
  const get = async (path: string) => {
    const response = await fetch(`${url}${path}`, { headers: admin.headers });
    assert.is(response.status, 200, `GET ${path}`);
    return response.json();
  };
  const [campaign] = (await get('/api/v1/campaigns')) as Array<{ id: number; name: string; scopeUnitId: number }>;
  const units = (await get('/api/v1/units')) as Array<{ id: number; name: string; parentId: number | null }>;
  return { admin, get, campaign: campaign!, units };
}

if (isChromiumAvailable('board, invite and PIN browser tests')) {
  test('a board link opens a kiosk on its unit’s live totals; revoked, the screen says so within seconds, without a reload, and after one', async () => {
    await withHub({ demo: true }, async ({ app, url, browser }) => {
      const { get, campaign, units } = await demoScene(app, url);
      // A unit below the campaign's scope, with figures of its own (less than the whole campaign's).
      const rootTotals = await get(`/api/v1/campaigns/${campaign.id}/totals`);
      let unit: { id: number; name: string } | undefined;
      let unitTotals: { residents: { total: number }; shops: { total: number }; volunteers: { onDutyNow: number } } | undefined;
      for (const u of units.filter((x) => x.parentId === campaign.scopeUnitId)) {
        const totals = await get(`/api/v1/campaigns/${campaign.id}/totals?unitId=${u.id}`);
        if (totals.residents.total > 0 && totals.residents.total < rootTotals.residents.total) {
          unit = u;
          unitTotals = totals;
          break;
        }
      }
      assert.ok(unit && unitTotals, 'the demo has a unit below the campaign’s scope with figures of its own');
      const { secret, link } = await app.auth.newLink({ purpose: 'board', campaignId: campaign.id, unitId: unit.id, maxUses: 100, expiresAt: new Date(Date.now() + 30 * day), label: 'TV hội trường' });

      // A wrong link: the message, no form (a TV has no keyboard).
      const { page, errors } = await newPage(browser, { width: 1920, height: 1080 });
      await page.goto(`${url}/#/board/${'x'.repeat(43)}`);
      await page.getByTestId('board-ended').and(page.locator('[data-reason="invalid"]')).waitFor({ timeout: 10_000 });
      assert.is(await page.getByTestId('sign-in-form').count(), 0);

      await page.goto(`${url}/#/board/${secret}`);
      await page.getByTestId('residents-total').filter({ hasText: vi(unitTotals.residents.total) }).waitFor({ timeout: 15_000 });
      const text = (id: string) => page.getByTestId(id).innerText();
      assert.is(await text('shops-total'), vi(unitTotals.shops.total));
      assert.is(await text('on-duty'), vi(unitTotals.volunteers.onDutyNow));
      assert.is.not(await text('residents-total'), vi(rootTotals.residents.total), 'the unit’s figures, not the campaign root’s');
      assert.is(await text('board-campaign'), campaign.name);
      assert.is(await text('board-unit'), unit.name, 'the screen says whose figures it shows');
      assert.is(new URL(page.url()).hash, '', 'the link’s secret is gone from the address bar');
      assert.is(await page.getByTestId('sign-out').count(), 0, 'a kiosk: nobody to sign out');
      assert.is(await page.getByTestId('campaign-picker').count(), 0, 'a kiosk: its campaign only');
      await page.getByTestId('freshness').waitFor();
      await page.screenshot({ path: '/tmp/board-kiosk.png' });

      // Revoked: the hub closes the socket, the reconnect is refused, and the page says so by itself.
      const revokedAt = Date.now();
      await app.auth.revokeSessions({ linkId: link.id });
      await page.getByTestId('board-ended').and(page.locator('[data-reason="revoked"]')).waitFor({ timeout: 10_000 });
      assert.ok(Date.now() - revokedAt < 10_000);
      assert.is(await text('board-ended-vi'), 'Liên kết màn hình này đã bị thu hồi. Xin liên hệ ban tổ chức để nhận liên kết mới.');
      assert.is(await text('board-ended-en'), 'This screen’s link has been revoked. Please contact the organisers for a new link.');
      assert.is(await page.getByTestId('residents-total').count(), 0, 'no stale figures left on the screen');
      await page.screenshot({ path: '/tmp/board-revoked.png' });

      // Someone restarts the TV's browser: the same message, not a sign-in form.
      await page.reload();
      await page.getByTestId('board-ended').waitFor({ timeout: 10_000 });
      assert.is(await page.getByTestId('sign-in-form').count(), 0);
      // A browser that is not a hall screen after all can still reach the sign-in form.
      await page.getByTestId('board-ended-leave').click();
      await page.getByTestId('sign-in-form').waitFor({ timeout: 10_000 });
      assert.equal(errors, []);
    });
  });

  test('an invite shows where it leads, refuses a trivial PIN, and joins into the phone screen; the same phone again is sent to the PIN sign-in', async () => {
    await withHub({ demo: true }, async ({ app, url, browser }) => {
      const { get, campaign } = await demoScene(app, url);
      const stations = (await get(`/api/v1/campaigns/${campaign.id}/stations`)) as Array<{ id: number; name: string; unitId: number }>;
      const station = stations[0]!;
      const unitName = (await get(`/api/v1/units/${station.unitId}`)).name as string;
      const expiresAt = new Date(Date.now() + 7 * day);
      const { secret } = await app.auth.newLink({ purpose: 'invite', campaignId: campaign.id, unitId: station.unitId, stationId: station.id, maxUses: 10, expiresAt });

      const { page, errors } = await phonePage(browser);
      // An invite past its date says so, and what to do, instead of a form.
      const expired = await app.auth.newLink({ purpose: 'invite', campaignId: campaign.id, unitId: station.unitId, stationId: station.id, maxUses: 10, expiresAt: new Date(Date.now() - 60_000) });
      await page.goto(`${url}/#/join/${expired.secret}`);
      await page.getByTestId('invite-problem').filter({ hasText: 'Lời mời này đã hết hạn.' }).waitFor({ timeout: 15_000 });
      assert.match(await page.getByTestId('invite-problem').innerText(), 'Hãy xin cán bộ Đoàn phụ trách gửi cho bạn một lời mời mới.');
      assert.is(await page.getByTestId('join-form').count(), 0);
      await page.screenshot({ path: '/tmp/join-expired.png' });

      await page.goto(`${url}/#/join/${secret}`);
      await page.getByTestId('join-form').waitFor({ timeout: 15_000 });
      await page.screenshot({ path: '/tmp/join-top.png' });
      const text = (id: string) => page.getByTestId(id).innerText();
      assert.is(await text('invite-campaign'), campaign.name);
      assert.is(await text('invite-station'), station.name);
      assert.is(await text('invite-unit'), unitName);
      const dd = (n: number) => String(n).padStart(2, '0');
      const local = new Date(expiresAt.getTime() + 7 * 3_600_000); // Asia/Ho_Chi_Minh, no daylight saving
      assert.match(await text('invite-expires'), `${dd(local.getUTCDate())}/${dd(local.getUTCMonth() + 1)}/${local.getUTCFullYear()}`);

      const phone = page.getByLabel('Số điện thoại');
      const pin = page.getByLabel('Mã PIN', { exact: true });
      const repeat = page.getByLabel('Nhập lại mã PIN');
      assert.is(await phone.getAttribute('type'), 'tel');
      assert.is(await phone.getAttribute('inputmode'), 'tel');
      assert.is(await pin.getAttribute('inputmode'), 'numeric');
      assert.is(await pin.getAttribute('autocomplete'), 'new-password');
      assert.is(await pin.getAttribute('type'), 'password');
      assert.match(await text('invite-info'), campaign.name);

      await page.getByLabel('Họ và tên').fill('Đặng Thu Hà');
      await phone.fill('0977 123 456');
      await pin.fill('123456');
      await repeat.fill('123456');
      await page.getByTestId('join-submit').click();
      await page.getByTestId('join-pin-error').filter({ hasText: 'Mã PIN này quá dễ đoán' }).waitFor({ timeout: 10_000 });
      assert.is(await pin.inputValue(), '', 'the refused PIN is cleared for another');
      await page.screenshot({ path: '/tmp/join.png', fullPage: true });
      await page.getByTestId('lang-switch').click();
      await page.getByTestId('join-pin-error').filter({ hasText: /^This PIN is too easy to guess/ }).waitFor({ timeout: 5_000 });
      await page.getByTestId('lang-switch').click();

      await pin.fill('482915');
      await repeat.fill('482951');
      await page.getByTestId('join-submit').click();
      assert.is(await text('join-repeat-error'), 'Hai mã PIN chưa khớp nhau.');
      await repeat.fill('482915');
      await page.getByTestId('join-submit').click();
      // A volunteer belongs on the phone screen: sent there, on the campaign they joined.
      await page.getByTestId('phone-person').filter({ hasText: 'Đặng Thu Hà' }).waitFor({ timeout: 15_000 });
      assert.is(new URL(page.url()).hash, '');
      assert.is(new URL(page.url()).pathname, '/phone/');
      assert.match(await page.getByTestId('placement').innerText(), campaign.name, 'the volunteer sees the campaign they joined');

      // The same phone on another browser: it already has an account, so the way on is the PIN sign-in.
      const other = await phonePage(browser);
      await other.page.goto(`${url}/#/join/${secret}`);
      await other.page.getByTestId('join-form').waitFor({ timeout: 15_000 });
      await other.page.getByLabel('Họ và tên').fill('Đặng Thu Hà');
      await other.page.getByLabel('Số điện thoại').fill('0977123456');
      await other.page.getByLabel('Mã PIN', { exact: true }).fill('730418');
      await other.page.getByLabel('Nhập lại mã PIN').fill('730418');
      await other.page.getByTestId('join-submit').click();
      await other.page.getByTestId('join-error').filter({ hasText: 'Số điện thoại này đã có tài khoản' }).waitFor({ timeout: 10_000 });
      await other.page.getByTestId('join-sign-in-instead').click();
      await other.page.getByTestId('pin-sign-in-form').waitFor({ timeout: 10_000 });
      assert.is(await other.page.getByLabel('Số điện thoại').inputValue(), '0977123456', 'the phone number comes along');
      assert.is(new URL(other.page.url()).hash, '');
      assert.equal(errors, []);
      assert.equal(other.errors, []);
    });
  });

  test('PIN sign-in: staff’s password form first; the PIN tab refuses a wrong PIN in Vietnamese, opens the phone screen with the right one, and “Quên mã PIN?” resets it with a code', async () => {
    const codes: Array<{ phone: string; text: string }> = [];
    setCodeTransport({ send: async (phone, text) => void codes.push({ phone, text }) });
    try {
      await withHub({ demo: false }, async ({ app, url, browser }) => {
        const unit = await app.services.units.create({ code: 'DP-1', name: 'Đoàn phường Thử' });
        const campaign = await app.services.campaigns.create({ code: 'CDS-1', name: 'Ngày Chuyển đổi số 10/10', startsAt: '2020-01-01T00:00:00+07:00', endsAt: '2040-01-01T00:00:00+07:00', scopeUnitId: unit.id });
        const station = await app.services.stations.create(campaign.id, { unitId: unit.id, code: 'S-1', name: 'Chợ Sắt', kind: 'market' });
        const { secret } = await app.auth.newLink({ purpose: 'invite', campaignId: campaign.id, unitId: unit.id, stationId: station.id, maxUses: 1, expiresAt: new Date(Date.now() + day) });
        const joined = await app.inject({ method: 'POST', url: '/api/v1/auth/join', payload: { secret, name: 'Vũ Minh Khoa', phone: '0912 888 777', pin: '580271' } });
        assert.is(joined.statusCode, 200, joined.body);

        const { page, errors } = await phonePage(browser);
        await page.goto(`${url}/`);
        await page.getByTestId('sign-in-form').waitFor({ timeout: 15_000 });
        assert.is(await page.getByTestId('sign-in-tab-password').getAttribute('aria-selected'), 'true', 'staff’s form is the default');
        await page.getByRole('tab', { name: /Tình nguyện viên/ }).click();
        await page.getByTestId('pin-sign-in-form').waitFor();
        assert.is(await page.getByRole('heading', { level: 2 }).innerText(), 'Đăng nhập bằng mã PIN');
        const phone = page.getByLabel('Số điện thoại');
        const pin = page.getByLabel('Mã PIN', { exact: true });
        assert.is(await phone.getAttribute('type'), 'tel');
        assert.is(await pin.getAttribute('inputmode'), 'numeric');
        assert.is(await pin.getAttribute('autocomplete'), 'current-password');

        await phone.fill('0912 888 777');
        await pin.fill('580272');
        await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
        await page.getByTestId('pin-sign-in-error').filter({ hasText: 'Số điện thoại hoặc mã PIN không đúng.' }).waitFor({ timeout: 10_000 });
        assert.is(await pin.inputValue(), '', 'the wrong PIN is cleared for another try');
        await page.screenshot({ path: '/tmp/pin-sign-in.png', fullPage: true });
        await page.getByTestId('lang-switch').click();
        await page.getByTestId('pin-sign-in-error').filter({ hasText: /^Wrong phone number or PIN\.$/ }).waitFor({ timeout: 5_000 });
        await page.getByTestId('lang-switch').click();

        await pin.fill('580271');
        await pin.press('Enter');
        await page.getByTestId('phone-person').filter({ hasText: 'Vũ Minh Khoa' }).waitFor({ timeout: 10_000 });

        // Signed out, this phone opens on the PIN form; the PIN is forgotten: a code, a new PIN, signed in.
        await page.getByTestId('phone-sign-out').click();
        await page.getByTestId('pin-sign-in-form').waitFor({ timeout: 10_000 });
        assert.is(await phone.inputValue(), '0912 888 777');
        await page.getByRole('button', { name: 'Quên mã PIN?' }).click();
        await page.getByTestId('pin-code-form').waitFor();
        assert.is(await page.getByLabel('Số điện thoại').inputValue(), '0912 888 777', 'the number typed comes along');
        await page.getByTestId('pin-code-submit').click();
        await page.getByTestId('pin-code-sent').waitFor({ timeout: 10_000 });
        assert.ok(await page.getByTestId('pin-code-resend').isDisabled(), 'no second code within the minute the hub would refuse it');
        for (let i = 0; i < 50 && codes.length === 0; i++) await page.waitForTimeout(100);
        const code = /\b(\d{6})\b/.exec(codes[0]?.text ?? '')?.[1];
        assert.ok(code, `a code was sent: ${JSON.stringify(codes)}`);
        assert.is(await page.getByLabel('Mã xác nhận').getAttribute('autocomplete'), 'one-time-code');
        await page.getByLabel('Mã xác nhận').fill(code === '000000' ? '000001' : '000000');
        await page.getByLabel('Mã PIN mới').fill('316094');
        await page.getByLabel('Nhập lại mã PIN').fill('316094');
        await page.getByTestId('pin-reset-submit').click();
        await page.getByTestId('pin-reset-error').filter({ hasText: 'Mã xác nhận không đúng hoặc đã hết hạn' }).waitFor({ timeout: 10_000 });
        await page.screenshot({ path: '/tmp/pin-reset.png', fullPage: true });
        await page.getByLabel('Mã xác nhận').fill(code);
        await page.getByTestId('pin-reset-submit').click();
        await page.getByTestId('phone-person').filter({ hasText: 'Vũ Minh Khoa' }).waitFor({ timeout: 10_000 });
        const again = await app.inject({ method: 'POST', url: '/api/v1/auth/pin', payload: { phone: '0912888777', pin: '316094' } });
        assert.is(again.statusCode, 200, 'the new PIN is the one that works');
        assert.equal(errors, []);
      });
    } finally {
      setCodeTransport(null);
    }
  });
}

test.run();
