import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { isChromiumAvailable } from '@xk/testing';
import type { NewEntry, SyncStatus } from '../../../web/src/phone/sync';
import type { Harness } from '../../../web/test/phone/outbox-harness';
import { signInAs } from '../helpers/test-app';
import { withHub } from './browser-hub';

/**
 * The phone's outbox (apps/web/src/phone/sync.ts) in real Chromium against a real hub, with no
 * screen: a test-only entry (apps/web/test/phone/outbox-harness.ts) is bundled with the web app's
 * Vite into a folder the hub serves as its web app, and the pages drive it by evaluate.
 * Taps survive a reload; two tabs send each action once; a refused action stays with its reason and
 * is not resent; with the hub out of reach actions wait, then all arrive. Also on plain HTTP from a
 * non-localhost name (no navigator.locks, no crypto.randomUUID): the IndexedDB lease and the UUID
 * fallback.
 */
const test = suite('the phone outbox in Chromium');
const root = fileURLToPath(new URL('../../../../', import.meta.url));
const web = `${root}apps/web/`;
const HARNESS = '/harness.js';
const BATCH = '/api/v1/activity/batch';
const WAIT = { timeout: 30_000 };
const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

type W = { xk: Harness };
type ViteBuild = (config: Record<string, unknown>) => Promise<unknown>;
type Row = { id: string; kind: string; correctsId: string | null; occurredAt: string };

/**
 * A folder the hub serves as its web app: a blank page and the harness as one ES module, built with
 * the web app's Vite (not its config: the main build is untouched). Served by the hub itself, as the
 * phone's pages are: same origin, same cookies, same address space.
 */
async function buildHarness(outDir: string): Promise<void> {
  const vite = (await import(pathToFileURL(`${web}node_modules/vite/dist/node/index.js`).href)) as { build: ViteBuild };
  await vite.build({
    configFile: false,
    root: web,
    publicDir: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
    build: { outDir, emptyOutDir: true, minify: false, target: 'es2022', lib: { entry: `${web}test/phone/outbox-harness.ts`, formats: ['es'], fileName: () => 'harness.js' } },
  });
  assert.ok(existsSync(join(outDir, 'harness.js')), 'the harness bundle was built');
  writeFileSync(join(outDir, 'index.html'), '<!doctype html><html lang="vi"><meta charset="utf-8"><title>outbox</title></html>');
}

