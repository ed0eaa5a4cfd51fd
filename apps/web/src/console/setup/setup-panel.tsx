import type { Campaign } from '@xk/contract';
import type { Component } from 'solid-js';

export interface SetupPanelProps {
  campaigns: readonly Campaign[];
  selectedId: number | null;
  onSelectCampaign: (campaignId: number) => void;
  /** The campaign list changed here (created, renamed): the shell reads it again. */
  onCampaignsChanged: () => Promise<void> | void;
  onUnauthorized: () => void;
}

/** Setting a campaign up: to be built (campaigns, services, targets, stations, shifts, teams, invites, printing). */
export const SetupPanel: Component<SetupPanelProps> = () => <section data-testid="setup" />;
