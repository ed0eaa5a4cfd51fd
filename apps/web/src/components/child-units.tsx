import type { LiveView } from '@xk/contract';
import { type Component, createMemo, For, Show } from 'solid-js';
import { formatNumber } from '../lib/format';
import { useLocale } from '../lib/i18n';

type ChildUnit = LiveView['children'][number];

/** The units one level down, leaders first, each with a bar relative to the leader. */
export const ChildUnits: Component<{ units: readonly ChildUnit[] }> = (props) => {
  const locale = useLocale();
  const t = () => locale.t();
  const ranked = createMemo(() =>
    [...props.units].sort((a, b) => b.residents - a.residents || a.name.localeCompare(b.name, 'vi')),
  );
  const maxResidents = () => Math.max(1, ...props.units.map((u) => u.residents));

  return (
    <Show when={props.units.length > 0} fallback={<p class="empty">{t().noUnits}</p>}>
      <table class="units">
        <thead>
          <tr>
            <th scope="col">{t().unit}</th>
            <th scope="col" class="num">{t().unitResidents}</th>
            <th scope="col" class="num">{t().unitShops}</th>
          </tr>
        </thead>
        <tbody>
          <For each={ranked()}>
            {(unit) => (
              <tr data-testid="unit-row" data-unit-code={unit.code}>
                <th scope="row" class="units__name">
                  <span>{unit.name}</span>
                  <span class="units__bar" aria-hidden="true">
                    <span style={{ width: `${(unit.residents / maxResidents()) * 100}%` }} />
                  </span>
                </th>
                <td class="num">{formatNumber(unit.residents)}</td>
                <td class="num">{formatNumber(unit.shops)}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </Show>
  );
};
