import type { RosterStation, Service } from '@xk/contract';
import { type Component, createSignal, For, Show } from 'solid-js';
import { postEntry } from '../lib/console-api';
import { formatNumber } from '../lib/format';
import { type Lang, serviceName } from '../lib/i18n';
import { newId } from '../phone/ids';
import type { ConsoleMessages } from './i18n-console';
import { failureText } from './failure-text';
import { Modal, ModalActions } from './modal';

/** `YYYY-MM-DDTHH:MM` of now, in this browser's zone (what a datetime-local input holds). */
function localNow(): string {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}

/**
 * Counts a station kept on paper, entered as one entry in the coordinator's name with the reason:
 * it flows through the same write path and rollups as a phone's tap, and is audited.
 */
export const BackfillDialog: Component<{
  campaignId: number;
  station: RosterStation;
  services: readonly Service[];
  lang: Lang;
  t: ConsoleMessages;
  me: number;
  onClose: () => void;
  onSaved: (text: string) => void;
}> = (props) => {
  const t = () => props.t;
  const active = () => props.services.filter((s) => s.isActive);
  const [service, setService] = createSignal(active()[0]?.code ?? '');
  const [isShop, setShop] = createSignal(false);
  const [quantity, setQuantity] = createSignal('1');
  const [when, setWhen] = createSignal(localNow());
  const [reason, setReason] = createSignal('');
  const [problem, setProblem] = createSignal<string | null>(null);
  const [isBusy, setBusy] = createSignal(false);
  /** One id per entry: saving again after a lost answer records it once. */
  let id = newId();
  let close!: () => void;
  const save = async (e: Event) => {
    e.preventDefault();
    const n = Number(quantity());
    if (!Number.isInteger(n) || n < 1 || n > 1000) return setProblem(t().quantityRange);
    if (reason().trim().length < 3) return setProblem(t().reasonTooShort);
    setBusy(true);
    setProblem(null);
    try {
      await postEntry({
        id,
        kind: 'assistance',
        campaignId: props.campaignId,
        personId: props.me,
        stationId: props.station.id,
        serviceCode: service(),
        beneficiary: isShop() ? 'shop' : 'resident',
        quantity: n,
        occurredAt: new Date(when()).toISOString(),
        reason: reason().trim(),
      });
      id = newId();
      props.onSaved(t().recorded(formatNumber(n), serviceName(props.services, service(), props.lang)));
      close();
    } catch (err) {
      setProblem(failureText(err, t().unreachable));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal title={t().backfillTitle(props.station.name)} closeLabel={t().close} onClose={props.onClose} testId="backfill-dialog">
      <form class="modal__body" onSubmit={(e) => void save(e)} ref={(form) => (close = () => form.closest('dialog')?.close())}>
        <p class="modal__lead">{t().backfillIntro}</p>
        <label class="field">
          <span class="field__label">{t().service}</span>
          <select class="field__input field__input--boxed" value={service()} onChange={(e) => setService(e.currentTarget.value)} data-testid="backfill-service">
            <For each={active()}>{(s) => <option value={s.code}>{serviceName(props.services, s.code, props.lang)}</option>}</For>
          </select>
        </label>
        <fieldset class="segmented" aria-label={t().beneficiary}>
          <button type="button" class="segmented__option" aria-pressed={!isShop()} onClick={() => setShop(false)}>
            {t().resident}
          </button>
          <button type="button" class="segmented__option" aria-pressed={isShop()} onClick={() => setShop(true)}>
            {t().shopKind}
          </button>
        </fieldset>
        <div class="form-row">
          <label class="field">
            <span class="field__label">{t().quantity}</span>
            <input class="field__input field__input--boxed" type="number" min={1} max={1000} value={quantity()} onInput={(e) => setQuantity(e.currentTarget.value)} data-testid="backfill-quantity" />
          </label>
          <label class="field">
            <span class="field__label">{t().when}</span>
            <input class="field__input field__input--boxed" type="datetime-local" value={when()} onInput={(e) => setWhen(e.currentTarget.value)} data-testid="backfill-when" />
          </label>
        </div>
        <label class="field">
          <span class="field__label">{t().fixReason}</span>
          <input class="field__input field__input--boxed" maxLength={500} placeholder={t().backfillReasonHint} value={reason()} onInput={(e) => setReason(e.currentTarget.value)} data-testid="backfill-reason" />
        </label>
        <Show when={problem()}>
          <p class="field__error" role="alert" data-testid="backfill-error">
            {problem()}
          </p>
        </Show>
        <ModalActions cancel={t().cancel} submit={t().record} isBusy={isBusy()} testId="backfill-save" onCancel={() => close()} />
      </form>
    </Modal>
  );
};
