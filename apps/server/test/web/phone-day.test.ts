import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { chromiumArgs, chromiumPath, isChromiumAvailable } from '@xk/testing';
import { writePosterVideo } from '@xk/testing/fake-camera';
import { startTcpGate } from '../helpers/tcp-gate';
import { adminCalls, withHub } from './browser-hub';

/**
 * A volunteer's day on the phone screen, in Chromium against the built app, through a TCP gate the
 * test opens and shuts: join from an invite, check in by scanning the station's poster with a fake
 * camera, tap services; the network cut, 20 taps wait on the phone (the hub's count unchanged), a
 * reload with no network opens the screen from the service worker and IndexedDB; the network back,
 * the hub holds exactly the right rows and the live tallies equal them; a coordinator's move appears
 * without a reload. At every state: no horizontal overflow, every control ≥ 48 px, the font loaded.
 */
const test = suite('the volunteer’s phone in Chromium');
const day = 86_400_000;
const shots = process.env.XK_SCREENSHOTS ?? tmpdir();

/** Layout rules of the phone at 360×640; returns what breaks them. */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    await document.fonts.ready;
    const problems: string[] = [];
    if (document.documentElement.scrollWidth > window.innerWidth) problems.push(`horizontal overflow: ${document.documentElement.scrollWidth} > ${window.innerWidth}`);
    for (const el of document.querySelectorAll<HTMLElement>('button, a[href], input, select, textarea, [role="button"]')) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue; // not shown
      if (el.closest('.visually-hidden')) continue;
      const label = `${el.tagName.toLowerCase()}[${el.dataset.testid ?? el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 30)}]`;
      if (box.height < 47.5 || box.width < 47.5) problems.push(`${label} is ${Math.round(box.width)}×${Math.round(box.height)} px`);
      if (box.right > window.innerWidth + 0.5 || box.left < -0.5) problems.push(`${label} sticks out of the screen`);
    }
    if (!document.fonts.check('700 16px "Be Vietnam Pro"', 'Tiếng Việt đầy đủ dấu')) problems.push('Be Vietnam Pro (Vietnamese) is not loaded');
    return problems;
  });
}

/** Joins from an invite on the phone screen; resolves with the new person's id. */
async function joinOnPhone(page: Page, base: string, secret: string, who: { name: string; phone: string; pin: string }): Promise<number> {
  await page.goto(`${base}/phone/#/join/${secret}`);
  await page.getByTestId('join-form').waitFor({ timeout: 15_000 });
  await page.getByLabel('Họ và tên').fill(who.name);
  await page.getByLabel('Số điện thoại').fill(who.phone);
  await page.getByLabel('Mã PIN', { exact: true }).fill(who.pin);
  await page.getByLabel('Nhập lại mã PIN').fill(who.pin);
  await page.getByTestId('join-submit').click();
  await page.getByTestId('phone-person').filter({ hasText: who.name }).waitFor({ timeout: 15_000 });
  return page.evaluate(async () => (await (await fetch('/api/v1/auth/me')).json()).person.id as number);
}

async function expectLayout(page: Page, state: string) {
  // A screenshot mid-animation shows a half-faded banner: let entrances finish first.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity), undefined, { timeout: 5_000 });
  assert.equal(await layoutProblems(page), [], `layout at 360×640, ${state}`);
  await page.screenshot({ path: join(shots, `phone-${state}.png`) });
}

