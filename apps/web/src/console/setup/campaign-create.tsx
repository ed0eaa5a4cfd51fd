import type { Campaign, Unit } from '@xk/contract';
import { defaultServiceCatalogue, fromZonedInput, toZonedInput } from '@xk/domain';
import { type Component, createEffect, createMemo, createResource, createSignal, For, on, Show } from 'solid-js';
import { Field } from '../../components/field';
import { useAuth } from '../../lib/auth';
import { DEFAULT_TIME_ZONE } from '../../lib/format';
import { useLocale } from '../../lib/i18n';
import { listUnits } from '../../lib/office-api';
import { createCampaign } from '../../lib/setup-api';
import { errorFor, type FormProblem, formError, formProblem } from './form-problem';
import { FormFoot } from './form-foot';
import { setupMessages } from './i18n-setup';
import { SelectField } from './select-field';
import { suggestCode } from './suggest-code';
import { organizedUnits, unitOptions } from './unit-tree';
import { ZonedTimeField } from './zoned-time-field';

const FIELDS = ['name', 'code', 'startsAt', 'endsAt', 'timezone', 'scopeUnitId', 'services'];

/** Vietnam's zone first; the browser's own and UTC for a campaign run from elsewhere. */
export function zoneChoices(): string[] {
  const own = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return [...new Set([DEFAULT_TIME_ZONE, own, 'UTC'].filter(Boolean))];
}

/** Tomorrow at `hour`:00 on the zone's wall clock: the set-up is done the day before a launch. */
const tomorrowAt = (hour: string, timeZone: string) => `${toZonedInput(new Date(Date.now() + 86_400_000), timeZone).slice(0, 10)}T${hour}:00`;

/**
 * A new campaign: name (the code is offered from it), its window on its own zone's clock, the
 * organizing unit (one the person organizes) and the services of the default catalogue it counts,
 * all ticked to start with.
 */
