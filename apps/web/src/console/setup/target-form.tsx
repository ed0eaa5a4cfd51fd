import type { TargetKind } from '@xk/contract';
import { type Component, createSignal, Show } from 'solid-js';
import { Field } from '../../components/field';
import { useLocale } from '../../lib/i18n';
import { putTarget } from '../../lib/setup-api';
import { errorFor, type FormProblem, formError, formProblem } from './form-problem';
import { FormFoot } from './form-foot';
import { setupMessages } from './i18n-setup';
import { parseCount, parsePercent } from './number-input';
import { SelectField } from './select-field';
import type { SetupData } from './setup-data';
import { unitName } from './unit-tree';

const perService = (kind: TargetKind) => kind === 'residents' || kind === 'shops' || kind === 'adoption_share';

/**
 * Sets one target of a unit (a second time replaces it): its kind, the service for the kinds
 * counted per service, and the value; a share is typed as a percentage.
 */
export const TargetForm: Component<{ campaignId: number; unitId: number; data: SetupData; onUnauthorized: () => void }> = (props) => {
  const locale = useLocale();
  const t = () => setupMessages(locale.lang());
  const [kind, setKind] = createSignal<TargetKind>('residents');
  const [service, setService] = createSignal('');
  const [value, setValue] = createSignal('');
  const [problem, setProblem] = createSignal<FormProblem | null>(null);
  const isShare = () => kind() === 'adoption_share';
  const services = () => props.data.services().filter((s) => s.isActive);
  const serviceCode = () => (perService(kind()) ? service() || services()[0]?.code || '' : '');

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const typed = isShare() ? parsePercent(value()) : parseCount(value());
    if (typed === null) return setProblem({ field: 'value', text: isShare() ? t().errors.shareRange : t().errors.wholeNumber });
    setProblem(null);
    try {
      // A share is typed in percent and stored as 0–1, to 4 decimals as the hub rounds shares.
      const stored = isShare() ? Math.round(typed * 100) / 10_000 : typed;
      await putTarget(props.campaignId, { unitId: props.unitId, kind: kind(), serviceCode: serviceCode(), value: stored });
      setValue('');
      props.data.refetch.targets();
    } catch (err) {
      setProblem(formProblem(err, { setup: t(), auth: locale.t().auth }, ['value', 'serviceCode', 'kind'], props.onUnauthorized));
    }
  };

  return (
    <form class="card setup-card" onSubmit={(e) => void submit(e)} novalidate data-testid="target-form">
      <h3 class="setup-subtitle">
        {t().setTarget} · {unitName(props.data.units(), props.unitId)}
      </h3>
      <div class="setup-grid setup-grid--target">
        <SelectField id="target-kind" label={t().kind} value={kind()} onValue={(v) => setKind(v as TargetKind)} options={(Object.keys(locale.t().targetKinds) as TargetKind[]).map((k) => ({ value: k, label: locale.t().targetKinds[k] }))} />
        <SelectField
          id="target-service"
          label={t().service}
          value={serviceCode()}
          onValue={setService}
          disabled={!perService(kind())}
          options={perService(kind()) ? services().map((s) => ({ value: s.code, label: locale.lang() === 'en' ? s.nameEn : s.nameVi })) : [{ value: '', label: t().notPerService }]}
          error={errorFor(problem(), 'serviceCode')}
        />
        <Field id="target-value" inputmode={isShare() ? 'decimal' : 'numeric'} autocomplete="off" label={isShare() ? t().sharePercent : t().value} value={value()} onValue={setValue} error={errorFor(problem(), 'value')} />
      </div>
      <FormFoot error={formError(problem())} submit={t().setTarget} testId="target-submit" />
    </form>
  );
};
