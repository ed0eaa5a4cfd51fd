import { type Component, createSignal, Show } from 'solid-js';
import { Field } from '../../components/field';
import { useLocale } from '../../lib/i18n';
import { putService } from '../../lib/setup-api';
import { errorFor, type FormProblem, formError, formProblem } from './form-problem';
import { FormFoot } from './form-foot';
import { setupMessages } from './i18n-setup';
import type { SetupData } from './setup-data';
import { suggestServiceCode } from './suggest-code';

/** A service of the locality's own (a province's citizen app): names in both languages, a code offered from the Vietnamese one. */
export const CustomService: Component<{ campaignId: number; data: SetupData; onUnauthorized: () => void }> = (props) => {
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
      <FormFoot error={formError(problem())} submit={t().addService} />
    </form>
  );
};