export const CampaignCreate: Component<{ onCreated: (campaign: Campaign) => Promise<void> | void; onCancel?: (() => void) | undefined; onUnauthorized: () => void }> = (props) => {
  const locale = useLocale();
  const auth = useAuth();
  const t = () => setupMessages(locale.lang());
  const [units] = createResource(() => listUnits().catch(() => [] as Unit[]));
  const choices = createMemo(() => organizedUnits(units() ?? [], auth.me()));
  const [name, setName] = createSignal('');
  const [code, setCode] = createSignal('');
  const [isCodeEdited, setCodeEdited] = createSignal(false);
  const [timeZone, setTimeZone] = createSignal(DEFAULT_TIME_ZONE);
  const [startsAt, setStartsAt] = createSignal(tomorrowAt('07', DEFAULT_TIME_ZONE));
  const [endsAt, setEndsAt] = createSignal(tomorrowAt('17', DEFAULT_TIME_ZONE));
  const [scopeUnitId, setScopeUnitId] = createSignal<number | null>(null);
  const [picked, setPicked] = createSignal<ReadonlySet<string>>(new Set(defaultServiceCatalogue.map((s) => s.code)));
  const [problem, setProblem] = createSignal<FormProblem | null>(null);
  const [isBusy, setBusy] = createSignal(false);
  // The top unit the person organizes, once the units have come.
  createEffect(on(choices, (list) => scopeUnitId() === null && list[0] && setScopeUnitId(list[0].id)));

  const onName = (value: string) => {
    setName(value);
    if (!isCodeEdited()) setCode(suggestCode(value));
  };
  const toggle = (serviceCode: string, isOn: boolean) =>
    setPicked((set) => {
      const next = new Set(set);
      if (isOn) next.add(serviceCode);
      else next.delete(serviceCode);
      return next;
    });
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const start = fromZonedInput(startsAt(), timeZone());
    const end = fromZonedInput(endsAt(), timeZone());
    if (!start || !end) return setProblem({ field: start ? 'endsAt' : 'startsAt', text: t().errors.pickTime });
    if (scopeUnitId() === null) return setProblem({ field: null, text: t().noOrganizerUnits });
    setBusy(true);
    setProblem(null);
    try {
      const campaign = await createCampaign({
        code: code().trim(),
        name: name().trim(),
        startsAt: start.toISOString(),
        endsAt: end.toISOString(),
        timezone: timeZone(),
        scopeUnitId: scopeUnitId()!,
        // In the catalogue's order, whatever order they were ticked in.
        services: defaultServiceCatalogue.filter((s) => picked().has(s.code)).map((s) => s.code),
      });
      await props.onCreated(campaign);
    } catch (err) {
      setProblem(formProblem(err, { setup: t(), auth: locale.t().auth }, FIELDS, props.onUnauthorized));
    } finally {
      setBusy(false);
    }
  };
  const err = (field: string) => errorFor(problem(), field);

  return (
    <form class="card setup-card" onSubmit={(e) => void submit(e)} data-testid="campaign-create" novalidate>
      <h2 class="setup-card__title">{t().createTitle}</h2>
      <div class="setup-grid">
        <Field id="campaign-name" label={t().campaignName} value={name()} onValue={onName} placeholder={t().campaignNamePlaceholder} error={err('name')} />
        <Field id="campaign-code" label={t().code} value={code()} onValue={(v) => (setCode(v), setCodeEdited(true))} hint={t().codeHint} error={err('code')} autocapitalize="characters" spellcheck={false} />
      </div>
      <div class="setup-grid setup-grid--3">
        <ZonedTimeField id="campaign-starts" label={t().startsAt} value={startsAt()} timeZone={timeZone()} onValue={setStartsAt} error={err('startsAt')} />
        <ZonedTimeField id="campaign-ends" label={t().endsAt} value={endsAt()} timeZone={timeZone()} onValue={setEndsAt} error={err('endsAt')} />
        <SelectField id="campaign-zone" label={t().timezone} value={timeZone()} onValue={setTimeZone} options={zoneChoices().map((z) => ({ value: z, label: t().zoneNames[z] ?? z }))} error={err('timezone')} />
      </div>
      <Show when={choices().length > 0 || units.loading} fallback={<p class="form-message form-message--error">{t().noOrganizerUnits}</p>}>
        <SelectField id="campaign-scope" label={t().scopeUnit} value={String(scopeUnitId() ?? '')} onValue={(v) => setScopeUnitId(Number(v))} options={unitOptions(choices())} hint={t().scopeHint} error={err('scopeUnitId')} />
      </Show>
      <fieldset class="setup-checks" data-testid="campaign-services">
        <legend class="field__label">{t().servicesPicked(picked().size, defaultServiceCatalogue.length)}</legend>
        <div class="setup-checks__actions">
          <button type="button" class="link-button" onClick={() => setPicked(new Set(defaultServiceCatalogue.map((s) => s.code)))}>
            {t().selectAll}
          </button>
          <button type="button" class="link-button" onClick={() => setPicked(new Set<string>())}>
            {t().selectNone}
          </button>
        </div>
        <div class="setup-checks__grid">
          <For each={defaultServiceCatalogue}>
            {(s) => (
              <label class="setup-check">
                <input type="checkbox" value={s.code} checked={picked().has(s.code)} onChange={(e) => toggle(s.code, e.currentTarget.checked)} />
                <span>{locale.lang() === 'en' ? s.nameEn : s.nameVi}</span>
              </label>
            )}
          </For>
        </div>
        <Show when={err('services')}>
          <p class="field__error">{err('services')}</p>
        </Show>
      </fieldset>
      <FormFoot error={formError(problem())} submit={isBusy() ? t().creating : t().create} isBusy={isBusy()} testId="campaign-create-submit" errorTestId="campaign-create-error">
        <Show when={props.onCancel}>
          <button type="button" class="button button--secondary" onClick={() => props.onCancel?.()}>
            {t().cancel}
          </button>
        </Show>
      </FormFoot>
    </form>
  );
};
