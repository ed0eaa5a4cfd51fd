import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { chromiumArgs, chromiumPath, createTempPostgres, isChromiumAvailable, isPostgresAvailable, type TempPostgres } from '@xk/testing';
import { freePort, type HubProcess, redeemPrintedLink, startHub, waitFor } from '../helpers/processes';
import { allowNamedFunctions, makeBurst } from './board-helpers';
import { vi } from './browser-hub';

/**
 * The hub is killed (SIGKILL) in the middle of a burst of writes and started again on the same data:
 * the hall screen says it is reconnecting, then, without a reload, converges to exactly the totals of
 * everything the script wrote (the writes in flight are sent again with their ids: none is lost,
 * none counted twice). On the embedded PGlite, or on PostgreSQL when DATABASE_URL is set (as CI's
 * second run does).
 */
const test = suite('the board across a hub restart');
const hubs: HubProcess[] = [];
test.after(() => {
  for (const hub of hubs) if (hub.child.exitCode === null) hub.child.kill('SIGKILL');
});

interface Totals {
  residents: { total: number };
  shops: { total: number };
  sessions: { outreach: { count: number; attendance: number }; training: { count: number; attendance: number } };
}

const usePostgres = Boolean(process.env.DATABASE_URL);

if (isChromiumAvailable('the board across a hub restart') && (!usePostgres || (await isPostgresAvailable('the board across a hub restart on PostgreSQL')))) {
  test('killed and restarted mid-burst, the board shows a reconnecting mark, then converges to the exact totals without a reload', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xk-board-restart-'));
    let pg: TempPostgres | undefined;
    const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    try {
      if (usePostgres) pg = await createTempPostgres();
      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      const env = {
        PORT: String(port),
        HOST: '127.0.0.1',
        XK_PUBLIC_URL: base,
        REDIS_URL: undefined,
        ...(pg ? { DATABASE_URL: pg.url, XK_DATA_DIR: undefined } : { DATABASE_URL: undefined, XK_DATA_DIR: dir }),
      };
      const start = async () => {
        const hub = startHub(env, ['--demo', '--no-simulator']);
        hubs.push(hub);
        await waitFor(`${base}/readyz`, 180_000, hub);
        return hub;
      };
      let hub = await start();
      const admin = await redeemPrintedLink(base, hub, 'admin');
      let boardSecret: string | undefined;
      for (let i = 0; i < 100 && !boardSecret; i++) {
        boardSecret = /#\/board\/([A-Za-z0-9_-]+)/.exec(hub.output())?.[1];
        if (!boardSecret) await new Promise((r) => setTimeout(r, 100));
      }
      assert.ok(boardSecret, 'the demo printed a board link');
      const get = async <T>(path: string) => (await (await fetch(`${base}${path}`, { headers: admin.headers })).json()) as T;
      const [campaign] = await get<Array<{ id: number; scopeUnitId: number }>>('/api/v1/campaigns');
      const totals = () => get<Totals>(`/api/v1/campaigns/${campaign!.id}/totals`);

      const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
      const page = await context.newPage();
      await allowNamedFunctions(page);
      await page.goto(`${base}/#/board/${boardSecret}`);
      await page.getByTestId('residents-total').waitFor({ timeout: 20_000 });
      await page.evaluate(() => ((window as unknown as { __samePage: boolean }).__samePage = true));
      const before = await totals();

      const assignments = await get<Array<{ personId: number; stationId: number | null }>>(`/api/v1/campaigns/${campaign!.id}/assignments`);
      const services = (await get<Array<{ code: string; isActive: boolean }>>(`/api/v1/campaigns/${campaign!.id}/services`)).filter((s) => s.isActive).map((s) => s.code);
      const { entries, adds } = makeBurst(campaign!.id, assignments.slice(0, 30), services, 600);
      const batches = Array.from({ length: entries.length / 20 }, (_, i) => entries.slice(i * 20, i * 20 + 20));
      const acknowledged = new Set<number>();
      /** Sends batch i; false when the hub could not be reached (it died), else the answer must be right. */
      const send = async (i: number): Promise<boolean> => {
        let res: Response;
        try {
          res = await fetch(`${base}/api/v1/activity/batch`, { method: 'POST', headers: { ...admin.headers, 'content-type': 'application/json' }, body: JSON.stringify({ items: batches[i] }) });
        } catch {
          return false;
        }
        const body = (await res.json()) as { results: Array<{ status: string }> };
        assert.is(res.status, 200);
        assert.ok(body.results.every((r) => r.status === 'accepted' || r.status === 'duplicate'), JSON.stringify(body.results.filter((r) => r.status !== 'accepted' && r.status !== 'duplicate')));
        acknowledged.add(i);
        return true;
      };

      // Two writers; the hub is killed once 12 batches are in. Writes in flight fail with it.
      let next = 0;
      let killed = false;
      const writers = Array.from({ length: 2 }, async () => {
        while (!killed && next < batches.length) {
          if (!(await send(next++))) return;
        }
      });
      const deadline = Date.now() + 60_000;
      while (acknowledged.size < 12) {
        assert.ok(Date.now() < deadline, `only ${acknowledged.size} batches acknowledged in 60 s`);
        await new Promise((r) => setTimeout(r, 10));
      }
      hub.child.kill('SIGKILL');
      killed = true;
      await hub.exited;
      await Promise.all(writers);
      assert.ok(acknowledged.size < batches.length, 'the hub died mid-burst');
      await page.getByTestId('reconnecting').waitFor({ timeout: 15_000 });

      // Started again on the same data: everything not acknowledged is sent again, with the same ids.
      hub = await start();
      for (let i = 0; i < batches.length; i++) if (!acknowledged.has(i)) assert.ok(await send(i), `batch ${i} sent to the restarted hub`);
      const expected = {
        residents: before.residents.total + adds.residents,
        shops: before.shops.total + adds.shops,
        sessions: before.sessions.outreach.count + before.sessions.training.count + adds.sessions,
      };
      const after = await totals();
      assert.equal(
        { residents: after.residents.total, shops: after.shops.total, sessions: after.sessions.outreach.count + after.sessions.training.count },
        expected,
        'the database holds every write once',
      );
      await page.waitForFunction(
        (n) => {
          const el = document.querySelector<HTMLElement>('[data-testid="residents-total"]');
          return el?.dataset.value === String(n) && el.textContent === new Intl.NumberFormat('vi-VN').format(n);
        },
        expected.residents,
        { timeout: 60_000 },
      );
      assert.is(await page.getByTestId('shops-total').innerText(), vi(expected.shops));
      assert.is(await page.getByTestId('sessions-total').getAttribute('data-value'), String(expected.sessions));
      await page.getByTestId('reconnecting').waitFor({ state: 'detached', timeout: 10_000 });
      assert.ok(await page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage === true), 'no reload: the same page converged');
      await context.close();
    } finally {
      await browser.close();
      for (const h of hubs) if (h.child.exitCode === null) h.child.kill('SIGTERM');
      await Promise.all(hubs.map((h) => h.exited));
      await pg?.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test.run();
