import type { Service } from '@xk/contract';
import { defaultServiceCatalogue } from '@xk/domain';
import { type Component, createSignal, For, Show } from 'solid-js';
import { useLocale } from '../../lib/i18n';
import { putService } from '../../lib/setup-api';
import { type FormProblem, formError, formProblem } from './form-problem';
import { setupMessages } from './i18n-setup';
import type { SetupData } from './setup-data';
import { CustomService } from './service-custom';

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
