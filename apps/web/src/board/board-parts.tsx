// The hall screen's parts: headline figures, target bars, leaderboards, services, the activity
// ticker and milestone moments. Sized in rem, which the board sets from the screen's size, so 1080p
// and 4K show the same layout, read from across a room.
import type { FeedItem, LiveView, Service, TargetProgress } from '@xk/contract';
import { isTargetMet, shownProgress } from '@xk/domain';
import { type Component, createMemo, For, Index, Show } from 'solid-js';
import { feedWhat, feedWhere } from '../lib/feed-text';
import { formatClock, formatNumber, formatPercent } from '../lib/format';
import { serviceName, useLocale } from '../lib/i18n';
import { createCountUp } from './count-up';
import { fitRows } from './fit-rows';
import { fitText } from './fit-text';
import type { BoardMessages } from './i18n-board';
import { type ChildUnit, type Ranked, rankByProgress, rankByTotal } from './leaderboard';
import type { Milestone } from './milestones';
import { createPacedFeed } from './paced-feed';

/** A big figure that counts up; `data-value` holds the exact figure at once (the text follows). */
export const BoardFigure: Component<{
  label: string;
  value: number;
  testId: string;
  accent?: boolean;
  details?: ReadonlyArray<{ value: number; text: (n: string) => string; testId: string }>;
}> = (props) => {
  const shown = createCountUp(() => props.value);
  return (
    <div class="board-figure" classList={{ 'board-figure--accent': props.accent === true }}>
      <p class="board-figure__label">{props.label}</p>
      <p class="board-figure__value" ref={(el) => fitText(el, () => formatNumber(shown()).length)} data-testid={props.testId} data-value={props.value}>
        {formatNumber(shown())}
      </p>
      <Show when={(props.details ?? []).length > 0}>
        <p class="board-figure__detail">
          {/* By position: a new figure updates its line in place. */}
          <Index each={props.details ?? []}>
            {(d, i) => (
              <>
                {i > 0 ? ' · ' : ''}
                <DetailText text={d().text} value={d().value} testId={d().testId} />
              </>
            )}
          </Index>
        </p>
      </Show>
    </div>
  );
};

/** "1.234 cửa hàng": the number in its own element (tests read it), the words around it translated. */
const DetailText: Component<{ text: (n: string) => string; value: number; testId: string }> = (props) => {
  const MARK = '\u0000';
  const parts = () => props.text(MARK).split(MARK);
  return (
    <>
      {parts()[0]}
      <span data-testid={props.testId} data-value={props.value}>
        {formatNumber(props.value)}
      </span>
      {parts()[1] ?? ''}
    </>
  );
};

/** One target: the service (or kind) as its title, a bar, the figure and its share of the target. */
const BoardTarget: Component<{ target: TargetProgress; services: readonly Service[]; b: BoardMessages }> = (props) => {
  const locale = useLocale();
  const isShare = () => props.target.kind === 'adoption_share';
  const title = () =>
    props.target.serviceCode ? serviceName(props.services, props.target.serviceCode, locale.lang()) : locale.t().targetKinds[props.target.kind];
  const caption = () => (isShare() ? props.b.ofMembers : props.target.serviceCode ? locale.t().targetKinds[props.target.kind] : locale.t().allServices);
  const figure = (n: number) => (isShare() ? formatPercent(n) : formatNumber(n));
  const isMet = () => isTargetMet(props.target);
  const width = () => `${Math.min(100, Math.max(0, shownProgress(props.target) * 100))}%`;
  return (
    <li class="board-target" classList={{ 'board-target--met': isMet() }} data-testid="board-target" data-kind={props.target.kind} data-service={props.target.serviceCode}>
      <div class="board-target__head">
        <span class="board-target__title">{title()}</span>
        <span class="board-target__percent" data-testid="target-percent">
          {formatPercent(shownProgress(props.target))}
        </span>
      </div>
      <div class="board-bar" role="progressbar" aria-label={title()} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.floor(shownProgress(props.target) * 100)}>
        <div class="board-bar__fill" style={{ width: width() }} />
      </div>
      <div class="board-target__foot">
        <span class="board-target__caption">{caption()}</span>
        <span class="board-target__figure" data-testid="target-figure">
          {figure(props.target.actual)} / {figure(props.target.target)}
        </span>
      </div>
    </li>
  );
};

/** Counts of people first (what the day is about), then members' own use, then sessions. */
const KIND_ORDER: Record<TargetProgress['kind'], number> = { residents: 0, shops: 1, adoption_share: 2, sessions: 3, attendance: 4 };

/** The unit's targets, as many as fit the panel whole. */
export const BoardTargets: Component<{ targets: readonly TargetProgress[]; services: readonly Service[]; b: BoardMessages }> = (props) => {
  const ordered = () => [...props.targets].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
  return (
    <Show when={props.targets.length > 0} fallback={<p class="board-empty">{props.b.noTargets}</p>}>
      <ul class="board-targets" ref={(el) => fitRows(el)}>
        <For each={ordered()}>{(target) => <BoardTarget target={target} services={props.services} b={props.b} />}</For>
      </ul>
    </Show>
  );
};

/**
 * A leaderboard whose rows glide to their new places: every child unit has one row for the life of
 * the screen (keyed by unit), placed by its rank with a transform, so a change of places is a CSS
 * transition of the rows that moved, and no node is made or dropped as ranks change.
 */
