import { randomUUID } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { isChromiumAvailable } from '@xk/testing';
import { signInAs } from '../helpers/test-app';
import { phonePage, withHub } from './browser-hub';

const test = suite('the shell page in Chromium');

if (isChromiumAvailable('shell page browser test')) {
  test('shows the demo campaign’s totals as the API gives them, follows new entries live, and resyncs after a lost connection', async () => {
    await withHub({ demo: true }, async ({ app, url, browser }) => {
      // The test's own calls act as an admin; the browser signs in as that admin with a one-time link, as a person would.
      const admin = await signInAs(app, 'admin', null);
      const link = await app.auth.newSignInLink(admin.personId, null);
      const get = async (path: string) => {
        const response = await fetch(`${url}${path}`, { headers: admin.headers });
        assert.is(response.status, 200, `GET ${path}`);
        return response.json();
      };
      const { page, errors } = await phonePage(browser);
      await page.goto(`${url}/#/link/${link}`);
      const [campaign] = await get('/api/v1/campaigns');
      const totals = await get(`/api/v1/campaigns/${campaign.id}/totals`);
      const vi = (n: number) => new Intl.NumberFormat('vi-VN').format(n);
      const text = (id: string) => page.getByTestId(id).innerText();
      await page.getByTestId('residents-total').filter({ hasText: vi(totals.residents.total) }).waitFor({ timeout: 15_000 });
      assert.is(await text('shops-total'), vi(totals.shops.total));
      assert.is(await text('on-duty'), vi(totals.volunteers.onDutyNow));
      assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
      assert.is(new URL(page.url()).hash, '', 'the spent link is gone from the address bar');
      assert.is(await text('account-name'), (await app.services.people.get(admin.personId)).name);

      // A new entry through the API reaches the page without a reload, and shows in the activity feed.
      const assignment = ((await get(`/api/v1/campaigns/${campaign.id}/assignments`)) as Array<{ personId: number; stationId: number | null }>).find((a) => a.stationId);
      const services = (await get(`/api/v1/campaigns/${campaign.id}/services`)) as Array<{ code: string; nameVi: string }>;
      const vneid = services.find((s) => s.code === 'vneid_level2')!;
      const write = (quantity: number) =>
        fetch(`${url}/api/v1/activity`, {
          method: 'POST',
          headers: { ...admin.headers, 'content-type': 'application/json' },
          body: JSON.stringify({ id: randomUUID(), kind: 'assistance', campaignId: campaign.id, personId: assignment!.personId, stationId: assignment!.stationId, serviceCode: 'vneid_level2', quantity, occurredAt: new Date().toISOString() }),
        });
      assert.is((await write(1000)).status, 201);
      await page.getByTestId('residents-total').filter({ hasText: vi(totals.residents.total + 1000) }).waitFor({ timeout: 15_000 });
      await page.getByTestId('feed-item').filter({ hasText: `+${vi(1000)} ${vneid.nameVi}` }).first().waitFor({ timeout: 15_000 });
      assert.match(await text('freshness'), /cập nhật lúc \d\d:\d\d:\d\d/);
      assert.is(await page.getByTestId('reconnecting').count(), 0);

      // The connection drops (and is refused for a while): the last figures stay, marked as reconnecting;
      // an entry made meanwhile is not lost: the client resubscribes and shows exact figures again.
      let refuse = true;
      app.io.use((_socket, next) => (refuse ? next(new Error('paused by the test')) : next()));
      app.io.local.disconnectSockets();
      await page.getByTestId('reconnecting').waitFor({ timeout: 15_000 });
      assert.is(await text('residents-total'), vi(totals.residents.total + 1000));
      assert.is((await write(7)).status, 201);
      await page.waitForTimeout(500);
      assert.is(await text('residents-total'), vi(totals.residents.total + 1000), 'no delta while disconnected');
      assert.is(await page.getByTestId('reconnecting').count(), 1);
      refuse = false;
      await page.getByTestId('reconnecting').waitFor({ state: 'detached', timeout: 15_000 });
      const after = await get(`/api/v1/campaigns/${campaign.id}/totals`);
      assert.is(after.residents.total, totals.residents.total + 1007);
      assert.is(await text('residents-total'), vi(after.residents.total));
      assert.is(await text('residents-today'), vi(after.residents.today));
      assert.is(await text('shops-total'), vi(after.shops.total));
      assert.is(await text('on-duty'), vi(after.volunteers.onDutyNow));
      assert.is(await text('checked-in-today'), vi(after.volunteers.checkedInToday));
      await page.getByTestId('feed-item').filter({ hasText: `+${vi(7)} ${vneid.nameVi}` }).first().waitFor({ timeout: 5_000 });

      // And it is live again: the next entry arrives as a delta.
      assert.is((await write(3)).status, 201);
      await page.getByTestId('residents-total').filter({ hasText: vi(after.residents.total + 3) }).waitFor({ timeout: 15_000 });
      assert.equal(errors, []);
    });
  });

  test('signed out it asks to sign in; a wrong password is refused in Vietnamese, the right one opens the shell; sign-out and an ended session return to the form', async () => {
    await withHub({ demo: false }, async ({ app, url, browser }) => {
      const person = await app.services.people.create({ name: 'Trần Thị Mai Anh', phone: '0912 345 678' });
      await signInAs(app, 'admin', null, person.id);
      await app.auth.setPassword(person.id, 'mật khẩu đủ dài 123');
      const { page, errors } = await phonePage(browser);
      await page.goto(`${url}/`);
      const form = page.getByTestId('sign-in-form');
      await form.waitFor({ timeout: 15_000 });
      const login = page.getByLabel('Số điện thoại hoặc e-mail');
      const password = page.getByLabel('Mật khẩu', { exact: true });
      assert.is(await login.getAttribute('autocomplete'), 'username');
      assert.is(await password.getAttribute('autocomplete'), 'current-password');
      assert.is(await password.getAttribute('type'), 'password');
      await page.screenshot({ path: '/tmp/signin.png' });

      // Empty fields are named, not sent.
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      assert.is(await page.getByTestId('login-error').innerText(), 'Vui lòng điền mục này.');
      assert.is(await page.getByTestId('password-error').innerText(), 'Vui lòng điền mục này.');

      await login.fill('0912 345 678');
      await password.fill('sai mật khẩu rồi');
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.getByTestId('sign-in-error').filter({ hasText: 'Số điện thoại/e-mail hoặc mật khẩu không đúng' }).waitFor({ timeout: 10_000 });
      assert.is(await password.inputValue(), '', 'the wrong password is cleared for another try');
      assert.is(await login.inputValue(), '0912 345 678');
      await page.screenshot({ path: '/tmp/signin-error.png' });

      // In English too, from the same switch as the shell's.
      await page.getByTestId('lang-switch').click();
      await page.getByTestId('sign-in-error').filter({ hasText: /^Wrong phone number\/e-mail or password\.$/ }).waitFor({ timeout: 5_000 });
      await page.getByTestId('lang-switch').click();

      await password.fill('mật khẩu đủ dài 123');
      await password.press('Enter');
      await page.getByTestId('account-name').filter({ hasText: 'Trần Thị Mai Anh' }).waitFor({ timeout: 10_000 });
      await page.getByTestId('no-campaign').waitFor({ timeout: 10_000 });
      await page.screenshot({ path: '/tmp/shell-signed-in.png' });

      await page.getByTestId('sign-out').click();
      await form.waitFor({ timeout: 10_000 });
      assert.is(await page.getByTestId('sign-in-notice').innerText(), 'Bạn đã đăng xuất.');
      assert.is(await page.evaluate(() => fetch('/api/v1/auth/me').then((r) => r.status)), 401, 'the session is gone on the hub too');

      // The hub ends the session (revoked elsewhere): the live socket is refused and the page returns to the form.
      await login.fill('0912345678');
      await password.fill('mật khẩu đủ dài 123');
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.getByTestId('account-name').waitFor({ timeout: 10_000 });
      const secret = (await page.context().cookies()).find((c) => c.name === 'xk_session')!.value;
      await app.auth.signOut((await app.auth.resolve(secret))!, {});
      app.io.local.disconnectSockets();
      await form.waitFor({ timeout: 15_000 });
      assert.is(await page.getByTestId('sign-in-notice').innerText(), 'Phiên đăng nhập đã kết thúc. Vui lòng đăng nhập lại.');
      assert.is(await login.inputValue(), '0912345678', 'sent back to the form, the person need not type their phone again');
      assert.equal(errors, []);
    });
  });

  test('one-time links: a spent sign-in link says so on the form; the set-up link creates the first admin and signs them in', async () => {
    await withHub({ demo: false }, async ({ app, url, browser }) => {
      const { page, errors } = await phonePage(browser);
      const volunteer = await app.services.people.create({ name: 'Phạm Minh Tuấn', phone: '0901 234 567' });
      const link = await app.auth.newSignInLink(volunteer.id, null);
      await app.auth.redeemSignInLink(link, {}); // spent
      await page.goto(`${url}/#/link/${link}`);
      await page.getByTestId('sign-in-notice').filter({ hasText: 'Liên kết đăng nhập này không còn dùng được' }).waitFor({ timeout: 10_000 });
      assert.is(new URL(page.url()).hash, '');

      await page.goto(`${url}/#/setup/${await app.auth.newSetupLink()}`);
      await page.getByTestId('setup-form').waitFor({ timeout: 10_000 });
      const phone = page.getByLabel('Số điện thoại');
      assert.is(await phone.getAttribute('inputmode'), 'tel');
      assert.is(await page.getByLabel('Mật khẩu', { exact: true }).getAttribute('autocomplete'), 'new-password');
      await page.getByLabel('Họ và tên').fill('Lê Văn Quản Trị');
      await phone.fill('0987 654 321');
      await page.getByLabel('Mật khẩu', { exact: true }).fill('một câu dài dễ nhớ');
      await page.getByLabel('Nhập lại mật khẩu').fill('một câu dài dễ nhớ!');
      await page.getByTestId('setup-submit').click();
      assert.is(await page.getByTestId('setup-repeat-error').innerText(), 'Hai mật khẩu chưa khớp nhau.');
      await page.screenshot({ path: '/tmp/setup.png', fullPage: true });
      await page.getByLabel('Nhập lại mật khẩu').fill('một câu dài dễ nhớ');
      await page.getByTestId('setup-submit').click();
      await page.getByTestId('account-name').filter({ hasText: 'Lê Văn Quản Trị' }).waitFor({ timeout: 10_000 });
      assert.is(new URL(page.url()).hash, '');
      assert.equal(errors, []);
    });
  });
}

test.run();
