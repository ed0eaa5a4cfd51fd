import '../board/board.css';
import type { Me } from '@xk/contract';
import { type Component, createEffect, createMemo, createSignal, Match, onCleanup, onMount, Show, Switch } from 'solid-js';
import { BoardFigure, BoardTargets, Leaderboard, MilestoneBanner, ServiceTable, Ticker } from '../board/board-parts';
import { boardMessages } from '../board/i18n-board';
import { createMilestoneWatch, type Milestone, milestonesBetween } from '../board/milestones';
import { RateChart } from '../board/rate-chart';
import { useAuth } from '../lib/auth';
import { formatClock } from '../lib/format';
import { type Lang, useLocale } from '../lib/i18n';
import { createLiveTotals } from '../lib/live-totals';

/** How long a milestone stays on the screen, and how many may wait their turn. */
const MILESTONE_MS = 7000;
const MILESTONES_WAITING = 3;
/** Rows that fit each part at the board's layout (the layout tests check nothing overflows with these). */
const LIMITS = { leaders: 5, services: 10, ticker: 4 };

/** Minutes since local midnight in the campaign's zone. */
function minuteOfDay(timeZone: string, now = Date.now()): number {
  const [h, m] = formatClock(now, timeZone).split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** A TV must not dim or sleep while it shows the day: a screen wake lock, asked again whenever the page is shown. */
function keepScreenAwake(): void {
  type Lock = { release: () => Promise<void>; addEventListener: (type: 'release', listener: () => void) => void };
  const wakeLock = (navigator as Navigator & { wakeLock?: { request: (type: 'screen') => Promise<Lock> } }).wakeLock;
  if (!wakeLock) return; // no Wake Lock API (or no secure context): the TV's own settings decide
  let lock: Lock | undefined;
  let disposed = false;
  const ask = () => {
    if (disposed || lock || document.hidden) return;
    wakeLock.request('screen').then(
      (l) => {
        if (disposed) return void l.release().catch(() => {});
        lock = l;
        // The browser lets go by itself (the page hidden, power saving): ask again when it can.
        l.addEventListener('release', () => {
          lock = undefined;
          setTimeout(ask, 1000);
        });
      },
      () => {}, // refused here: the TV's own settings decide
    );
  };
  ask();
  document.addEventListener('visibilitychange', ask);
  onCleanup(() => {
    disposed = true;
    document.removeEventListener('visibilitychange', ask);
    void lock?.release().catch(() => {});
  });
}

/**
 * A hall screen opened with a board link: the campaign live at the link's unit, from across a
 * room, with nobody touching it. No controls: `?lang=en` in the address shows it in English. It
 * reconnects and resyncs by itself (a small mark says so meanwhile); a revoked link ends it (the
 * app shows the message).
 */
export const BoardScreen: Component<{ me: Me }> = (props) => {
  const locale = useLocale();
  const auth = useAuth();
  const t = () => locale.t();
  const b = () => boardMessages(locale.lang());
  const wanted = new URLSearchParams(location.search).get('lang');
  if (wanted === 'en' || wanted === 'vi') void locale.setLang(wanted as Lang);
  const live = createLiveTotals({ initialCampaignId: props.me.campaignId ?? null, unitId: props.me.unitId, onUnauthorized: auth.sessionEnded });
  keepScreenAwake();

  // The clock in the corner, and the chart's "now".
  const [now, setNow] = createSignal(Date.now());
  const clockTimer = setInterval(() => setNow(Date.now()), 1000);
  onCleanup(() => clearInterval(clockTimer));
  const nowMinute = createMemo(() => minuteOfDay(live.timeZone(), now()));

  // Milestones: from the live views as they come, each on the screen for a few seconds, in turn; at
  // most a few wait (a burst of them is not a slideshow that falls behind the day).
  const watch = createMilestoneWatch();
  const [milestone, setMilestone] = createSignal<Milestone | null>(null);
  const waiting: Milestone[] = [];
  let milestoneTimer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(milestoneTimer));
  const showNext = () => {
    const next = waiting.shift() ?? null;
    setMilestone(next);
    milestoneTimer = next ? setTimeout(showNext, MILESTONE_MS) : undefined;
  };
  createEffect(() => {
    const view = live.state.view;
    if (!view || live.status() !== 'ready') return;
    // Read every figure the watch compares, so this runs on each delta (the store updates in place).
    const snapshot = { ...view, residents: { ...view.residents }, targets: view.targets.map((x) => ({ ...x })) };
    const found = milestonesBetween(watch, snapshot);
    if (found.length === 0) return;
    waiting.push(...found);
    waiting.splice(0, Math.max(0, waiting.length - MILESTONES_WAITING));
    if (milestoneTimer === undefined) showNext();
  });

  onMount(() => document.documentElement.classList.add('is-board'));
  onCleanup(() => document.documentElement.classList.remove('is-board'));

  return (
    <div class="board" data-testid="board">
      <header class="board__top">
        <div class="board__titles">
          <p class="board__brand">{t().appName}</p>
          <h1 class="board__campaign" data-testid="board-campaign">
            {live.selectedCampaign()?.name ?? ''}
          </h1>
          {/* Whose figures these are: a district's screen must not pass for the whole campaign's. */}
          <p class="board__scope" data-testid="board-unit">
            {props.me.unitName ?? t().board.unitView}
          </p>
        </div>
        <div class="board__status">
          <p class="board__clock" data-testid="board-clock">
            {formatClock(now(), live.timeZone())}
          </p>
          <Show when={live.state.updatedAt !== null}>
            <p class="board__live" classList={{ 'board__live--stale': live.isReconnecting() }} data-testid="freshness">
              <span class="board__dot" aria-hidden="true" />
              <Show when={live.isReconnecting()} fallback={<span>{b().live}</span>}>
                <span role="status" data-testid="reconnecting">
                  {b().reconnecting}
                </span>
              </Show>
            </p>
          </Show>
        </div>
      </header>
      <Switch>
        <Match when={live.status() === 'ready' && live.state.view}>
          {(view) => (
            <main class="board__grid">
              <section class="board__figures" aria-label={t().residents}>
                <BoardFigure label={b().residentsToday} value={view().residents.today} testId="residents-today" accent />
                <BoardFigure
                  label={b().residentsTotal}
                  value={view().residents.total}
                  testId="residents-total"
                  details={[{ value: view().shops.total, text: b().shops, testId: 'shops-total' }]}
                />
                <BoardFigure label={b().onDuty} value={view().volunteers.onDutyNow} testId="on-duty" />
                <BoardFigure label={b().checkedInToday} value={view().volunteers.checkedInToday} testId="checked-in-today" />
                <BoardFigure
                  label={b().sessionsLabel}
                  value={view().sessions.outreach.count + view().sessions.training.count}
                  testId="sessions-total"
                  details={[{ value: view().sessions.outreach.attendance + view().sessions.training.attendance, text: b().attendance, testId: 'attendance-total' }]}
                />
              </section>
              <section class="board-panel board-panel--targets">
                <h2 class="board-panel__title">{b().targets}</h2>
                <BoardTargets targets={view().targets} services={live.state.services} b={b()} />
              </section>
              <section class="board-panel board-panel--rate">
                <h2 class="board-panel__title">{b().rate}</h2>
                <RateChart buckets={view().buckets} nowMinute={nowMinute} label={b().rate} />
                <h3 class="board-panel__subtitle">{b().byService}</h3>
                <ServiceTable view={view()} services={live.state.services} limit={LIMITS.services} />
              </section>
              <section class="board-panel board-panel--leaders">
                <Leaderboard title={b().leadersByTotal} units={view().children} by="total" limit={LIMITS.leaders} empty={b().noChildren} testId="leaders-total" />
                <Leaderboard title={b().leadersByProgress} units={view().children} by="progress" limit={LIMITS.leaders} empty={b().noChildTargets} testId="leaders-progress" />
              </section>
              <Ticker items={live.state.feed} services={live.state.services} timeZone={live.timeZone()} b={b()} limit={LIMITS.ticker} />
            </main>
          )}
        </Match>
        <Match when={live.status() === 'unreachable'}>
          <p class="board__notice" data-testid="api-unreachable">
            {t().unreachableTitle}. {t().board.retrying}
          </p>
        </Match>
        <Match when={live.problem()}>
          {(problem) => (
            <p class="board__notice" data-testid="api-error">
              {problem().code === 'forbidden' ? t().auth.errors.outOfScope : `${t().errorTitle}: ${problem().message}`}
            </p>
          )}
        </Match>
        <Match when={live.status() === 'no-campaign'}>
          <p class="board__notice" data-testid="no-campaign">
            {t().noCampaignTitle}
          </p>
        </Match>
        <Match when={live.status() === 'loading'}>
          <p class="board__notice" data-testid="loading">
            {t().loading}
          </p>
        </Match>
      </Switch>
      <Show when={milestone()} keyed>
        {(m) => <MilestoneBanner milestone={m} services={live.state.services} b={b()} />}
      </Show>
    </div>
  );
};
