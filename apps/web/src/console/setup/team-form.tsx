import type { Team } from '@xk/contract';
import { type Component, createSignal, Show } from 'solid-js';
import { Field } from '../../components/field';
import { useLocale } from '../../lib/i18n';
import { createTeam, updateTeam } from '../../lib/setup-api';
import { errorFor, type FormProblem, formError, formProblem } from './form-problem';
import { FormFoot } from './form-foot';
import { setupMessages, type TeamKind } from './i18n-setup';
import { SelectField } from './select-field';
import type { SetupData } from './setup-data';
import { suggestCode } from './suggest-code';
import { unitOptions } from './unit-tree';

/** A team, new or edited: name (the code is offered from it, and fixed once made), kind, unit. */
export const TeamForm: Component<{ data: SetupData; team: Team | null; onDone: () => void; onUnauthorized: () => void }> = (props) => {
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
      <FormFoot error={formError(problem())} submit={team ? t().save : t().addTeam} testId="team-submit">
        <Show when={team}>
          <button type="button" class="button button--secondary" onClick={() => props.onDone()}>
            {t().cancel}
          </button>
        </Show>
      </FormFoot>
    </form>
  );
};
