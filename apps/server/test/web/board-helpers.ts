// What the hall-screen tests share: a workload of writes whose totals the test computes itself, the
// board's figures as the page holds them, and the layout rules of a screen nobody scrolls.
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';

export interface Placement {
  personId: number;
  stationId: number | null;
}

export interface Expected {
  residents: number;
  shops: number;
  sessions: number;
  attendance: number;
  byService: Record<string, number>;
}

/** The figures a burst adds, as the test counts them while it makes it. */
export const noneExpected = (): Expected => ({ residents: 0, shops: 0, sessions: 0, attendance: 0, byService: {} });

/**
 * `count` entries for the campaign, made by the placed volunteers at their stations: mostly taps
 * (some of several residents, some for a shop), now and then a session with its attendance.
 * `residentsAtLeast` makes the residents add up to at least that many (to cross a milestone).
 */
export function makeBurst(campaignId: number, placements: readonly Placement[], services: readonly string[], count: number, residentsAtLeast = 0) {
  const entries: Array<Record<string, unknown>> = [];
  const adds = noneExpected();
  let residents = 0;
  for (let i = 0; i < count; i++) {
    const p = placements[i % placements.length]!;
    const base = { id: randomUUID(), campaignId, personId: p.personId, ...(p.stationId ? { stationId: p.stationId } : {}), occurredAt: new Date().toISOString() };
    if (i % 17 === 16) {
      const attendance = 20 + (i % 30);
      entries.push({ ...base, kind: 'session', sessionKind: i % 2 ? 'training' : 'outreach', attendance });
      adds.sessions += 1;
      adds.attendance += attendance;
      continue;
    }
    const serviceCode = services[i % services.length]!;
    const isShop = i % 9 === 4;
    const left = Math.max(0, residentsAtLeast - residents);
    const perEntry = Math.ceil(left / Math.max(1, count - i));
    const quantity = isShop ? 1 : Math.min(1000, Math.max(1 + (i % 3), perEntry));
    entries.push({ ...base, kind: 'assistance', serviceCode, quantity, beneficiary: isShop ? 'shop' : 'resident' });
    if (isShop) adds.shops += quantity;
    else {
      adds.residents += quantity;
      residents += quantity;
      adds.byService[serviceCode] = (adds.byService[serviceCode] ?? 0) + quantity;
    }
  }
  return { entries, adds };
}

/**
 * The test's compiler names the arrow functions in the code a test hands to `page.evaluate`
 * (`__name(fn, "read")`); the page has no such helper: give it one, on every page of the context.
 */
export async function allowNamedFunctions(page: Page) {
  await page.context().addInitScript('globalThis.__name = (fn) => fn;');
}

/** The exact figures on the board (`data-value`), and the text each shows. */
export async function boardFigures(page: Page) {
  return page.evaluate(() => {
    const read = (id: string) => {
      const el = document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
      return el ? { value: Number(el.dataset.value), text: el.textContent ?? '' } : null;
    };
    return {
      residentsTotal: read('residents-total'),
      residentsToday: read('residents-today'),
      shops: read('shops-total'),
      sessions: read('sessions-total'),
      attendance: read('attendance-total'),
      onDuty: read('on-duty'),
      checkedIn: read('checked-in-today'),
    };
  });
}

/**
 * The hall screen's layout rules at the current size; returns what breaks them: no scrolling; the
 * regions (header, figures, panels, ticker) inside the screen and not overlapping; nothing shown
 * cut by its box (rows that do not fit are hidden whole; a long name may end in "…"); no figure cut
 * short; the bundled font
 * loaded; headline figures at least 5 % of the screen's height.
 */