if (isChromiumAvailable('phone screen browser test')) {
  test('join, check in by QR, tap; offline taps wait, survive a reload, and arrive exactly once; a move shows up live', async () => {
    await withHub({ demo: true }, async ({ app, url }) => {
      const hub = new URL(url);
      const gate = await startTcpGate({ host: hub.hostname, port: Number(hub.port) });
      const call = await adminCalls(app, url);
      const [campaign] = (await call('GET', '/api/v1/campaigns')) as Array<{ id: number; name: string }>;
      const stations = (await call('GET', `/api/v1/campaigns/${campaign!.id}/stations`)) as Array<{ id: number; name: string; unitId: number }>;
      const [station, other] = stations;
      assert.ok(station && other, 'the demo has two stations');
      const { secret } = await app.auth.newLink({ purpose: 'invite', campaignId: campaign!.id, unitId: station.unitId, stationId: station.id, maxUses: 5, expiresAt: new Date(Date.now() + 7 * day) });
      const poster = (await call('GET', `/api/v1/stations/${station.id}/poster?campaignId=${campaign!.id}`)) as { token: string; url: string };
      const dir = mkdtempSync(join(tmpdir(), 'xk-phone-'));
      const video = writePosterVideo(poster.url, join(dir, 'poster.y4m'));
      const browser = await chromium.launch({
        executablePath: chromiumPath,
        args: [...chromiumArgs, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
      });
      try {
        const context = await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true });
        await context.grantPermissions(['camera'], { origin: gate.url });
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        const text = (id: string) => page.getByTestId(id).innerText();

        // Join from the invite.
        await page.goto(`${gate.url}/phone/#/join/${secret}`);
        await page.getByTestId('join-form').waitFor({ timeout: 15_000 });
        await expectLayout(page, 'join');
        const personId = await joinOnPhone(page, gate.url, secret, { name: 'Lò Văn Sáng', phone: '0968 204 117', pin: '480317' });
        assert.is(new URL(page.url()).pathname, '/phone/');
        await page.getByTestId('placement-station').filter({ hasText: station.name }).waitFor({ timeout: 10_000 });
        await page.getByTestId('check-in').waitFor();
        await expectLayout(page, 'today');

        // Check in by scanning the station's poster (jsQR: Chromium on Linux has no BarcodeDetector).
        await page.getByTestId('check-in').click();
        await page.getByTestId('check-in-sheet').waitFor();
        await expectLayout(page, 'check-in-sheet');
        await page.getByTestId('scan-poster').click();
        await page.getByTestId('on-duty').waitFor({ timeout: 20_000 });
        await expectLayout(page, 'on-duty');

        // The service worker has the shell before the network goes.
        await page.evaluate(async () => {
          const registration = await navigator.serviceWorker.ready;
          return registration.active?.state;
        });

        const firstService = (await page.locator('[data-testid^="tap-"]').first().getAttribute('data-testid'))!.slice('tap-'.length);
        const tap = page.getByTestId(`tap-${firstService}`);
        for (let i = 0; i < 3; i++) await tap.click();
        // The third tap is on the phone (counted, sent or not), then all of them are sent.
        await page.getByTestId(`mine-${firstService}`).filter({ hasText: /^3$/ }).waitFor({ timeout: 10_000 });
        await page.getByTestId('unsent-count').filter({ hasText: 'Đã gửi hết' }).waitFor({ timeout: 15_000 });
        const rows = async () =>
          ((await call('GET', `/api/v1/campaigns/${campaign!.id}/activity?personId=${personId}&limit=1000`)) as Array<{ id: string; kind: string; quantity: number | null; stationId: number | null; occurredAt: string; receivedAt: string }>);
        const assistance = async () => (await rows()).filter((r) => r.kind === 'assistance');
        const checkIns = (await rows()).filter((r) => r.kind === 'check_in');
        assert.is(checkIns.length, 1, 'one check-in');
        assert.is(checkIns[0]!.stationId, station.id, 'at the poster’s station');
        assert.is((await assistance()).length, 3);

        // The network goes: 20 taps wait on the phone; the hub's count does not move.
        gate.shut();
        const cutAt = Date.now();
        for (let i = 0; i < 20; i++) await tap.click();
        await page.getByTestId('unsent-count').filter({ hasText: '20 chưa gửi' }).waitFor({ timeout: 10_000 });
        await page.waitForTimeout(1500);
        assert.is((await assistance()).length, 3, 'nothing reached the hub while the network was cut');
        // The thumb is down at the buttons: what waits is still in sight, under the header.
        const syncBox = await page.getByTestId('unsent-count').boundingBox();
        const headerBox = await page.locator('.phone__header').boundingBox();
        assert.ok(await page.evaluate(() => window.scrollY > 100), 'the page is scrolled down to the buttons');
        assert.ok(syncBox && headerBox && syncBox.y >= headerBox.y + headerBox.height - 1 && syncBox.y + syncBox.height <= 640, `the unsent count is in sight while scrolled (${JSON.stringify(syncBox)})`);
        await expectLayout(page, 'offline');

        // A reload with no network: the service worker serves the shell, IndexedDB the day and the queue.
        await page.reload();
        await page.getByTestId('phone-screen').waitFor({ timeout: 15_000 });
        await page.getByTestId('unsent-count').filter({ hasText: '20 chưa gửi' }).waitFor({ timeout: 15_000 });
        assert.is(await text('placement-station'), station.name);
        await expectLayout(page, 'offline-reloaded');

        // The network returns: everything arrives, once.
        const reopenedAt = Date.now();
        gate.reopen();
        await page.getByTestId('unsent-count').filter({ hasText: 'Đã gửi hết' }).waitFor({ timeout: 60_000 });
        const all = await assistance();
        const offline = all.filter((r) => Date.parse(r.receivedAt) >= reopenedAt - 1000);
        assert.is(offline.length, 20, 'the 20 offline taps arrived after the network returned');
        for (const r of offline) {
          const at = Date.parse(r.occurredAt);
          assert.ok(at >= cutAt - 2000 && at <= reopenedAt, `an offline tap keeps the time it was made (${r.occurredAt}), not the time it was sent (${r.receivedAt})`);
        }
        assert.is(all.length, 23, 'exactly the 23 taps');
        assert.is(new Set(all.map((r) => r.id)).size, 23, 'no id twice');
        assert.is(all.reduce((n, r) => n + (r.quantity ?? 1), 0), 23);
        await page.getByTestId('tally-me-today').filter({ hasText: '23' }).waitFor({ timeout: 10_000 });
        await page.getByTestId(`mine-${firstService}`).filter({ hasText: '23' }).waitFor({ timeout: 10_000 });

        // A coordinator moves the volunteer: the phone shows it without a reload, within 5 s.
        const [assignment] = (await call('GET', `/api/v1/campaigns/${campaign!.id}/assignments?personId=${personId}`)) as Array<{ id: number }>;
        await call('POST', `/api/v1/campaigns/${campaign!.id}/moves`, {
          id: randomUUID(),
          personIds: [personId],
          toStationId: other.id,
          reason: 'Điểm bên kia đông người',
          expected: [{ personId, assignmentId: assignment?.id ?? null }],
        });
        await page.getByTestId('move-banner').waitFor({ timeout: 5_000 });
        assert.match(await text('move-to'), other.name);
        await expectLayout(page, 'moved');
        await page.getByTestId('move-ack').click();
        await page.getByTestId('move-banner').waitFor({ state: 'detached', timeout: 10_000 });
        await page.getByTestId('placement-station').filter({ hasText: other.name }).waitFor({ timeout: 10_000 });
        const moves = (await call('GET', `/api/v1/campaigns/${campaign!.id}/moves?personId=${personId}`)) as Array<{ status: string }>;
        assert.equal(moves.map((m) => m.status), ['acknowledged']);
        assert.equal(errors, []);
      } finally {
        await browser.close();
        await gate.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
  test('count several, a shop, an age band; undo; a session; a service I use; messages; a move made while offline; sign-out refused while unsent; English', async () => {
    await withHub({ demo: true }, async ({ app, url, browser }) => {
      const hub = new URL(url);
      const gate = await startTcpGate({ host: hub.hostname, port: Number(hub.port) });
      const call = await adminCalls(app, url);
      const [campaign] = (await call('GET', '/api/v1/campaigns')) as Array<{ id: number }>;
      const [station, other] = (await call('GET', `/api/v1/campaigns/${campaign!.id}/stations`)) as Array<{ id: number; name: string; unitId: number }>;
      const { secret } = await app.auth.newLink({ purpose: 'invite', campaignId: campaign!.id, unitId: station!.unitId, stationId: station!.id, maxUses: 5, expiresAt: new Date(Date.now() + 7 * day) });
      const context = await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true });
      // This phone's clock is 3 hours slow (a cheap phone with the time set by hand). A clock ahead would be caught by the hub anyway (it never books a count in the future).
      // (A string, not a function: the test's compiler would add helpers the page does not have.)
      await context.addInitScript(`{
        const skew = -3 * 3600000;
        const RealDate = Date;
        class PhoneDate extends RealDate {
          constructor(...args) { if (args.length === 0) super(RealDate.now() + skew); else super(...args); }
          static now() { return RealDate.now() + skew; }
        }
        globalThis.Date = PhoneDate;
      }`);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      try {
        const personId = await joinOnPhone(page, gate.url, secret, { name: 'Hà Thị Mơ', phone: '0977 310 552', pin: '615283' });
        await page.getByTestId('check-in').click();
        await page.getByTestId('station-option').filter({ hasText: station!.name }).click();
        await page.getByTestId('on-duty').waitFor({ timeout: 10_000 });

        const firstService = (await page.locator('[data-testid^="tap-"]').first().getAttribute('data-testid'))!.slice('tap-'.length);
        // Several at once.
        await page.getByTestId(`several-${firstService}`).click();
        await page.getByTestId('several-sheet').waitFor();
        await expectLayout(page, 'several');
        await page.getByTestId('several-quantity').fill('5');
        await page.getByTestId('several-confirm').click();
        // One with an age band.
        await page.getByTestId('age-60_plus').click();
        await page.getByTestId(`tap-${firstService}`).click();
        // One tapped by mistake, undone from the toast.
        await page.getByTestId(`tap-${firstService}`).click();
        await page.getByTestId('undo').click();
        await page.getByTestId('toast').filter({ hasText: 'Đã hoàn tác' }).waitFor();
        // A shop.
        await page.getByTestId('for-shop').click();
        const shopService = (await page.locator('[data-testid^="tap-"]').first().getAttribute('data-testid'))!.slice('tap-'.length);
        await page.getByTestId(`tap-${shopService}`).click();
        await page.getByTestId('for-residents').click();
        // A service I use myself, and a training with 30 attending (its toast: everything is on the phone).
        await page.getByTestId(`adopt-${firstService}`).click();
        await page.getByTestId('session-training').click();
        await page.getByTestId('session-attendance').fill('30');
        await page.getByTestId('session-log').click();
        await page.getByTestId('toast').filter({ hasText: 'Đã ghi buổi với 30 người dự' }).waitFor({ timeout: 5_000 });
        await page.getByTestId('unsent-count').filter({ hasText: 'Đã gửi hết' }).waitFor({ timeout: 15_000 });
        await page.getByTestId('tally-me-today').filter({ hasText: /^6$/ }).waitFor({ timeout: 10_000 });

        const rows = (await call('GET', `/api/v1/campaigns/${campaign!.id}/activity?personId=${personId}&limit=1000`)) as Array<{
          id: string; kind: string; quantity: number | null; beneficiary: string | null; tags: { ageBand?: string } | null;
          sessionKind: string | null; attendance: number | null; serviceCode: string | null; correctsId: string | null; occurredAt: string; receivedAt: string;
        }>;
        // A correction is stored as its own row: the change to the entry it corrects (a void: minus its quantity).
        const net = (r: (typeof rows)[number]) => (r.quantity ?? 1) + rows.filter((c) => c.kind === 'correction' && c.correctsId === r.id).reduce((n, c) => n + (c.quantity ?? 0), 0);
        const counted = rows.filter((r) => r.kind === 'assistance' && net(r) > 0);
        assert.equal(
          counted.map((r) => [r.serviceCode, net(r), r.beneficiary ?? 'resident', r.tags?.ageBand ?? null]).sort(),
          [[firstService, 5, 'resident', null], [firstService, 1, 'resident', '60_plus'], [shopService, 1, 'shop', null]].sort(),
          'the undone tap is not counted',
        );
        assert.equal(rows.filter((r) => r.kind === 'session').map((r) => [r.sessionKind, r.attendance]), [['training', 30]]);
        for (const r of rows) {
          const skew = Date.parse(r.receivedAt) - Date.parse(r.occurredAt);
          assert.ok(Math.abs(skew) < 30_000, `the phone's clock is 3 h slow, its entries carry the hub's time: ${r.kind} occurred ${r.occurredAt}, received ${r.receivedAt}`);
        }
        assert.equal(rows.filter((r) => r.kind === 'adoption').map((r) => r.serviceCode), [firstService]);
        assert.ok(await page.getByTestId(`adopt-${firstService}`).isDisabled(), 'ticked once, for good');

        // A message to the station arrives live.
        await call('POST', `/api/v1/campaigns/${campaign!.id}/messages`, { id: randomUUID(), audience: { kind: 'station', id: station!.id }, body: 'Mười phút nữa đổi ca nhé' });
        await page.getByTestId('messages').filter({ hasText: 'Mười phút nữa đổi ca nhé' }).waitFor({ timeout: 5_000 });

        // Offline: a tap waits, signing out is refused; a coordinator moves her meanwhile.
        gate.shut();
        await page.getByTestId(`tap-${firstService}`).click();
        await page.getByTestId('unsent-count').filter({ hasText: '1 chưa gửi' }).waitFor({ timeout: 10_000 });
        await page.getByTestId('phone-sign-out').click();
        await page.getByTestId('sign-out-refused').filter({ hasText: 'Còn 1 hoạt động chưa gửi' }).waitFor({ timeout: 5_000 });
        const [assignment] = (await call('GET', `/api/v1/campaigns/${campaign!.id}/assignments?personId=${personId}`)) as Array<{ id: number }>;
        await call('POST', `/api/v1/campaigns/${campaign!.id}/moves`, { id: randomUUID(), personIds: [personId], toStationId: other!.id, expected: [{ personId, assignmentId: assignment?.id ?? null }] });
        await page.waitForTimeout(1000);
        assert.is(await page.getByTestId('move-banner').count(), 0, 'no network, no news');
        // Back: the tap is sent, and the move that was pushed while away is shown.
        gate.reopen();
        await page.getByTestId('move-banner').waitFor({ timeout: 20_000 });
        assert.match(await page.getByTestId('move-to').innerText(), other!.name);
        await page.getByTestId('unsent-count').filter({ hasText: 'Đã gửi hết' }).waitFor({ timeout: 30_000 });

        // English, then signing out works once nothing waits.
        await page.getByTestId('lang-switch').click();
        await page.getByTestId('unsent-count').filter({ hasText: /^All sent$/ }).waitFor({ timeout: 5_000 });
        assert.is(await page.getByTestId('move-ack').innerText(), 'Got it');
        await expectLayout(page, 'english');
        await page.getByTestId('lang-switch').click();
        await page.getByTestId('move-ack').click();
        await page.getByTestId('move-banner').waitFor({ state: 'detached', timeout: 10_000 });
        await page.getByTestId('phone-sign-out').click();
        await page.getByTestId('pin-sign-in-form').waitFor({ timeout: 10_000 });
        assert.equal(errors, []);
      } finally {
        await context.close();
        await gate.close();
      }
    });
  });

  test('a chat app’s browser is told to open Chrome; a plain-HTTP page says what is missing and still checks in from the list', async () => {
    // hall.test is not localhost: a plain-HTTP origin, as a laptop's LAN address is to the phones.
    await withHub({ demo: true, browserArgs: ['--host-resolver-rules=MAP hall.test 127.0.0.1'] }, async ({ app, url, browser }) => {
      const call = await adminCalls(app, url);
      const [campaign] = (await call('GET', '/api/v1/campaigns')) as Array<{ id: number }>;
      const [station] = (await call('GET', `/api/v1/campaigns/${campaign!.id}/stations`)) as Array<{ id: number; name: string; unitId: number }>;
      const { secret } = await app.auth.newLink({ purpose: 'invite', campaignId: campaign!.id, unitId: station!.unitId, stationId: station!.id, maxUses: 5, expiresAt: new Date(Date.now() + 7 * day) });
      const port = new URL(url).port;
      {
        const zalo = await browser.newContext({
          viewport: { width: 360, height: 640 },
          userAgent: 'Mozilla/5.0 (Linux; Android 12; SM-A125F Build/SP1A.210812.016; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/120.0.6099.230 Mobile Safari/537.36 Zalo android/12100614 ZaloTheme/light ZaloLanguage/vi',
        });
        const inApp = await zalo.newPage();
        await inApp.goto(`${url}/phone/#/join/${secret}`);
        await inApp.getByTestId('join-form').waitFor({ timeout: 15_000 });
        await inApp.getByTestId('in-app-browser').waitFor();
        const href = await inApp.getByTestId('open-in-chrome').getAttribute('href');
        assert.is(href, `intent://127.0.0.1:${port}/phone/#/join/${secret}#Intent;scheme=http;package=com.android.chrome;end`, 'the same page, invite and all, in Chrome');
        await expectLayout(inApp, 'zalo');
        await zalo.close();

        const context = await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true });
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        const base = `http://hall.test:${port}`;
        const personId = await joinOnPhone(page, base, secret, { name: 'Vàng A Dình', phone: '0981 447 209', pin: '730564' });
        await page.getByTestId('insecure-context').waitFor();
        assert.is(await page.evaluate(() => window.isSecureContext), false);
        await page.getByTestId('check-in').click();
        assert.is(await page.getByTestId('scan-poster').count(), 0, 'no camera over plain HTTP');
        await page.getByTestId('station-option').filter({ hasText: station!.name }).click();
        const service = (await page.locator('[data-testid^="tap-"]').first().getAttribute('data-testid'))!.slice('tap-'.length);
        await page.getByTestId(`tap-${service}`).click();
        await page.getByTestId(`mine-${service}`).filter({ hasText: /^1$/ }).waitFor({ timeout: 10_000 });
        await page.getByTestId('unsent-count').filter({ hasText: 'Đã gửi hết' }).waitFor({ timeout: 15_000 });
        const rows = (await call('GET', `/api/v1/campaigns/${campaign!.id}/activity?personId=${personId}`)) as Array<{ kind: string }>;
        assert.equal(rows.map((r) => r.kind).sort(), ['assistance', 'check_in']);
        assert.is(await page.evaluate(async () => (await navigator.serviceWorker?.getRegistrations())?.length ?? 0), 0, 'no service worker over plain HTTP');
        await expectLayout(page, 'plain-http');
        assert.equal(errors, []);
      }
    });
  });
}

test.run();
