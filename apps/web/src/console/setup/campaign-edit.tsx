import type { Campaign, Unit } from '@xk/contract';
import { fromZonedInput, toZonedInput } from '@xk/domain';
import { type Component, createSignal, Show } from 'solid-js';
import { Field } from '../../components/field';
import { useLocale } from '../../lib/i18n';
import { updateCampaign } from '../../lib/setup-api';
import { zoneChoices } from './campaign-create';
import { errorFor, type FormProblem, formError, formProblem } from './form-problem';
import { FormFoot } from './form-foot';
import { setupMessages } from './i18n-setup';
import { SelectField } from './select-field';
import { unitName } from './unit-tree';
import { ZonedTimeField } from './zoned-time-field';

const FIELDS = ['name', 'startsAt', 'endsAt', 'timezone'];

/** A campaign's name and window (its code and scope stay: counts and links are filed under them). */
export const CampaignEdit: Component<{ campaign: Campaign; units: readonly Unit[]; onSaved: () => Promise<void> | void; onUnauthorized: () => void }> = (props) => {
  const locale = useLocale();
  const t = () => setupMessages(locale.lang());
  const [name, setName] = createSignal(props.campaign.name);
  const [timeZone, setTimeZone] = createSignal(props.campaign.timezone);
  const [startsAt, setStartsAt] = createSignal(toZonedInput(props.campaign.startsAt, props.campaign.timezone));
  const [endsAt, setEndsAt] = createSignal(toZonedInput(props.campaign.endsAt, props.campaign.timezone));
  const [problem, setProblem] = createSignal<FormProblem | null>(null);
  const [state, setState] = createSignal<'idle' | 'busy' | 'saved'>('idle');
  const err = (field: string) => errorFor(problem(), field);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const start = fromZonedInput(startsAt(), timeZone());
    const end = fromZonedInput(endsAt(), timeZone());
    if (!start || !end) return setProblem({ field: start ? 'endsAt' : 'startsAt', text: t().errors.pickTime });
    setState('busy');
    setProblem(null);
    try {
      await updateCampaign(props.campaign.id, { name: name().trim(), startsAt: start.toISOString(), endsAt: end.toISOString(), timezone: timeZone() });
      await props.onSaved();
      setState('saved');
    } catch (e) {
      setState('idle');
      setProblem(formProblem(e, { setup: t(), auth: locale.t().auth }, FIELDS, props.onUnauthorized));
    }
  };

  return (
    <form class="card setup-card" onSubmit={(e) => void submit(e)} data-testid="campaign-edit" novalidate>
      <h2 class="setup-card__title">{t().editTitle}</h2>
      <dl class="setup-facts">
        <div>
          <dt>{t().code}</dt>
          <dd data-testid="campaign-code-shown">{props.campaign.code}</dd>
        </div>
        <div>
          <dt>{t().scopeIs}</dt>
          <dd>{unitName(props.units, props.campaign.scopeUnitId)}</dd>
        </div>
      </dl>
      <Field id="edit-campaign-name" label={t().campaignName} value={name()} onValue={(v) => (setName(v), setState('idle'))} error={err('name')} />
      <div class="setup-grid setup-grid--3">
        <ZonedTimeField id="edit-campaign-starts" label={t().startsAt} value={startsAt()} timeZone={timeZone()} onValue={(v) => (setStartsAt(v), setState('idle'))} error={err('startsAt')} />
        <ZonedTimeField id="edit-campaign-ends" label={t().endsAt} value={endsAt()} timeZone={timeZone()} onValue={(v) => (setEndsAt(v), setState('idle'))} error={err('endsAt')} />
        <SelectField
          id="edit-campaign-zone"
          label={t().timezone}
          value={timeZone()}
          onValue={(v) => (setTimeZone(v), setState('idle'))}
          options={[...new Set([props.campaign.timezone, ...zoneChoices()])].map((z) => ({ value: z, label: t().zoneNames[z] ?? z }))}
          error={err('timezone')}
        />
      </div>
      <FormFoot error={formError(problem())} submit={state() === 'busy' ? t().saving : t().save} isBusy={state() === 'busy'} testId="campaign-edit-submit">
        <Show when={state() === 'saved'}>
          <span class="setup-saved" role="status">
            {t().saved}
          </span>
        </Show>
      </FormFoot>
    </form>
  );
};
