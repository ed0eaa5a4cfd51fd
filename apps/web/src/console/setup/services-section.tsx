import type { Service } from '@xk/contract';
import { defaultServiceCatalogue } from '@xk/domain';
import { type Component, createSignal, For, Show } from 'solid-js';
import { Field } from '../../components/field';
import { useLocale } from '../../lib/i18n';
import { putService } from '../../lib/setup-api';
import { errorFor, type FormProblem, formError, formProblem } from './form-problem';
import { setupMessages } from './i18n-setup';
import type { SetupData } from './setup-data';
import { suggestServiceCode } from './suggest-code';

interface SectionProps {
  campaignId: number;
  data: SetupData;
  onUnauthorized: () => void;
}

/**
 * The campaign's catalogue: each service turned on or off and renamed in both languages; services of
 * the default catalogue the campaign left out, added back in one tap; a service of the locality's own.
 */
export const ServicesSection: Component<SectionProps> = (props) => {
  const locale = useLocale();
  const t = () => setupMessages(locale.lang());
  const missing = () => defaultServiceCatalogue.filter((d) => !props.data.services().some((s) => s.code === d.code));
  const [problem, setProblem] = createSignal<FormProblem | null>(null);
  const save = async (code: string, input: { nameVi: string; nameEn: string; isActive?: boolean; sortOrder?: number }) => {
    setProblem(null);
    try {
      await putService(props.campaignId, code, input);
      props.data.refetch.services();
      return true;
    } catch (err) {
      setProblem(formProblem(err, { setup: t(), auth: locale.t().auth }, [], props.onUnauthorized));
      return false;
    }
  };

  return (
    <section class="setup-section" data-testid="setup-services">
      <div class="card setup-card">
        <h2 class="setup-card__title">{t().servicesTitle}</h2>
        <p class="setup-intro">{t().servicesIntro}</p>
        <div class="report-table__wrap">
          <table class="report-table setup-table" data-testid="services-table">
            <thead>
              <tr>
                <th class="setup-col-check">{t().inUse}</th>
                <th class="setup-col-wide">{t().nameVi}</th>
                <th>{t().nameEn}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              <For each={props.data.services()}>{(s) => <ServiceRow service={s} onSave={save} />}</For>
            </tbody>
          </table>
        </div>
        <Show when={formError(problem())}>
          <p class="form-message form-message--error" role="alert">
            {formError(problem())}
          </p>
        </Show>
        <Show when={missing().length}>
          <h3 class="setup-subtitle">{t().fromDefault}</h3>
          <div class="setup-chips">
            <For each={missing()}>
              {(d) => (
                <button type="button" class="button button--secondary setup-chip" onClick={() => void save(d.code, { nameVi: d.nameVi, nameEn: d.nameEn, sortOrder: d.sortOrder, isActive: true })}>
                  + {locale.lang() === 'en' ? d.nameEn : d.nameVi}
                </button>
              )}
            </For>
          </div>
        </Show>
      </div>
      <CustomService campaignId={props.campaignId} data={props.data} onUnauthorized={props.onUnauthorized} />
    </section>
  );
};

/** One service: on/off saves at once; renaming saves with its button. */
const ServiceRow: Component<{ service: Service; onSave: (code: string, input: { nameVi: string; nameEn: string; isActive?: boolean }) => Promise<boolean> }> = (props) => {
  const locale = useLocale();
  const t = () => setupMessages(locale.lang());
  const [nameVi, setNameVi] = createSignal(props.service.nameVi);
  const [nameEn, setNameEn] = createSignal(props.service.nameEn);
  const isEdited = () => nameVi() !== props.service.nameVi || nameEn() !== props.service.nameEn;
  return (
    <tr classList={{ 'setup-row--off': !props.service.isActive }} data-testid={`service-${props.service.code}`}>
      <td>
        <input
          type="checkbox"
          class="setup-toggle"
          aria-label={`${t().inUse}: ${props.service.nameVi}`}
          checked={props.service.isActive}
          onChange={(e) => void props.onSave(props.service.code, { nameVi: props.service.nameVi, nameEn: props.service.nameEn, isActive: e.currentTarget.checked })}
        />
      </td>
      <td>
        <input class="setup-cell-input" aria-label={t().nameVi} value={nameVi()} onInput={(e) => setNameVi(e.currentTarget.value)} />
        <span class="setup-code setup-block">{props.service.code}</span>
      </td>
      <td>
        <input class="setup-cell-input" aria-label={t().nameEn} value={nameEn()} onInput={(e) => setNameEn(e.currentTarget.value)} />
      </td>
      <td>
        <Show when={isEdited()}>
          <button type="button" class="button button--primary setup-small" onClick={() => void props.onSave(props.service.code, { nameVi: nameVi().trim(), nameEn: nameEn().trim(), isActive: props.service.isActive })}>
            {t().save}
          </button>
        </Show>
      </td>
    </tr>
  );
};

const CustomService: Component<SectionProps> = (props) => {
  const locale = useLocale();
  const t = () => setupMessages(locale.lang());
  const [nameVi, setNameVi] = createSignal('');
  const [nameEn, setNameEn] = createSignal('');
  const [code, setCode] = createSignal('');
  const [isCodeEdited, setCodeEdited] = createSignal(false);
  const [problem, setProblem] = createSignal<FormProblem | null>(null);
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!code().trim()) return setProblem({ field: 'code', text: t().errors.badCode });
    setProblem(null);
    try {
      // An English name is required by the hub: the Vietnamese one stands in until someone translates it.
      await putService(props.campaignId, code().trim(), { nameVi: nameVi().trim(), nameEn: nameEn().trim() || nameVi().trim(), isActive: true });
      props.data.refetch.services();
      setNameVi('');
      setNameEn('');
      setCode('');
      setCodeEdited(false);
    } catch (err) {
      setProblem(formProblem(err, { setup: t(), auth: locale.t().auth }, ['nameVi', 'nameEn', 'code'], props.onUnauthorized));
    }
  };
  return (
    <form class="card setup-card" onSubmit={(e) => void submit(e)} novalidate data-testid="service-custom">
      <h3 class="setup-subtitle">{t().customTitle}</h3>
      <div class="setup-grid setup-grid--3">
        <Field
          id="service-name-vi"
          label={t().nameVi}
          value={nameVi()}
          placeholder={t().customPlaceholder}
          onValue={(v) => (setNameVi(v), isCodeEdited() || setCode(suggestServiceCode(v)))}
          error={errorFor(problem(), 'nameVi')}
        />
        <Field id="service-name-en" label={<>{t().nameEn} <span class="field__optional">{t().optional}</span></>} value={nameEn()} onValue={setNameEn} error={errorFor(problem(), 'nameEn')} />
        <Field id="service-code" label={t().code} value={code()} onValue={(v) => (setCode(v), setCodeEdited(true))} spellcheck={false} error={errorFor(problem(), 'code')} />
      </div>
      <Show when={formError(problem())}>
        <p class="form-message form-message--error" role="alert">
          {formError(problem())}
        </p>
      </Show>
      <div class="setup-actions">
        <button type="submit" class="button button--primary">
          {t().addService}
        </button>
      </div>
    </form>
  );
};
