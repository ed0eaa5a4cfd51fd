import type { Target, Unit } from '@xk/contract';
import { type Component, For } from 'solid-js';
import { formatNumber } from '../../lib/format';
import { useLocale } from '../../lib/i18n';
import { setupMessages } from './i18n-setup';
import { targetValueText } from './target-text';
import { subtreeMembers, unitName } from './unit-tree';

/** What a split gave each child unit, as the hub answered it. */
export interface SplitOutcome {
  label: string;
  by: 'members' | 'equal';
  targets: Target[];
}

/** The children's new targets, with the members each was weighed by, right under the table. */
export const SplitResult: Component<{ outcome: SplitOutcome; units: readonly Unit[] }> = (props) => {
  const locale = useLocale();
  const t = () => setupMessages(locale.lang());
  return (
    <div class="setup-split-result" role="status" data-testid="split-result">
      <p class="setup-split-result__title">
        {t().splitDone(props.outcome.label, props.outcome.targets.length)} <span class="setup-muted">({t().splitBy[props.outcome.by]})</span>
      </p>
      <table class="report-table">
        <thead>
          <tr>
            <th>{t().unit}</th>
            <th class="num">{t().members}</th>
            <th class="num">{t().target}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.outcome.targets}>
            {(x) => (
              <tr data-unit-id={x.unitId}>
                <td>{unitName(props.units, x.unitId)}</td>
                <td class="num">{formatNumber(subtreeMembers(props.units, x.unitId))}</td>
                <td class="num setup-figure">{targetValueText(x)}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
};
