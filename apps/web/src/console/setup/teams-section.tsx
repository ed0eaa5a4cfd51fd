import type { Team } from '@xk/contract';
import { type Component, createSignal, Show } from 'solid-js';
import { useLocale } from '../../lib/i18n';
import { setupMessages } from './i18n-setup';
import type { SetupData } from './setup-data';
import { SetupTable } from './setup-table';
import { TeamForm } from './team-form';
import { unitName } from './unit-tree';

/** The teams of the campaign's units (teams belong to units, and serve every campaign there), and a form to add or edit one. */
export const TeamsSection: Component<{ data: SetupData; onUnauthorized: () => void }> = (props) => {
  const locale = useLocale();
  const t = () => setupMessages(locale.lang());
  const [editing, setEditing] = createSignal<Team | null>(null);
  let aside: HTMLDivElement | undefined;
  return (
    <section class="setup-section setup-columns" data-testid="setup-teams">
      <div class="card setup-card">
        <h2 class="setup-card__title">{t().teamsTitle}</h2>
        <SetupTable
          items={props.data.teams()}
          empty={t().noTeams}
          testId="teams-table"
          headers={[{ label: t().teamName }, { label: t().unit }, { label: '' }]}
          search={{ id: 'team-search', label: t().search, placeholder: t().searchPlaceholder, text: (x) => `${x.name} ${x.code} ${unitName(props.data.units(), x.unitId)}` }}
        >
          {(team) => (
            <tr classList={{ 'setup-row--selected': team.id === editing()?.id }} data-testid={`team-${team.code}`}>
              <td>
                <strong>{team.name}</strong>
                <span class="setup-code setup-block">
                  {team.code} · {t().teamKinds[team.kind]}
                </span>
              </td>
              <td>{unitName(props.data.units(), team.unitId)}</td>
              <td class="setup-row-actions">
                <button type="button" class="link-button setup-small" onClick={() => (setEditing(team), aside?.scrollIntoView({ block: 'nearest' }))}>
                  {t().edit}
                </button>
              </td>
            </tr>
          )}
        </SetupTable>
      </div>
      {/* Keyed: a new form for each team edited, and a fresh one after each save. */}
      <div class="setup-section setup-aside" ref={aside}>
        <Show when={`${editing()?.id ?? 'new'}:${props.data.teams().length}`} keyed>
          {(_key: string) => <TeamForm data={props.data} team={editing()} onDone={() => setEditing(null)} onUnauthorized={props.onUnauthorized} />}
        </Show>
      </div>
    </section>
  );
};
