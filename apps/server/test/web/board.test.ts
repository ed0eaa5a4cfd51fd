import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { isChromiumAvailable } from '@xk/testing';
import { allowNamedFunctions, boardFigures, boardLayoutProblems, makeBurst, settled } from './board-helpers';
import { adminCalls, newPage, vi, withHub } from './browser-hub';

/**
 * The hall screen in Chromium, opened from a board link on the demo campaign: after a burst of
 * writes through the API it shows exactly what the test computed (and what the database holds),
 * a milestone comes and goes, the leaderboards rank the units as their totals do; at 1920×1080 and
 * 3840×2160 nothing scrolls, overflows or overlaps, the font is loaded and the headline figures are
 * large; in English from `?lang=en`.
 */
const test = suite('the big-screen board in Chromium');
const day = 86_400_000;
const shots = process.env.XK_SCREENSHOTS ?? tmpdir();

interface Totals {
  residents: { total: number; today: number; byService: Record<string, number> };
  shops: { total: number };
  sessions: { outreach: { count: number; attendance: number }; training: { count: number; attendance: number } };
  volunteers: { onDutyNow: number; checkedInToday: number };
  targets: Array<{ kind: string; serviceCode: string; target: number; actual: number; progress: number }>;
  children: Array<{ unitId: number; name: string; residents: number }>;
}

