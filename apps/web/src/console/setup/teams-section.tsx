import type { Team } from '@xk/contract';
import { matchesSearch } from '@xk/domain';
import { type Component, createSignal, For, Show } from 'solid-js';
import { Field } from '../../components/field';
import { useLocale } from '../../lib/i18n';
import { createTeam, updateTeam } from '../../lib/setup-api';
import { errorFor, type FormProblem, formError, formProblem } from './form-problem';
import { setupMessages, type TeamKind } from './i18n-setup';
import { SelectField } from './select-field';
import type { SetupData } from './setup-data';
import { suggestCode } from './suggest-code';
import { unitName, unitOptions } from './unit-tree';

/** The teams of the campaign's units (teams belong to units, and serve every campaign there), and a form to add or edit one. */
export const TeamsSection: Component<{ data: SetupData; onUnauthorized: () => void }> = (props) => {
  const locale = useLocale();
  const t = () => setupMessages(locale.lang());
  const [editing, setEditing] = createSignal<Team | null>(null);
  const [query, setQuery] = createSignal('');
  const shown = () => props.data.teams().filter((x) => matchesSearch(`${x.name} ${x.code} ${unitName(props.data.units(), x.unitId)}`, query()));
  let aside: HTMLDivElement | undefined;
  return (
    <section class="setup-section setup-columns" data-testid="setup-teams">
      <div class="card setup-card">
        <h2 class="setup-card__title">{t().teamsTitle}</h2>
        <Show when={props.data.teams().length} fallback={<p class="report__empty">{t().noTeams}</p>}>
          <Show when={props.data.teams().length > 8}>
            <Field id="team-search" type="search" label={t().search} placeholder={t().searchPlaceholder} value={query()} onValue={setQuery} />
          </Show>
          <div class="report-table__wrap">
            <table class="report-table setup-table" data-testid="teams-table">
              <thead>
                <tr>
                  <th>{t().teamName}</th>
                  <th>{t().unit}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                <For each={shown()}>
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
                </For>
              </tbody>
            </table>
          </div>
        </Show>
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

const TeamForm: Component<{ data: SetupData; team: Team | null; onDone: () => void; onUnauthorized: () => void }> = (props) => {
  const locale = useLocale();
  const t = () => setupMessages(locale.lang());
  const team = props.team;
  const [name, setName] = createSignal(team?.name ?? '');
  const [code, setCode] = createSignal(team?.code ?? '');
  const [isCodeEdited, setCodeEdited] = createSignal(false);
  const [kind, setKind] = createSignal<TeamKind>(team?.kind ?? 'community_digital');
  const [unitId, setUnitId] = createSignal<number | null>(team?.unitId ?? null);
  const [problem, setProblem] = createSignal<FormProblem | null>(null);
  const unit = () => unitId() ?? props.data.scopeUnits()[0]?.id ?? null;
  const err = (field: string) => errorFor(problem(), field);
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (unit() === null) return setProblem({ field: null, text: t().errors.outside });
    setProblem(null);
    try {
      const fields = { name: name().trim(), kind: kind(), unitId: unit()! };
      if (team) await updateTeam(team.id, fields);
      else await createTeam({ ...fields, code: code().trim() });
      props.data.refetch.teams();
      props.onDone();
    } catch (e) {
      setProblem(formProblem(e, { setup: t(), auth: locale.t().auth }, ['name', 'code', 'kind', 'unitId'], props.onUnauthorized));
    }
  };
  return (
    <form class="card setup-card" onSubmit={(e) => void submit(e)} novalidate data-testid="team-form">
      <h3 class="setup-subtitle">{team ? t().editTeam(team.name) : t().addTeam}</h3>
      <Field id="team-name" label={t().teamName} value={name()} placeholder={t().teamNamePlaceholder} onValue={(v) => (setName(v), team || isCodeEdited() || setCode(suggestCode(v)))} error={err('name')} />
      <div class="setup-grid setup-grid--code">
        <Field id="team-code" label={t().code} value={code()} disabled={Boolean(team)} spellcheck={false} onValue={(v) => (setCode(v), setCodeEdited(true))} error={err('code')} />
        <SelectField id="team-kind" label={t().teamKind} value={kind()} onValue={(v) => setKind(v as TeamKind)} options={(Object.keys(t().teamKinds) as TeamKind[]).map((k) => ({ value: k, label: t().teamKinds[k] }))} error={err('kind')} />
      </div>
      <SelectField id="team-unit" label={t().unit} value={String(unit() ?? '')} onValue={(v) => setUnitId(Number(v))} options={unitOptions(props.data.scopeUnits())} error={err('unitId')} />
      <Show when={formError(problem())}>
        <p class="form-message form-message--error" role="alert">
          {formError(problem())}
        </p>
      </Show>
      <div class="setup-actions">
        <button type="submit" class="button button--primary" data-testid="team-submit">
          {team ? t().save : t().addTeam}
        </button>
        <Show when={team}>
          <button type="button" class="button button--secondary" onClick={() => props.onDone()}>
            {t().cancel}
          </button>
        </Show>
      </div>
    </form>
  );
};
