import type { Campaign } from '@xk/contract';
import { type Component, For } from 'solid-js';
import { useLocale } from '../lib/i18n';

export const CampaignPicker: Component<{
  campaigns: readonly Campaign[];
  selectedId: number | null;
  onSelect: (campaignId: number) => void;
}> = (props) => {
  const locale = useLocale();
  return (
    <label class="campaign-picker">
      <span class="campaign-picker__label">{locale.t().campaign}</span>
      <select data-testid="campaign-picker" onChange={(event) => props.onSelect(Number(event.currentTarget.value))}>
        <For each={props.campaigns}>
          {(campaign) => (
            // `selected` per option: a `value` on <select> can be applied before <For> has made the options.
            <option value={campaign.id} selected={campaign.id === props.selectedId}>
              {campaign.name}
            </option>
          )}
        </For>
      </select>
    </label>
  );
};
