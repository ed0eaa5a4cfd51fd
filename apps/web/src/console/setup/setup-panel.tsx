// The tables, empty-list lines and link boxes are the office tabs' (report-table, report__empty, import__link).
import '../../office/office.css';
import './setup.css';
import type { Campaign } from '@xk/contract';
import type { Component } from 'solid-js';
import { createSignal, For, Match, Show, Switch } from 'solid-js';
import { CampaignPicker } from '../../components/campaign-picker';
import { Notice } from '../../components/notice';
import { useLocale } from '../../lib/i18n';
import { CampaignCreate } from './campaign-create';
import { CampaignEdit } from './campaign-edit';
import { type SetupStep, setupMessages, setupSteps } from './i18n-setup';
import { InvitesSection } from './invites-section';
import { ServicesSection } from './services-section';
import { createSetupData } from './setup-data';
import { StationsSection } from './stations-section';
import { TargetsSection } from './targets-section';
import { TeamsSection } from './teams-section';

export interface SetupPanelProps {
  campaigns: readonly Campaign[];
  selectedId: number | null;
  onSelectCampaign: (campaignId: number) => void;
  /** The campaign list changed here (created, renamed): the shell reads it again. */
  onCampaignsChanged: () => Promise<void> | void;
  onUnauthorized: () => void;
  /** False while the shell is still reading the campaign list (an empty list then means "not yet", not "none"). */
  campaignsLoaded?: boolean;
}

/** The step open lives in the URL (`?tab=setup&step=targets`), so a reload comes back to it. */
const readStep = (): SetupStep => {
  const raw = new URLSearchParams(location.search).get('step');
  return setupSteps.includes(raw as SetupStep) ? (raw as SetupStep) : 'campaign';
};
const writeStep = (step: SetupStep) => {
  const url = new URL(location.href);
  if (step === 'campaign') url.searchParams.delete('step');
  else url.searchParams.set('step', step);
  history.replaceState(history.state, '', url);
};

/**
 * Setting a campaign up, in the order a secretary does it the day before: the campaign (pick or
 * create), its services, targets (split down the tree), stations and shifts, teams, then invites and
 * the printed QR sheet.
 */
export const SetupPanel: Component<SetupPanelProps> = (props) => {
  const locale = useLocale();
  const t = () => setupMessages(locale.lang());
  const [isCreating, setCreating] = createSignal(false);
  const [step, setStep] = createSignal<SetupStep>(readStep());
  const selected = () => props.campaigns.find((c) => c.id === props.selectedId);
  const open = (next: SetupStep) => {
    setStep(next);
    writeStep(next);
  };
  const created = async (campaign: Campaign) => {
    await props.onCampaignsChanged();
    props.onSelectCampaign(campaign.id);
    setCreating(false);
    open('services');
  };

  return (
    <section class="setup" aria-labelledby="setup-heading" data-testid="setup">
      <h2 id="setup-heading" class="visually-hidden">
        {t().title}
      </h2>
      <div class="toolbar setup__toolbar">
        <Show when={props.campaigns.length && !isCreating()}>
          <CampaignPicker campaigns={props.campaigns} selectedId={props.selectedId} onSelect={props.onSelectCampaign} />
        </Show>
        <Show when={!isCreating() && props.campaigns.length > 0}>
          <button type="button" class="button button--secondary" data-testid="new-campaign" onClick={() => setCreating(true)}>
            {t().newCampaign}
          </button>
        </Show>
      </div>
      <Switch>
        <Match when={props.campaignsLoaded === false}>
          <Notice tone="info" title={t().loading} />
        </Match>
        <Match when={isCreating() || props.campaigns.length === 0}>
          <Show when={props.campaigns.length === 0}>
            <p class="setup-intro">{t().noCampaigns}</p>
          </Show>
          <CampaignCreate onCreated={created} onCancel={props.campaigns.length ? () => setCreating(false) : undefined} onUnauthorized={props.onUnauthorized} />
        </Match>
        <Match when={selected()} keyed>
          {(campaign) => <CampaignSetup campaign={campaign} step={step()} onStep={open} onCampaignsChanged={props.onCampaignsChanged} onUnauthorized={props.onUnauthorized} />}
        </Match>
      </Switch>
    </section>
  );
};

/** One campaign's set-up: the steps as tabs, and the open one. Its data is read once and shared by the steps. */
const CampaignSetup: Component<{ campaign: Campaign; step: SetupStep; onStep: (step: SetupStep) => void; onCampaignsChanged: () => Promise<void> | void; onUnauthorized: () => void }> = (props) => {
  const locale = useLocale();
  const t = () => setupMessages(locale.lang());
  const data = createSetupData(() => props.campaign, props.onUnauthorized);
  return (
    <>
      <nav class="office-tabs setup-steps" aria-label={t().title}>
        <For each={setupSteps}>
          {(name, i) => (
            <button type="button" class="office-tabs__tab setup-steps__step" aria-current={props.step === name ? 'step' : undefined} data-testid={`step-${name}`} onClick={() => props.onStep(name)}>
              <span class="setup-steps__n">{i() + 1}</span>
              {t().steps[name]}
            </button>
          )}
        </For>
      </nav>
      <Switch>
        <Match when={props.step === 'campaign'}>
          <CampaignEdit campaign={props.campaign} units={data.units()} onSaved={props.onCampaignsChanged} onUnauthorized={props.onUnauthorized} />
        </Match>
        <Match when={props.step === 'services'}>
          <ServicesSection campaignId={props.campaign.id} data={data} onUnauthorized={props.onUnauthorized} />
        </Match>
        <Match when={props.step === 'targets'}>
          <TargetsSection campaignId={props.campaign.id} data={data} onUnauthorized={props.onUnauthorized} />
        </Match>
        <Match when={props.step === 'stations'}>
          <StationsSection campaign={props.campaign} data={data} onUnauthorized={props.onUnauthorized} />
        </Match>
        <Match when={props.step === 'teams'}>
          <TeamsSection data={data} onUnauthorized={props.onUnauthorized} />
        </Match>
        <Match when={props.step === 'invites'}>
          <InvitesSection campaign={props.campaign} data={data} onUnauthorized={props.onUnauthorized} />
        </Match>
      </Switch>
    </>
  );
};