if (isChromiumAvailable('big-screen board browser tests')) {
  test('a board link shows the exact totals after a burst of writes; a milestone comes and goes; 1080p and 4K layouts; English', async () => {
    await withHub({ demo: true }, async ({ app, url, browser }) => {
      const call = await adminCalls(app, url);
      const [campaign] = await call<Array<{ id: number; name: string; scopeUnitId: number }>>('GET', '/api/v1/campaigns');
      const totalsOf = (unitId: number) => call<Totals>('GET', `/api/v1/campaigns/${campaign!.id}/totals?unitId=${unitId}`);
      const scope = campaign!.scopeUnitId;
      const { secret } = await app.auth.newLink({ purpose: 'board', campaignId: campaign!.id, unitId: scope, maxUses: 10, expiresAt: new Date(Date.now() + 7 * day), label: 'Màn hình hội trường' });

      const { page, errors } = await newPage(browser, { width: 1920, height: 1080 });
      await allowNamedFunctions(page);
      await page.goto(`${url}/#/board/${secret}`);
      await page.getByTestId('residents-total').waitFor({ timeout: 20_000 });
      const before = await totalsOf(scope);
      await page.getByTestId('residents-total').filter({ hasText: new RegExp(`^${vi(before.residents.total).replaceAll('.', '\\.')}$`) }).waitFor({ timeout: 10_000 });
      assert.is(await page.getByTestId('board-campaign').innerText(), campaign!.name);
      assert.is(await page.locator('button, input, select, a[href]').count(), 0, 'a kiosk: no controls');

      // A burst that crosses the next thousand: the milestone is shown once, then goes.
      const assignments = await call<Array<{ personId: number; stationId: number | null }>>('GET', `/api/v1/campaigns/${campaign!.id}/assignments`);
      const services = (await call<Array<{ code: string; isActive: boolean }>>('GET', `/api/v1/campaigns/${campaign!.id}/services`)).filter((s) => s.isActive).map((s) => s.code);
      const nextMark = (Math.floor(before.residents.total / 1000) + 1) * 1000;
      const { entries, adds } = makeBurst(campaign!.id, assignments.slice(0, 40), services, 400, nextMark - before.residents.total + 25);
      const batches = Array.from({ length: Math.ceil(entries.length / 25) }, (_, i) => entries.slice(i * 25, i * 25 + 25));
      let next = 0;
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          while (next < batches.length) {
            const items = batches[next++]!;
            const answer = await call<{ results: Array<{ status: string }> }>('POST', '/api/v1/activity/batch', { items });
            assert.ok(answer.results.every((r) => r.status === 'accepted'), JSON.stringify(answer.results.filter((r) => r.status !== 'accepted')));
          }
        }),
      );
      // (A target the burst meets may be shown first: milestones take turns, 7 s each.)
      await page.getByTestId('milestone').and(page.locator(`[data-key="residents:${nextMark}"]`)).waitFor({ timeout: 30_000 });
      await page.screenshot({ path: join(shots, 'board-milestone.png') });

      // Exactly the figures the test computed, and the database's.
      const expected = {
        residents: before.residents.total + adds.residents,
        shops: before.shops.total + adds.shops,
        sessions: before.sessions.outreach.count + before.sessions.training.count + adds.sessions,
        attendance: before.sessions.outreach.attendance + before.sessions.training.attendance + adds.attendance,
      };
      await page.waitForFunction((n) => document.querySelector<HTMLElement>('[data-testid="residents-total"]')?.dataset.value === String(n), expected.residents, { timeout: 15_000 });
      await settled(page);
      const after = await totalsOf(scope);
      const shown = await boardFigures(page);
      assert.equal(
        { residents: shown.residentsTotal?.value, shops: shown.shops?.value, sessions: shown.sessions?.value, attendance: shown.attendance?.value },
        expected,
        'the board equals what the test wrote',
      );
      assert.is(after.residents.total, expected.residents, 'and the database holds the same');
      assert.is(shown.residentsTotal?.text, vi(expected.residents), 'the count-up ended on the exact figure');
      assert.is(shown.residentsToday?.value, after.residents.today);
      assert.is(shown.onDuty?.value, after.volunteers.onDutyNow);
      assert.is(shown.checkedIn?.value, after.volunteers.checkedInToday);
      for (const [code, n] of Object.entries(adds.byService)) assert.is(after.residents.byService[code], (before.residents.byService[code] ?? 0) + n, `${code} in the database`);

      // Targets as the database measures them.
      const shownTargets = await page.getByTestId('board-target').evaluateAll((els) =>
        els.filter((el) => getComputedStyle(el).visibility !== 'hidden').map((el) => ({ kind: (el as HTMLElement).dataset.kind, service: (el as HTMLElement).dataset.service, figure: el.querySelector('[data-testid="target-figure"]')!.textContent })),
      );
      assert.ok(shownTargets.length >= 3, `targets shown: ${shownTargets.length}`);
      const pct = (share: number) => new Intl.NumberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 0 }).format(Math.floor(share * 100) / 100);
      for (const t of shownTargets) {
        const db = after.targets.find((x) => x.kind === t.kind && x.serviceCode === t.service)!;
        const figure = (n: number) => (db.kind === 'adoption_share' ? pct(n) : vi(n));
        assert.is(t.figure, `${figure(db.actual)} / ${figure(db.target)}`, `target ${t.kind}/${t.service}`);
      }

      // The leaderboard by total: the child units as their totals rank them.
      const leaders = await page.getByTestId('leaders-total').getByTestId('leader').evaluateAll((els) =>
        els.map((el) => ({ rank: Number((el as HTMLElement).dataset.rank), unit: Number((el as HTMLElement).dataset.unit), score: el.querySelector('[data-testid="leader-score"]')!.textContent })).sort((a, b) => a.rank - b.rank),
      );
      const ranking = [...after.children].sort((a, b) => b.residents - a.residents || a.name.localeCompare(b.name, 'vi') || a.unitId - b.unitId).slice(0, 5);
      assert.equal(leaders.map((l) => [l.unit, l.score]), ranking.map((c) => [c.unitId, vi(c.residents)]));

      // The milestone is gone by itself; the layout at 1080p.
      await page.getByTestId('milestone').waitFor({ state: 'detached', timeout: 30_000 });
      await settled(page);
      assert.equal(await boardLayoutProblems(page), [], 'layout at 1920×1080');
      await page.screenshot({ path: join(shots, 'board-1080p.png') });

      // The same at 4K, and on screens of other shapes (16:10, 21:9).
      for (const [width, height, label] of [[3840, 2160, '4k'], [1920, 1200, '16x10'], [2560, 1080, '21x9']] as const) {
        await page.setViewportSize({ width, height });
        await page.waitForFunction((w) => (document.querySelector<HTMLCanvasElement>('[data-testid="rate-chart"] canvas')?.getBoundingClientRect().width ?? 0) > w / 5, width, { timeout: 5_000 });
        await settled(page);
        assert.equal(await boardLayoutProblems(page), [], `layout at ${width}×${height}`);
        await page.screenshot({ path: join(shots, `board-${label}.png`) });
      }
      await page.setViewportSize({ width: 1920, height: 1080 });

      // A province's day: seven-digit figures still fit their tiles, large.
      const [first] = assignments;
      const big = Array.from({ length: 1000 }, () => ({ id: randomUUID(), kind: 'assistance', campaignId: campaign!.id, personId: first!.personId, ...(first!.stationId ? { stationId: first!.stationId } : {}), serviceCode: services[0], quantity: 1000, occurredAt: new Date().toISOString() }));
      for (let i = 0; i < big.length; i += 500) await call('POST', '/api/v1/activity/batch', { items: big.slice(i, i + 500) });
      const millions = expected.residents + 1_000_000;
      await page.waitForFunction((n) => document.querySelector<HTMLElement>('[data-testid="residents-total"]')?.dataset.value === String(n), millions, { timeout: 15_000 });
      await page.getByTestId('milestone').waitFor({ state: 'detached', timeout: 30_000 });
      await settled(page);
      assert.is(await page.getByTestId('residents-total').innerText(), vi(millions));
      assert.equal(await boardLayoutProblems(page), [], 'layout with seven-digit figures');
      await page.screenshot({ path: join(shots, 'board-millions.png') });

      // English, from the address (a kiosk has no switch).
      await page.goto(`${url}/?lang=en`);
      await page.getByText('Residents helped today').waitFor({ timeout: 15_000 });
      await settled(page);
      assert.equal(await boardLayoutProblems(page), [], 'layout in English');
      await page.screenshot({ path: join(shots, 'board-english.png') });
      assert.equal(errors, []);
    });
  });
}

test.run();