/** A hub on PGlite serving the harness, and a Chromium that resolves hall.test to it (a plain-HTTP, non-secure origin). */
async function withHarness(body: (hub: { app: FastifyInstance; url: string; browser: Browser }) => Promise<void>) {
  const dir = mkdtempSync(join(tmpdir(), 'xk-outbox-'));
  try {
    await buildHarness(dir);
    await withHub({ demo: false, webDist: dir, browserArgs: ['--host-resolver-rules=MAP hall.test 127.0.0.1'] }, body);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

let counter = 0;
const unique = (prefix: string) => `${prefix}-${++counter}-${Math.random().toString(36).slice(2, 6)}`;
const phoneNumber = () => `09${String(10_000_000 + Math.floor(Math.random() * 89_999_999)).slice(0, 8)}`;

/** A campaign with a station and volunteers, made through the API as an admin; the activity log read back the same way. */
async function scene(app: FastifyInstance, url: string) {
  const admin = await signInAs(app, 'admin', null);
  const call = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { ...admin.headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = await response.json();
    assert.ok(response.status < 300, `${method} ${path} → ${response.status} ${JSON.stringify(json)}`);
    return json;
  };
  const rootUnit = await call('POST', '/api/v1/units', { code: unique('U'), name: 'Thành đoàn Thử', memberCount: 10 });
  const commune = await call('POST', '/api/v1/units', { code: unique('U'), name: 'Đoàn phường Thử', parentId: rootUnit.id, memberCount: 30 });
  const campaign = await call('POST', '/api/v1/campaigns', { code: unique('C'), name: 'Ngày Chuyển đổi số', startsAt: '2020-01-01T00:00:00+07:00', endsAt: '2040-01-01T00:00:00+07:00', scopeUnitId: rootUnit.id });
  const station = await call('POST', `/api/v1/campaigns/${campaign.id}/stations`, { unitId: commune.id, code: unique('S'), name: 'Chợ Thử', kind: 'market' });
  return {
    campaignId: campaign.id as number,
    stationId: station.id as number,
    /** A new volunteer of the commune with a session: the cookies a phone of theirs holds for `origin`. */
    async volunteer() {
      const person = await call('POST', '/api/v1/people', { name: 'Nguyễn Văn Thử', phone: phoneNumber(), memberships: [{ unitId: commune.id, role: 'volunteer' }] });
      const session = await signInAs(app, 'volunteer', commune.id, person.id);
      const cookies = (origin: string) => [
        { name: 'xk_session', value: session.secret, url: origin },
        { name: 'xk_csrf', value: session.headers['x-csrf-token'], url: origin },
      ];
      return { personId: person.id as number, cookies };
    },
    /** What the person's phone last reported (queue length, last sync). */
    phoneStatus: (personId: number) => call('GET', `/api/v1/campaigns/${campaign.id}/phone-status?personId=${personId}`) as Promise<Array<{ queueLength: number; lastSyncAt: string | null }>>,
    /** The activity rows the hub holds for a person. */
    rows: (personId: number) => call('GET', `/api/v1/campaigns/${campaign.id}/activity?personId=${personId}&limit=1000`) as Promise<Row[]>,
  };
}

/** Counts, per entry id, the batch requests that carried it (`posted`) and those the hub answered 200 (`answered`). */
function watchBatches(context: BrowserContext) {
  const posted = new Map<string, number>();
  const answered = new Map<string, number>();
  let failed = 0;
  const isBatch = (r: Request) => r.method() === 'POST' && new URL(r.url()).pathname === BATCH;
  const ids = (r: Request) => ((r.postDataJSON() as { items: Array<{ id: string }> }).items ?? []).map((i) => i.id);
  const bump = (map: Map<string, number>, id: string) => map.set(id, (map.get(id) ?? 0) + 1);
  context.on('request', (r) => {
    if (isBatch(r)) for (const id of ids(r)) bump(posted, id);
  });
  context.on('requestfinished', (r) => {
    if (!isBatch(r)) return;
    void r.response().then((res) => {
      if (res?.status() === 200) for (const id of ids(r)) bump(answered, id);
    });
  });
  context.on('requestfailed', (r) => {
    if (isBatch(r)) failed += 1;
  });
  return { posted, answered, failed: () => failed };
}

/** The hub unreachable for batches (the connection fails: the request never arrives), or back. */
async function blockBatches(context: BrowserContext, blocked: boolean) {
  if (blocked) await context.route(`**${BATCH}`, (route) => route.abort('connectionrefused'));
  else await context.unroute(`**${BATCH}`);
}

async function newContext(browser: Browser, origin: string, cookies: Array<{ name: string; value: string; url: string }>) {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
  await context.addCookies(cookies);
  const errors: string[] = [];
  const open = async (options: { personId: number; campaignId: number; batchSize?: number }) => {
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${origin}/outbox-test`);
    await start(page, options);
    return page;
  };
  return { context, open, errors };
}

const start = (page: Page, options: { personId: number; campaignId: number; batchSize?: number }) =>
  page.evaluate(async ({ path, options }) => {
    const harness = (await import(path)) as { start: (o: typeof options) => Promise<void> };
    await harness.start(options);
  }, { path: HARNESS, options });

const status = (page: Page): Promise<SyncStatus> => page.evaluate(() => (window as unknown as W).xk.status());

/** Queues entries one after the other (taps); resolves with their ids. */
const enqueue = (page: Page, entries: NewEntry[]): Promise<string[]> =>
  page.evaluate(async (list) => {
    const ids: string[] = [];
    for (const entry of list) ids.push((await (window as unknown as W).xk.sync.enqueue(entry)).id);
    return ids;
  }, entries);

/** Waits until the page's sync status satisfies `predicate` (run in the page); says what it was on a timeout. */
async function waitFor(page: Page, predicate: (s: SyncStatus, arg: number) => boolean, arg = 0) {
  try {
    await page.waitForFunction(({ source, arg }) => new Function('s', 'arg', `return (${source})(s, arg)`)((window as unknown as W).xk.sync.status(), arg) as boolean, { source: predicate.toString(), arg }, WAIT);
  } catch (err) {
    const st = await status(page).catch(() => null);
    const brief = st && { ...st, waiting: st.waiting.map((i) => `${i.entry.kind}:${i.attempts}`), rejected: st.rejected.map((i) => i.problem) };
    throw new Error(`${(err as Error).message}\n  waiting for ${predicate.toString()}\n  status: ${JSON.stringify(brief)}`);
  }
}

/** Polls `check` until it stops throwing (the Node side sees Playwright's events a moment after the page). */
async function eventually(check: () => void | Promise<void>, ms = 10_000) {
  const until = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

const sorted = (ids: Iterable<string>) => [...ids].sort();

if (isChromiumAvailable('phone outbox browser test')) {
  test('taps survive a reload while the hub is out of reach, two tabs share one queue and send each tap once, a refused tap stays with its reason', async () => {
    await withHarness(async ({ app, url, browser }) => {
      const s = await scene(app, url);
      const me = await s.volunteer();
      const opts = { personId: me.personId, campaignId: s.campaignId };
      const tap = (n: number): NewEntry[] => Array.from({ length: n }, () => ({ kind: 'assistance', serviceCode: 'vneid_level2', stationId: s.stationId }));
      const { context, open, errors } = await newContext(browser, url, me.cookies(url));
      const batches = watchBatches(context);

      // 1. The hub is out of reach (the phone thinks it is online): five taps wait in IndexedDB.
      await blockBatches(context, true);
      const tab1 = await open(opts);
      assert.ok(await tab1.evaluate(() => isSecureContext && 'locks' in navigator), '127.0.0.1 is a secure context: navigator.locks');
      const first = await enqueue(tab1, tap(5));
      assert.ok(first.every((id) => V4.test(id)));
      await waitFor(tab1, (st) => st.waiting.length === 5 && st.waiting.every((i) => i.attempts > 0) && !st.online && st.nextAttemptAt !== null);
      assert.equal(await s.rows(me.personId), [], 'nothing reached the hub');
      // Undo of a tap that was tried already: it may have arrived, so the screen queues a void.
      assert.is(await tab1.evaluate((id) => (window as unknown as W).xk.sync.undo(id), first[0]!), 'sent');
      const [voidId] = await enqueue(tab1, [{ kind: 'correction', correctsId: first[0]!, action: 'void', reason: 'Bấm nhầm' }]);
      const before = await status(tab1);
      assert.equal(before.waiting.map((i) => i.id), [...first, voidId]);

      // 2. Reload while still cut off: the same items, same ids and times, from IndexedDB. (The offset
      // learnt from the hub's answers is written to IndexedDB when learnt: wait for that write first.)
      await eventually(async () => assert.ok(await tab1.evaluate(() => (window as unknown as W).xk.cacheGet('server-clock')), 'the server-clock offset is stored'));
      await tab1.reload();
      await start(tab1, opts);
      const after = await status(tab1);
      assert.equal(after.waiting.map((i) => i.entry), before.waiting.map((i) => i.entry), 'same ids, same occurredAt');
      assert.ok(await tab1.evaluate(() => (window as unknown as W).xk.cacheGet('server-clock')), 'the server-clock offset is kept');
      assert.ok(Math.abs(await tab1.evaluate(() => (window as unknown as W).xk.serverOffsetMs())) < 5000, 'same machine: offset ≈ 0');

      // 3. A second tab sees the queue, and each tab sees the other's taps without a reload.
      const tab2 = await open(opts);
      assert.is((await status(tab2)).waiting.length, 6);
      const second = await enqueue(tab2, tap(2));
      await waitFor(tab1, (st) => st.waiting.length === 8);

      // 4. No network at all (navigator.onLine false): a tap is not even tried, so undo drops it.
      await context.setOffline(true);
      const [dropped] = await enqueue(tab1, tap(1));
      assert.is(await tab1.evaluate((id) => (window as unknown as W).xk.sync.undo(id), dropped!), 'removed');
      const third = await enqueue(tab1, tap(1));
      await waitFor(tab2, (st) => st.waiting.length === 9 && !st.online);
      assert.ok(await tab1.evaluate(() => (window as unknown as W).xk.sync.hasUnsent()), 'sign-out would be refused');
      assert.equal(await s.rows(me.personId), [], 'still nothing on the hub');

      // 5. Back: the `online` event sends at once; everything arrives exactly once, the void after its tap.
      await blockBatches(context, false);
      await context.setOffline(false);
      await waitFor(tab1, (st) => st.waiting.length === 0 && st.online && st.lastSyncAt !== null);
      await waitFor(tab2, (st) => st.waiting.length === 0);
      const expected = [...first, voidId!, ...second, ...third];
      const rows = await s.rows(me.personId);
      assert.equal(sorted(rows.map((r) => r.id)), sorted(expected), 'the hub holds exactly the queued ids');
      assert.is(rows.find((r) => r.id === voidId)?.correctsId, first[0]);
      assert.not.ok(batches.posted.has(dropped!), 'the dropped tap never left the phone');
      await eventually(() => {
        for (const id of expected) assert.is(batches.answered.get(id), 1, `answered once: ${id}`);
      });
      assert.not.ok(await tab2.evaluate(() => (window as unknown as W).xk.sync.hasUnsent()));
      const occurred = new Map(before.waiting.map((i) => [i.id, i.entry.occurredAt]));
      for (const r of rows) if (occurred.has(r.id)) assert.is(new Date(r.occurredAt).getTime(), new Date(occurred.get(r.id)!).getTime(), 'occurredAt is the tap’s time, not the send’s');

      // 6. Both tabs tap at once, online: every tap sent once, none twice, no id forked.
      const failedBefore = batches.failed();
      const [a, b] = await Promise.all([enqueue(tab1, tap(25)), enqueue(tab2, tap(25))]);
      await waitFor(tab1, (st) => st.waiting.length === 0);
      await waitFor(tab2, (st) => st.waiting.length === 0);
      const both = [...a!, ...b!];
      assert.is(new Set(both).size, 50);
      const held = new Set((await s.rows(me.personId)).map((r) => r.id));
      for (const id of both) assert.ok(held.has(id), `held: ${id}`);
      assert.is(held.size, expected.length + 50);
      await eventually(() => {
        for (const id of both) assert.is(batches.answered.get(id), 1, `answered once: ${id}`);
      });
      // With no failed request, no tap was even posted twice (one sender at a time).
      if (batches.failed() === failedBefore) for (const id of both) assert.is(batches.posted.get(id), 1, `posted once: ${id}`);
      const [reported] = await s.phoneStatus(me.personId);
      assert.is(reported?.queueLength, 0, 'the last batch told the hub the queue is empty');
      assert.ok(reported?.lastSyncAt);

      // 7. A refused tap (unknown service): kept with the reason, never resent, also after a reload; dismissed, it is gone in both tabs.
      const [bad] = await enqueue(tab1, [{ kind: 'assistance', serviceCode: 'khong_co_dich_vu', stationId: s.stationId }]);
      await waitFor(tab1, (st) => st.rejected.length === 1 && st.waiting.length === 0);
      const refused = (await status(tab1)).rejected[0]!;
      assert.is(refused.id, bad);
      assert.is(refused.problem?.status, 'rejected');
      assert.ok(refused.problem?.reason && refused.problem.reason.length > 3, `a reason: ${JSON.stringify(refused.problem)}`);
      assert.ok(refused.problem?.field?.includes('serviceCode'), `the field: ${JSON.stringify(refused.problem)}`);
      await waitFor(tab2, (st) => st.rejected.length === 1);
      const [good] = await enqueue(tab1, tap(1));
      await waitFor(tab1, (st) => st.waiting.length === 0);
      await tab1.evaluate(() => (window as unknown as W).xk.sync.flush());
      await tab1.reload();
      await start(tab1, opts);
      assert.equal((await status(tab1)).rejected.map((i) => [i.id, i.problem?.reason]), [[bad, refused.problem?.reason]]);
      await tab1.evaluate(() => (window as unknown as W).xk.sync.flush());
      await eventually(() => assert.is(batches.answered.get(good!), 1));
      assert.is(batches.posted.get(bad!), 1, 'the refused tap was sent once, never again');
      assert.not.ok((await s.rows(me.personId)).some((r) => r.id === bad));
      await tab2.evaluate((id) => (window as unknown as W).xk.sync.dismiss(id), bad!);
      await waitFor(tab1, (st) => st.rejected.length === 0);

      // 8. Signed out on the hub (401): sending stops and says so; the tap waits; signed in again, it goes.
      await context.clearCookies();
      const [late] = await enqueue(tab1, tap(1));
      await waitFor(tab1, (st) => st.signedOut && st.waiting.length === 1);
      await context.addCookies(me.cookies(url));
      await tab1.evaluate(() => (window as unknown as W).xk.sync.flush());
      await waitFor(tab1, (st) => !st.signedOut && st.waiting.length === 0);
      assert.ok((await s.rows(me.personId)).some((r) => r.id === late));
      assert.equal(errors, []);
    });
  });

  test('on plain HTTP from a LAN name (no navigator.locks, no randomUUID): the IndexedDB lease keeps one sender, ids are v4 UUIDs', async () => {
    await withHarness(async ({ app, url, browser }) => {
      const s = await scene(app, url);
      const me = await s.volunteer();
      const origin = url.replace('127.0.0.1', 'hall.test');
      const opts = { personId: me.personId, campaignId: s.campaignId, batchSize: 7 };
      const tap = (n: number): NewEntry[] => Array.from({ length: n }, () => ({ kind: 'assistance', serviceCode: 'vneid_level2', stationId: s.stationId, beneficiary: 'shop' }));
      const { context, open, errors } = await newContext(browser, origin, me.cookies(origin));
      const batches = watchBatches(context);
      const tab1 = await open(opts);
      const tab2 = await open(opts);
      assert.equal(await tab1.evaluate(() => [isSecureContext, 'locks' in navigator, typeof crypto.randomUUID]), [false, false, 'undefined']);

      // Cut off, both tabs tap; back, both retry at the same moment: the lease lets one send at a time.
      await blockBatches(context, true);
      const [a, b] = await Promise.all([enqueue(tab1, tap(12)), enqueue(tab2, tap(12))]);
      await waitFor(tab1, (st) => st.waiting.length === 24);
      await waitFor(tab2, (st) => st.waiting.length === 24);
      assert.equal(await s.rows(me.personId), []);
      await blockBatches(context, false);
      const failedBefore = batches.failed();
      await Promise.all([tab1.evaluate(() => (window as unknown as W).xk.sync.flush()), tab2.evaluate(() => (window as unknown as W).xk.sync.flush())]);
      // Online: both tap at once as well.
      const [c, d] = await Promise.all([enqueue(tab1, tap(15)), enqueue(tab2, tap(15))]);
      await waitFor(tab1, (st) => st.waiting.length === 0);
      await waitFor(tab2, (st) => st.waiting.length === 0);
      const all = [...a!, ...b!, ...c!, ...d!];
      assert.is(new Set(all).size, 54, 'no id forked or repeated');
      for (const id of all) assert.match(id, V4);
      const rows = await s.rows(me.personId);
      assert.equal(sorted(rows.map((r) => r.id)), sorted(all));
      await eventually(() => {
        for (const id of all) assert.is(batches.answered.get(id), 1, `answered once: ${id}`);
      });
      if (batches.failed() === failedBefore) for (const id of [...c!, ...d!]) assert.is(batches.posted.get(id), 1, `posted once: ${id}`);
      assert.is(await tab1.evaluate(() => (window as unknown as W).xk.status().persisted), null, 'no StorageManager on plain HTTP');
      assert.equal(errors, []);
    });
  });
}

test.run();
