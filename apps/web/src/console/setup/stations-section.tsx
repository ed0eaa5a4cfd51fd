import type { Campaign } from '@xk/contract';
import { type Component, createSignal, Show } from 'solid-js';
import { formatNumber } from '../../lib/format';
import { useLocale } from '../../lib/i18n';
import { setupMessages } from './i18n-setup';
import type { SetupData } from './setup-data';
import { SetupTable } from './setup-table';
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
  const selected = () => props.data.stations().find((s) => s.id === selectedId());
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
        <SetupTable
          items={props.data.stations()}
          empty={t().noStations}
          testId="stations-table"
          headers={[{ label: t().stationName }, { label: t().unit }, { label: t().perShift, isNumber: true }, { label: '' }]}
          search={{ id: 'station-search', label: t().search, placeholder: t().searchPlaceholder, text: (x) => `${x.name} ${x.code} ${unitName(props.data.units(), x.unitId)}` }}
        >
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
        </SetupTable>
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
