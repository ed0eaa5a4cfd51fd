import type { Campaign } from '@xk/contract';
import type { Component } from 'solid-js';

export interface OpsPanelProps {
  campaign: Campaign;
  campaigns: readonly Campaign[];
  onSelectCampaign: (campaignId: number) => void;
  onUnauthorized: () => void;
}

/** The coordinator's live operations: to be built (roster, moves, messages, corrections). */
export const OpsPanel: Component<OpsPanelProps> = () => <section data-testid="ops" />;