export async function boardLayoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    await document.fonts.ready;
    // What the page does in its next frames (rows fitted to their panel) is part of the layout.
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    const problems: string[] = [];
    const W = window.innerWidth;
    const H = window.innerHeight;
    const root = document.documentElement;
    if (root.scrollWidth > W || root.scrollHeight > H) problems.push(`the page scrolls: ${root.scrollWidth}×${root.scrollHeight} on ${W}×${H}`);
    const name = (el: Element) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}${(el as HTMLElement).dataset.testid ? `[${(el as HTMLElement).dataset.testid}]` : ''}`;
    const regions = [...document.querySelectorAll('.board__top, .board-figure, .board-panel, .board-ticker')];
    if (regions.length < 9) problems.push(`only ${regions.length} regions on the screen`);
    const rects = regions.map((el) => el.getBoundingClientRect());
    rects.forEach((r, i) => {
      if (r.left < -0.5 || r.top < -0.5 || r.right > W + 0.5 || r.bottom > H + 0.5) problems.push(`${name(regions[i]!)} is off the screen`);
      for (let j = i + 1; j < rects.length; j++) {
        const o = rects[j]!;
        const overlap = Math.max(0, Math.min(r.right, o.right) - Math.max(r.left, o.left)) * Math.max(0, Math.min(r.bottom, o.bottom) - Math.max(r.top, o.top));
        if (overlap > 1) problems.push(`${name(regions[i]!)} overlaps ${name(regions[j]!)}`);
      }
    });
    // Shown elements must not be cut by an ancestor that clips (overflow other than visible).
    const shown = (el: Element) => {
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none') return false;
      for (let a: Element | null = el; a; a = a.parentElement) if (Number(getComputedStyle(a).opacity) === 0) return false;
      return true;
    };
    for (const region of regions) {
      for (const el of region.querySelectorAll('*')) {
        if (!shown(el) || el.closest('.uplot')) continue;
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue;
        for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
          const clip = getComputedStyle(a);
          if (clip.overflow === 'visible') continue;
          // A line cut with an ellipsis says so ("…"; the figures are checked apart, below): not a cut.
          if (clip.textOverflow === 'ellipsis' && clip.whiteSpace === 'nowrap' && r.left < a.getBoundingClientRect().right) break;
          const c = a.getBoundingClientRect();
          const inside = r.left >= c.left - 1 && r.right <= c.right + 1 && r.top >= c.top - 1 && r.bottom <= c.bottom + 1;
          const outside = r.right <= c.left + 1 || r.left >= c.right - 1 || r.bottom <= c.top + 1 || r.top >= c.bottom - 1;
          if (!inside && !outside) problems.push(`${name(el)} is cut by ${name(a)} (${Math.round(r.top)}–${Math.round(r.bottom)} in ${Math.round(c.top)}–${Math.round(c.bottom)}, ${Math.round(r.left)}–${Math.round(r.right)} in ${Math.round(c.left)}–${Math.round(c.right)})`);
          if (!inside) break;
        }
      }
    }
    for (const el of document.querySelectorAll<HTMLElement>('.board [data-value], .board [data-testid="leader-score"], .board [data-testid="target-percent"], .board [data-testid="service-total"]')) {
      if (shown(el) && el.scrollWidth > el.clientWidth + 1) problems.push(`${name(el)} is cut short (${el.textContent})`);
    }
    if (!document.fonts.check('800 20px "Be Vietnam Pro"', 'Người dân được hỗ trợ')) problems.push('Be Vietnam Pro (Vietnamese) is not loaded');
    for (const el of document.querySelectorAll<HTMLElement>('.board-figure__value')) {
      const px = parseFloat(getComputedStyle(el).fontSize);
      if (px < 0.05 * H) problems.push(`${name(el)}: ${px}px is under 5 % of ${H}px`);
    }
    return problems;
  });
}

/** Waits until every count-up and entrance on the board has finished (finite animations only). */
export async function settled(page: Page) {
  await page.waitForFunction(
    () => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity) && [...document.querySelectorAll<HTMLElement>('[data-value]')].every((el) => el.textContent === new Intl.NumberFormat('vi-VN').format(Number(el.dataset.value))),
    undefined,
    { timeout: 15_000 },
  );
}
