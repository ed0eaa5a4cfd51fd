import type { Campaign } from '@xk/contract';
import { matchesSearch } from '@xk/domain';
import { type Component, createSignal, For, Show } from 'solid-js';
import { Field } from '../../components/field';
import { formatNumber } from '../../lib/format';
import { useLocale } from '../../lib/i18n';
import { setupMessages } from './i18n-setup';
import type { SetupData } from './setup-data';
import { ShiftsPanel } from './shifts-panel';
import { StationForm } from './station-form';
import { unitName } from './unit-tree';

/**
 * The campaign's stations beside the form: a new station is selected once made, so its shifts can
 * be added straight away; "Sửa" opens one for editing with its shifts.
 */
export const StationsSection: Component<{ campaign: Campaign; data: SetupData; onUnauthorized: () => void }> = (props) => {
  const locale = useLocale();
  const t = () => setupMessages(locale.lang());
  const [selectedId, setSelectedId] = createSignal<number | null>(null);
  const [isEditing, setEditing] = createSignal(false);
  const [query, setQuery] = createSignal('');
  const selected = () => props.data.stations().find((s) => s.id === selectedId());
  const shown = () => props.data.stations().filter((s) => matchesSearch(`${s.name} ${s.code} ${unitName(props.data.units(), s.unitId)}`, query()));
  let aside: HTMLDivElement | undefined;
  /** Opens a station beside the list; on a tablet the panel sits above the list: bring it into view. */
  const choose = (id: number, isEdit: boolean) => {
    setSelectedId(id);
    setEditing(isEdit);
    aside?.scrollIntoView({ block: 'nearest' });
  };

  return (
    <section class="setup-section setup-columns" data-testid="setup-stations">
      <div class="card setup-card">
        <h2 class="setup-card__title">{t().stationsTitle}</h2>
        <Show when={props.data.stations().length} fallback={<p class="report__empty">{t().noStations}</p>}>
          <Show when={props.data.stations().length > 8}>
            <Field id="station-search" type="search" label={t().search} placeholder={t().searchPlaceholder} value={query()} onValue={setQuery} />
          </Show>
          <div class="report-table__wrap">
            <table class="report-table setup-table" data-testid="stations-table">
              <thead>
                <tr>
                  <th>{t().stationName}</th>
                  <th>{t().unit}</th>
                  <th class="num">{t().perShift}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                <For each={shown()}>
                  {(s) => (
                    <tr classList={{ 'setup-row--selected': s.id === selectedId() }} data-testid={`station-${s.code}`}>
                      <td>
                        <strong>{s.name}</strong>
                        <span class="setup-code setup-block">
                          {s.code} · {t().stationKinds[s.kind]}
                        </span>
                      </td>
                      <td>{unitName(props.data.units(), s.unitId)}</td>
                      <td class="num">{formatNumber(s.peopleNeeded)}</td>
                      <td class="setup-row-actions">
                        <button type="button" class="button button--secondary setup-small" onClick={() => choose(s.id, false)}>
                          {t().shifts}
                        </button>
                        <button type="button" class="link-button setup-small" onClick={() => choose(s.id, true)}>
                          {t().edit}
                        </button>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </Show>
      </div>
      <div class="setup-section setup-aside" ref={aside}>
        <Show when={selected()} keyed>
          {(station) => (
            <>
              <Show when={isEditing()}>
                <StationForm
                  campaignId={props.campaign.id}
                  data={props.data}
                  station={station}
                  onSaved={() => setEditing(false)}
                  onCancel={() => setEditing(false)}
                  onUnauthorized={props.onUnauthorized}
                />
              </Show>
              <ShiftsPanel campaign={props.campaign} station={station} onUnauthorized={props.onUnauthorized} />
            </>
          )}
        </Show>
        <Show when={!isEditing()}>
          {/* Keyed by the last station made, so the form starts empty for the next one. */}
          <Show when={String(props.data.stations().length)} keyed>
            {(_made: string) => <StationForm campaignId={props.campaign.id} data={props.data} onSaved={(s) => (setSelectedId(s.id), setEditing(false))} onCancel={() => undefined} onUnauthorized={props.onUnauthorized} />}
          </Show>
        </Show>
      </div>
    </section>
  );
};
