import type { FeedItem, LiveView, Service } from '@xk/contract';
import { type Component, Match, Switch } from 'solid-js';
import { useLocale } from '../lib/i18n';
import type { LiveTotals } from '../lib/live-totals';
import { ActivityFeed } from './activity-feed';
import { ChildUnits } from './child-units';
import { HeadlineStats } from './headline-stats';
import { Notice } from './notice';
import { TargetList } from './target-progress';

const Dashboard: Component<{ view: LiveView; feed: readonly FeedItem[]; services: readonly Service[]; timeZone: string }> = (
  props,
) => {
  const locale = useLocale();
  return (
    <>
      <HeadlineStats totals={props.view} />
      <div class="panels">
        <section class="panel panel--feed" aria-labelledby="feed-heading">
          <h2 id="feed-heading">{locale.t().feed}</h2>
          <ActivityFeed items={props.feed} services={props.services} timeZone={props.timeZone} />
        </section>
        <section class="panel panel--targets" aria-labelledby="targets-heading">
          <h2 id="targets-heading">{locale.t().targets}</h2>
          <TargetList targets={props.view.targets} services={props.services} />
        </section>
        <section class="panel panel--units" aria-labelledby="units-heading">
          <h2 id="units-heading">{locale.t().units}</h2>
          <ChildUnits units={props.view.children} />
        </section>
      </div>
    </>
  );
};

/** The followed live view once it is there; until then, or when it cannot be, why. */
export const LiveContent: Component<{ live: LiveTotals }> = (props) => {
  const locale = useLocale();
  const t = () => locale.t();
  const live = () => props.live;
  return (
    <Switch>
      <Match when={live().status() === 'ready' && live().state.view}>
        {(view) => <Dashboard view={view()} feed={live().state.feed} services={live().state.services} timeZone={live().timeZone()} />}
      </Match>
      <Match when={live().status() === 'unreachable'}>
        <Notice tone="error" title={t().unreachableTitle} testId="api-unreachable">
          {t().unreachableBody}
        </Notice>
      </Match>
      <Match when={live().problem()}>
        {(problem) => (
          <Notice tone="error" title={t().errorTitle} testId="api-error">
            {problem().code === 'forbidden' ? t().auth.errors.outOfScope : `${problem().message} (${problem().detail})`}
          </Notice>
        )}
      </Match>
      <Match when={live().status() === 'no-campaign'}>
        <Notice tone="info" title={t().noCampaignTitle} testId="no-campaign">
          {t().noCampaignBody}
        </Notice>
      </Match>
      <Match when={live().status() === 'loading'}>
        <Notice tone="info" title={t().loading} testId="loading" />
      </Match>
    </Switch>
  );
};
