import type { Service, UnitTotals } from '@xk/contract';
import { type Component, Match, Show, Switch } from 'solid-js';
import { CampaignPicker } from '../components/campaign-picker';
import { ChildUnits } from '../components/child-units';
import { Freshness } from '../components/freshness';
import { HeadlineStats } from '../components/headline-stats';
import { LangSwitch } from '../components/lang-switch';
import { Notice } from '../components/notice';
import { TargetList } from '../components/target-progress';
import { API_DOCS_URL } from '../lib/api';
import { readCampaignParam, writeCampaignParam } from '../lib/campaign-param';
import { createCampaignTotals } from '../lib/campaign-totals';
import { useLocale } from '../lib/i18n';

const Dashboard: Component<{ totals: UnitTotals; services: readonly Service[] }> = (props) => {
  const locale = useLocale();
  return (
    <>
      <HeadlineStats totals={props.totals} />
      <div class="panels">
        <section class="panel" aria-labelledby="targets-heading">
          <h2 id="targets-heading">{locale.t().targets}</h2>
          <TargetList targets={props.totals.targets} services={props.services} />
        </section>
        <section class="panel" aria-labelledby="units-heading">
          <h2 id="units-heading">{locale.t().units}</h2>
          <ChildUnits units={props.totals.children} />
        </section>
      </div>
    </>
  );
};

/** The placeholder home page: a campaign's live totals, until the phone, console and board screens land. */
export const ShellScreen: Component = () => {
  const locale = useLocale();
  const t = () => locale.t();
  const live = createCampaignTotals({ initialCampaignId: readCampaignParam() });
  const onSelect = (campaignId: number) => {
    live.select(campaignId);
    writeCampaignParam(campaignId);
  };
  const httpProblem = () => {
    const problem = live.state.problem;
    return live.status() === 'error' && problem?.kind === 'http' ? problem : undefined;
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
            <Freshness updatedAt={live.state.updatedAt} timeZone={live.timeZone()} isStale={live.isStale()} />
          </div>
        </Show>

        <Switch>
          <Match when={live.status() === 'ready' && live.state.totals}>
            {(totals) => <Dashboard totals={totals()} services={live.state.services} />}
          </Match>
          <Match when={live.status() === 'unreachable'}>
            <Notice tone="error" title={t().unreachableTitle} testId="api-unreachable">
              {t().unreachableBody}
            </Notice>
          </Match>
          <Match when={httpProblem()}>
            {(problem) => (
              <Notice tone="error" title={t().errorTitle} testId="api-error">
                {problem().message} ({problem().status})
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