export const Leaderboard: Component<{
  title: string;
  units: readonly ChildUnit[];
  by: 'total' | 'progress';
  limit: number;
  empty: string;
  testId: string;
}> = (props) => {
  const ranked = createMemo(() => (props.by === 'total' ? rankByTotal : rankByProgress)(props.units, props.limit));
  const placeOf = createMemo(() => new Map(ranked().map((r) => [r.unit.unitId, r] as const)));
  // A row per child unit, in a fixed order (by id): a unit out of the top keeps its node, hidden below the list.
  const rowIds = createMemo(() => props.units.map((u) => u.unitId).sort((a, b) => a - b), undefined, {
    equals: (a, b) => a.length === b.length && a.every((id, i) => id === b[i]),
  });
  const unitOf = (id: number) => props.units.find((u) => u.unitId === id);
  return (
    <section class="board-leaders" data-testid={props.testId} style={{ '--rows': String(props.limit) }}>
      <h2 class="board-panel__title">{props.title}</h2>
      <Show when={ranked().length > 0} fallback={<p class="board-empty">{props.empty}</p>}>
        <ol class="board-leaders__list">
          <For each={rowIds()}>
            {(id) => {
              const place = (): Ranked | undefined => placeOf().get(id);
              const unit = () => place()?.unit ?? unitOf(id);
              return (
                <li
                  class="board-leader"
                  classList={{ 'board-leader--out': place() === undefined }}
                  style={{ transform: `translateY(${(place()?.rank ?? props.limit) * 100}%)` }}
                  data-testid={place() ? 'leader' : undefined}
                  data-rank={place() ? place()!.rank + 1 : undefined}
                  data-unit={id}
                  aria-hidden={place() ? undefined : 'true'}
                >
                  <span class="board-leader__rank">{place() ? place()!.rank + 1 : ''}</span>
                  <span class="board-leader__name" title={unit()?.name}>
                    {unit()?.name}
                  </span>
                  <span class="board-leader__score" data-testid="leader-score">
                    {props.by === 'total' ? formatNumber(place()?.score ?? 0) : formatPercent(place()?.score ?? 0)}
                  </span>
                  <span class="board-leader__bar" aria-hidden="true">
                    <span style={{ transform: `scaleX(${place()?.share ?? 0})` }} />
                  </span>
                </li>
              );
            }}
          </For>
        </ol>
      </Show>
    </section>
  );
};

/** Every service of the catalogue with the residents (and shops) helped in the campaign, most first. */
export const ServiceTable: Component<{ view: LiveView; services: readonly Service[]; limit: number }> = (props) => {
  const locale = useLocale();
  const totalOf = (code: string) => (props.view.residents.byService[code] ?? 0) + (props.view.shops.byService[code] ?? 0);
  // Rows keyed by the service's code: a new figure updates its row, a new order moves rows, none is made anew.
  const codes = createMemo(
    () => {
      const all = props.services.filter((s) => s.isActive).map((s) => s.code);
      for (const code of Object.keys(props.view.residents.byService)) if (!all.includes(code)) all.push(code);
      const order = new Map(all.map((code, i) => [code, i]));
      return all.sort((a, b) => totalOf(b) - totalOf(a) || order.get(a)! - order.get(b)!).slice(0, props.limit);
    },
    undefined,
    { equals: (a, b) => a.length === b.length && a.every((code, i) => code === b[i]) },
  );
  return (
    <ul class="board-services" data-testid="board-services">
      <For each={codes()}>
        {(code) => (
          <li class="board-service" data-service={code}>
            <span class="board-service__name">{serviceName(props.services, code, locale.lang())}</span>
            <span class="board-service__total" data-testid="service-total">
              {formatNumber(totalOf(code))}
            </span>
          </li>
        )}
      </For>
    </ul>
  );
};

/** The newest lines of activity across the bottom, newest first; a new line slides in at the left. */
export const Ticker: Component<{ items: readonly FeedItem[]; services: readonly Service[]; timeZone: string; b: BoardMessages; limit: number }> = (props) => {
  const locale = useLocale();
  const shown = createPacedFeed(() => props.items, props.limit);
  return (
    <footer class="board-ticker" aria-live="off">
      <Show when={shown().length > 0} fallback={<p class="board-ticker__empty">{props.b.noFeed}</p>}>
        <ol class="board-ticker__list">
          <For each={shown()}>
            {(item) => {
              return (
                <li class="board-tick" classList={{ 'board-tick--count': item.kind === 'assistance' }} data-testid="tick" data-kind={item.kind} data-seq={item.seq}>
                  <span class="board-tick__time">{formatClock(new Date(item.at), props.timeZone)}</span>
                  <span class="board-tick__body">
                    <span class="board-tick__line">
                      <span class="board-tick__who">{item.person}</span> <span class="board-tick__what">{feedWhat(item, props.services, locale.lang(), locale.t().feedLine)}</span>
                    </span>
                    <span class="board-tick__where">{feedWhere(item)}</span>
                  </span>
                </li>
              );
            }}
          </For>
        </ol>
      </Show>
    </footer>
  );
};

/** A milestone, briefly, over the top of the board. */
export const MilestoneBanner: Component<{ milestone: Milestone; services: readonly Service[]; b: BoardMessages }> = (props) => {
  const locale = useLocale();
  const text = () => {
    const m = props.milestone;
    if (m.kind === 'residents') return props.b.milestoneResidents(formatNumber(m.value));
    const what = m.target.serviceCode ? serviceName(props.services, m.target.serviceCode, locale.lang()) : locale.t().targetKinds[m.target.kind];
    return props.b.milestoneTarget(what);
  };
  return (
    <div class="board-milestone" role="status" data-testid="milestone" data-key={props.milestone.key}>
      <p class="board-milestone__kicker">{props.b.milestoneKicker}</p>
      <p class="board-milestone__text">{text()}</p>
    </div>
  );
};
