import './live-screens.css';
import type { Component } from 'solid-js';
import { createSignal, For, lazy, Match, Show, Switch } from 'solid-js';
import { AccountBar } from '../components/account-bar';
import { CampaignPicker } from '../components/campaign-picker';
import { Freshness } from '../components/freshness';
import { LangSwitch } from '../components/lang-switch';
import { LiveContent } from '../components/live-content';
import { API_DOCS_URL } from '../lib/api';
import { useAuth } from '../lib/auth';
import { readCampaignParam, writeCampaignParam } from '../lib/campaign-param';
import { useLocale } from '../lib/i18n';
import { createLiveTotals } from '../lib/live-totals';

// The console's and the office's tools come with their own chunks, when their tab is opened.
const OpsPanel = lazy(() => import('../console/ops-panel').then((m) => ({ default: m.OpsPanel })));
const SetupPanel = lazy(() => import('../console/setup/setup-panel').then((m) => ({ default: m.SetupPanel })));
const ReportPanel = lazy(() => import('../office/report-panel').then((m) => ({ default: m.ReportPanel })));
const ImportPanel = lazy(() => import('../office/import-panel').then((m) => ({ default: m.ImportPanel })));

const tabs = ['live', 'ops', 'setup', 'reports', 'import'] as const;
type Tab = (typeof tabs)[number];
/** The open tab lives in the URL (`?tab=reports`), so a report can be bookmarked and reloaded. */
const readTab = (): Tab => {
  const raw = new URLSearchParams(location.search).get('tab');
  return tabs.includes(raw as Tab) ? (raw as Tab) : 'live';
};
const writeTab = (tab: Tab) => {
  const url = new URL(location.href);
  if (tab === 'live') url.searchParams.delete('tab');
  else url.searchParams.set('tab', tab);
  history.replaceState(history.state, '', url);
};

/** The staff page: a campaign's live totals, pushed as they change; for coordinators, reports and spreadsheet import too. */
export const ShellScreen: Component = () => {
  const locale = useLocale();
  const auth = useAuth();
  const t = () => locale.t();
  const live = createLiveTotals({ initialCampaignId: readCampaignParam(), onUnauthorized: auth.sessionEnded });
  const onSelect = (campaignId: number) => {
    live.select(campaignId);
    writeCampaignParam(campaignId);
  };
  /** Operations, reports and import name people and change things: coordinators and above (the hub checks every unit again). */
  const isStaff = () => auth.me()?.grants.some((g) => g.role !== 'volunteer') ?? false;
  /** Setting a campaign up (campaigns, targets, stations, teams) is an organizer's. */
  const isOrganizer = () => auth.me()?.grants.some((g) => g.role === 'organizer' || g.role === 'admin') ?? false;
  const tabsShown = () => tabs.filter((name) => name !== 'setup' || isOrganizer());
  const [tab, setTab] = createSignal<Tab>(readTab());
  const shown = () => (isStaff() && tabsShown().includes(tab()) ? tab() : 'live');
  const open = (next: Tab) => {
    setTab(next);
    writeTab(next);
  };
  const selected = () => live.state.campaigns?.find((c) => c.id === live.state.selectedId);

  return (
    <div class="shell" classList={{ 'shell--dense': shown() === 'ops' || shown() === 'setup' }}>
      <header class="shell__header">
        <div class="brand">
          <h1 class="brand__name">{t().appName}</h1>
          <p class="brand__tagline">{t().tagline}</p>
        </div>
        <LangSwitch />
      </header>
      <AccountBar />

      <Show when={isStaff()}>
        <nav class="office-tabs" role="tablist" aria-label={t().appName}>
          <For each={tabsShown()}>
            {(name) => (
              <button type="button" role="tab" class="office-tabs__tab" aria-selected={shown() === name} data-testid={`tab-${name}`} onClick={() => open(name)}>
                {t().officeTabs[name]}
              </button>
            )}
          </For>
        </nav>
      </Show>

      <main class="shell__main">
        <Show when={live.state.campaigns?.length && shown() === 'live'}>
          <div class="toolbar">
            <CampaignPicker campaigns={live.state.campaigns ?? []} selectedId={live.state.selectedId} onSelect={onSelect} />
            <Freshness updatedAt={live.state.updatedAt} timeZone={live.timeZone()} isReconnecting={live.isReconnecting()} />
          </div>
        </Show>
        <Switch>
          <Match when={shown() === 'ops' && selected()} keyed>
            {(campaign) => <OpsPanel campaign={campaign} campaigns={live.state.campaigns ?? []} onSelectCampaign={onSelect} onUnauthorized={auth.sessionEnded} />}
          </Match>
          <Match when={shown() === 'setup'}>
            <SetupPanel
              campaigns={live.state.campaigns ?? []}
              campaignsLoaded={live.state.campaigns !== null}
              selectedId={live.state.selectedId}
              onSelectCampaign={onSelect}
              onCampaignsChanged={live.refresh}
              onUnauthorized={auth.sessionEnded}
            />
          </Match>
          <Match when={shown() === 'reports' && selected()} keyed>
            {(campaign) => <ReportPanel campaign={campaign} campaigns={live.state.campaigns ?? []} onSelectCampaign={onSelect} onUnauthorized={auth.sessionEnded} />}
          </Match>
          <Match when={shown() === 'import'}>
            <ImportPanel campaigns={live.state.campaigns ?? []} campaignId={live.state.selectedId} onUnauthorized={auth.sessionEnded} />
          </Match>
          <Match when={true}>
            <LiveContent live={live} />
          </Match>
        </Switch>
      </main>

      <footer class="shell__footer">
        <a href={API_DOCS_URL}>{t().apiDocs}</a>
      </footer>
    </div>
  );
};
