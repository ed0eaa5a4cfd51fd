import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { chromiumArgs, chromiumPath, defaultTarget, isChromiumAvailable } from '@xk/testing';
import { buildApp } from '../../src/app';
import { loadDemoIfEmpty } from '../../src/demo/load-demo';

const test = suite('the shell page in Chromium');

if (isChromiumAvailable('shell page browser test')) {
  test('shows the demo campaign’s totals as the API gives them, follows new entries live, and resyncs after a lost connection', async () => {
    const root = fileURLToPath(new URL('../../../../', import.meta.url));
    const build = spawnSync(process.execPath, ['scripts/ensure-web-build.mjs'], { cwd: root, encoding: 'utf8' });
    assert.is(build.status, 0, build.stdout + build.stderr);

    const { database, dispose } = await defaultTarget().open();
    const app = await buildApp({ database, webDist: `${root}apps/web/dist` });
    await loadDemoIfEmpty(app.services, { info: () => {} });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    try {
      const page = await browser.newPage({ viewport: { width: 360, height: 640 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(url);
      const [campaign] = await (await fetch(`${url}/api/v1/campaigns`)).json();
      const totals = await (await fetch(`${url}/api/v1/campaigns/${campaign.id}/totals`)).json();
      const vi = (n: number) => new Intl.NumberFormat('vi-VN').format(n);
      const text = (id: string) => page.getByTestId(id).innerText();
      await page.getByTestId('residents-total').filter({ hasText: vi(totals.residents.total) }).waitFor({ timeout: 15_000 });
      assert.is(await text('shops-total'), vi(totals.shops.total));
      assert.is(await text('on-duty'), vi(totals.volunteers.onDutyNow));
      assert.equal(await page.locator('html').getAttribute('lang'), 'vi');

      // A new entry through the API reaches the page without a reload, and shows in the activity feed.
      const assignment = ((await (await fetch(`${url}/api/v1/campaigns/${campaign.id}/assignments`)).json()) as Array<{ personId: number; stationId: number | null }>).find((a) => a.stationId);
      const services = (await (await fetch(`${url}/api/v1/campaigns/${campaign.id}/services`)).json()) as Array<{ code: string; nameVi: string }>;
      const vneid = services.find((s) => s.code === 'vneid_level2')!;
      const write = (quantity: number) =>
        fetch(`${url}/api/v1/activity`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
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
      const after = await (await fetch(`${url}/api/v1/campaigns/${campaign.id}/totals`)).json();
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
    } finally {
      await browser.close();
      await app.close();
      await dispose();
    }
  });
}

test.run();
