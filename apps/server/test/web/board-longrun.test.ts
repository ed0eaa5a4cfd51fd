import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { isChromiumAvailable } from '@xk/testing';
import { allowNamedFunctions, makeBurst } from './board-helpers';
import { adminCalls, newPage, withHub } from './browser-hub';

/**
 * A hall screen runs for twelve hours. Compressed in time: 6,000 entries written through the API
 * while the board shows them (milestones every 1,000, the ticker, the leaderboards, the chart), with
 * the page's heap (after a full garbage collection) and its DOM node and listener counts sampled
 * every 1,000 entries: after the first sample they stay flat. Nothing here is timed.
 */
const test = suite('the board over a long run');
const day = 86_400_000;
const ENTRIES = 6000;
const BATCH = 50;
const SAMPLE_EVERY = 1000;

if (isChromiumAvailable('the board over a long run')) {
  test('thousands of events: heap, DOM nodes and listeners stay flat', async () => {
    await withHub({ demo: true }, async ({ app, url, browser }) => {
      const call = await adminCalls(app, url);
      const [campaign] = await call<Array<{ id: number; scopeUnitId: number }>>('GET', '/api/v1/campaigns');
      const { secret } = await app.auth.newLink({ purpose: 'board', campaignId: campaign!.id, unitId: campaign!.scopeUnitId, maxUses: 2, expiresAt: new Date(Date.now() + day) });
      const { page, errors } = await newPage(browser, { width: 1920, height: 1080 });
      await allowNamedFunctions(page);
      await page.goto(`${url}/#/board/${secret}`);
      await page.getByTestId('residents-total').waitFor({ timeout: 20_000 });
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');

      const assignments = await call<Array<{ personId: number; stationId: number | null }>>('GET', `/api/v1/campaigns/${campaign!.id}/assignments`);
      const services = (await call<Array<{ code: string; isActive: boolean }>>('GET', `/api/v1/campaigns/${campaign!.id}/services`)).filter((s) => s.isActive).map((s) => s.code);
      const { entries } = makeBurst(campaign!.id, assignments.slice(0, 60), services, ENTRIES);

      const samples: Array<{ after: number; heapBytes: number; nodes: number; listeners: number; elements: number }> = [];
      const sample = async (after: number) => {
        // Let the last delta and its animations land, then collect everything collectable.
        await page.waitForTimeout(1500);
        await cdp.send('HeapProfiler.collectGarbage');
        const { usedSize } = await cdp.send('Runtime.getHeapUsage');
        const counters = await cdp.send('Memory.getDOMCounters');
        const elements = await page.evaluate(() => document.getElementsByTagName('*').length);
        samples.push({ after, heapBytes: usedSize, nodes: counters.nodes, listeners: counters.jsEventListeners, elements });
      };
      await sample(0);
      for (let i = 0; i < entries.length; i += BATCH) {
        const answer = await call<{ results: Array<{ status: string }> }>('POST', '/api/v1/activity/batch', { items: entries.slice(i, i + BATCH) });
        assert.ok(answer.results.every((r) => r.status === 'accepted'));
        // A screen's pace: a delta every ~100 ms at most; writes faster than that are coalesced anyway.
        await page.waitForTimeout(60);
        if ((i + BATCH) % SAMPLE_EVERY === 0) await sample(i + BATCH);
      }
      console.log(`board long run: ${samples.map((s) => `${s.after}: heap ${(s.heapBytes / 1e6).toFixed(2)} MB, ${s.nodes} nodes, ${s.elements} elements, ${s.listeners} listeners`).join(' | ')}`);

      // The first sample after writes began is the baseline (the first deltas add rows, the chart's data, the ticker).
      const [, baseline, ...rest] = samples;
      const last = samples.at(-1)!;
      const maxNodes = Math.max(...rest.map((s) => s.nodes));
      const maxElements = Math.max(...rest.map((s) => s.elements));
      assert.ok(maxElements - baseline!.elements <= 25, `DOM elements flat: ${baseline!.elements} → max ${maxElements}`);
      assert.ok(maxNodes - baseline!.nodes <= 200, `DOM nodes flat: ${baseline!.nodes} → max ${maxNodes}`);
      assert.ok(last.listeners - baseline!.listeners <= 10, `listeners flat: ${baseline!.listeners} → ${last.listeners}`);
      assert.ok(last.heapBytes - baseline!.heapBytes < 1_000_000, `heap flat: ${(baseline!.heapBytes / 1e6).toFixed(2)} → ${(last.heapBytes / 1e6).toFixed(2)} MB`);
      assert.equal(errors, []);
    });
  });
}

test.run();
