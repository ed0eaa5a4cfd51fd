import type { FeedItem, LiveView, Service } from '@xk/contract';
import { type Component, Match, Show, Switch } from 'solid-js';
import { ActivityFeed } from '../components/activity-feed';
import { CampaignPicker } from '../components/campaign-picker';
import { ChildUnits } from '../components/child-units';
import { Freshness } from '../components/freshness';
import { HeadlineStats } from '../components/headline-stats';
import { LangSwitch } from '../components/lang-switch';
import { Notice } from '../components/notice';
import { TargetList } from '../components/target-progress';
import { API_DOCS_URL } from '../lib/api';
import { readCampaignParam, writeCampaignParam } from '../lib/campaign-param';
import { useLocale } from '../lib/i18n';
import { createLiveTotals } from '../lib/live-totals';

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

/** The placeholder home page: a campaign's live totals, pushed as they change, until the phone, console and board screens land. */
export const ShellScreen: Component = () => {
  const locale = useLocale();
  const t = () => locale.t();
  const live = createLiveTotals({ initialCampaignId: readCampaignParam() });
  const onSelect = (campaignId: number) => {
    live.select(campaignId);
    writeCampaignParam(campaignId);
  };

  return (
    <div class="shell">
      <header class="shell__header">
        <div class="brand">
          <h1 class="brand__name">{t().appName}</h1>
          <p class="brand__tagline">{t().tagline}</p>
        </div>
        <LangSwitch />
      </header>

      <main class="shell__main">
        <Show when={live.state.campaigns?.length}>
          <div class="toolbar">
            <CampaignPicker campaigns={live.state.campaigns ?? []} selectedId={live.state.selectedId} onSelect={onSelect} />
            <Freshness updatedAt={live.state.updatedAt} timeZone={live.timeZone()} isReconnecting={live.isReconnecting()} />
          </div>
        </Show>

        <Switch>
          <Match when={live.status() === 'ready' && live.state.view}>
            {(view) => <Dashboard view={view()} feed={live.state.feed} services={live.state.services} timeZone={live.timeZone()} />}
          </Match>
          <Match when={live.status() === 'unreachable'}>
            <Notice tone="error" title={t().unreachableTitle} testId="api-unreachable">
              {t().unreachableBody}
            </Notice>
          </Match>
          <Match when={live.problem()}>
            {(problem) => (
              <Notice tone="error" title={t().errorTitle} testId="api-error">
                {problem().message} ({problem().detail})
              </Notice>
            )}
          </Match>
          <Match when={live.status() === 'no-campaign'}>
            <Notice tone="info" title={t().noCampaignTitle} testId="no-campaign">
              {t().noCampaignBody}
            </Notice>
          </Match>
          <Match when={live.status() === 'loading'}>
            <Notice tone="info" title={t().loading} testId="loading" />
          </Match>
        </Switch>
      </main>

      <footer class="shell__footer">
        <a href={API_DOCS_URL}>{t().apiDocs}</a>
      </footer>
    </div>
  );
};
