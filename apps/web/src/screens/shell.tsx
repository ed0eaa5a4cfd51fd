import './live-screens.css';
import type { Component } from 'solid-js';
import { Show } from 'solid-js';
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

/** The placeholder home page: a campaign's live totals, pushed as they change, until the phone, console and board screens land. */
export const ShellScreen: Component = () => {
  const locale = useLocale();
  const auth = useAuth();
  const t = () => locale.t();
  const live = createLiveTotals({ initialCampaignId: readCampaignParam(), onUnauthorized: auth.sessionEnded });
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
      <AccountBar />

      <main class="shell__main">
        <Show when={live.state.campaigns?.length}>
          <div class="toolbar">
            <CampaignPicker campaigns={live.state.campaigns ?? []} selectedId={live.state.selectedId} onSelect={onSelect} />
            <Freshness updatedAt={live.state.updatedAt} timeZone={live.timeZone()} isReconnecting={live.isReconnecting()} />
          </div>
        </Show>
        <LiveContent live={live} />
      </main>

      <footer class="shell__footer">
        <a href={API_DOCS_URL}>{t().apiDocs}</a>
      </footer>
    </div>
  );
};
