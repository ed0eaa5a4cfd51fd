import type { PersonEntry, RosterPerson, RosterView, Service } from '@xk/contract';
import { type Component, createResource, createSignal, For, Show } from 'solid-js';
import { fetchEntries, postEntry } from '../lib/console-api';
import { formatDateTime, formatNumber } from '../lib/format';
import { type Lang, serviceName } from '../lib/i18n';
import { newId } from '../phone/ids';
import type { ConsoleMessages } from './i18n-console';
import { failureText } from './failure-text';
import { Modal, ModalActions } from './modal';

interface Fix {
  entry: PersonEntry;
  action: 'void' | 'adjust';
  /** Made once per fix, so saving again after a lost answer corrects once. */
  id: string;
}

/**
 * A volunteer's entries as they stand, each voided or corrected with a reason: a correction entry in
 * the log (never an edit), counted where the original counted, audited with the coordinator's name.
 */
export const FixRecordDialog: Component<{
  campaignId: number;
  person: RosterPerson;
  roster: RosterView;
  services: readonly Service[];
  lang: Lang;
  t: ConsoleMessages;
  timeZone: string;
  me: number | undefined;
  onClose: () => void;
  onSaved: (text: string) => void;
}> = (props) => {
  const t = () => props.t;
  const [entries, { refetch }] = createResource(() => props.person.id, (personId) => fetchEntries(props.campaignId, personId));
  const [fix, setFix] = createSignal<Fix | null>(null);
  const [value, setValue] = createSignal('');
  const [reason, setReason] = createSignal('');
  const [problem, setProblem] = createSignal<string | null>(null);
  const [isBusy, setBusy] = createSignal(false);
  const isSession = (e: PersonEntry) => e.kind === 'session';
  const what = (e: PersonEntry) =>
    e.kind === 'session' ? (t().session[e.sessionKind ?? ''] ?? e.sessionKind ?? '') : `${serviceName(props.services, e.serviceCode ?? '', props.lang)}${e.beneficiary === 'shop' ? ` (${t().shop})` : ''}`;
  const figure = (e: PersonEntry, current: boolean) => (isSession(e) ? t().attendanceOf(formatNumber(current ? e.currentAttendance : e.attendance)) : formatNumber(current ? e.currentQuantity : e.quantity));
  const isVoid = (e: PersonEntry) => e.currentQuantity === 0 && e.currentAttendance === 0;
  const open = (entry: PersonEntry, action: Fix['action']) => {
    setFix({ entry, action, id: newId() });
    setValue(String(isSession(entry) ? entry.currentAttendance : entry.currentQuantity));
    setReason('');
    setProblem(null);
  };
  const save = async (e: Event) => {
    e.preventDefault();
    const current = fix();
    if (!current) return;
    if (reason().trim().length < 3) return setProblem(t().reasonTooShort);
    const figureField = isSession(current.entry) ? 'attendance' : 'quantity';
    setBusy(true);
    setProblem(null);
    try {
      await postEntry({
        id: current.id,
        kind: 'correction',
        campaignId: props.campaignId,
        personId: props.me ?? props.person.id,
        occurredAt: new Date().toISOString(),
        correctsId: current.entry.id,
        action: current.action,
        ...(current.action === 'adjust' ? { [figureField]: Number(value()) } : {}),
        reason: reason().trim(),
      });
      setFix(null);
      props.onSaved(t().saved);
      void refetch();
    } catch (err) {
      setProblem(failureText(err, t().unreachable));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal title={t().fixTitle(props.person.name)} closeLabel={t().close} onClose={props.onClose} testId="fix-dialog" wide>
      <div class="modal__body">
        <p class="modal__lead">{t().fixIntro}</p>
        <Show when={!entries.loading || entries()} fallback={<p class="ops__empty">{t().loadingEntries}</p>}>
          <Show when={entries()?.length} fallback={<p class="ops__empty">{t().noEntries}</p>}>
            <table class="entries" data-testid="entries">
              <tbody>
                <For each={entries()}>
                  {(entry) => (
                    <tr classList={{ 'entries__row--void': isVoid(entry) }} data-testid={`entry-${entry.id}`}>
                      <td class="entries__when">{formatDateTime(new Date(entry.countedAt), props.timeZone)}</td>
                      <td>
                        {what(entry)}
                        <Show when={entry.stationId !== null && props.roster.stations[entry.stationId!]}>
                          {(s) => <span class="person__note"> · {s().name}</span>}
                        </Show>
                      </td>
                      <td class="entries__figure" data-testid="entry-figure">
                        <Show when={entry.corrections > 0} fallback={figure(entry, true)}>
                          {isVoid(entry) ? t().entryVoided : t().entryChanged(isSession(entry) ? entry.attendance : entry.quantity, isSession(entry) ? entry.currentAttendance : entry.currentQuantity)}
                        </Show>
                      </td>
                      <td class="entries__actions">
                        <Show when={!isVoid(entry)}>
                          <Show when={entry.kind !== 'adoption'}>
                            <button type="button" class="chip-button" onClick={() => open(entry, 'adjust')} data-testid="entry-adjust">
                              {t().adjustEntry}
                            </button>
                          </Show>
                          <button type="button" class="chip-button" onClick={() => open(entry, 'void')} data-testid="entry-void">
                            {t().voidEntry}
                          </button>
                        </Show>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </Show>
        </Show>
        <Show when={fix()}>
          {(current) => (
            <form class="fix-form" onSubmit={(e) => void save(e)} data-testid="fix-form">
              <p class="modal__lead">
                <strong>{current().action === 'void' ? t().voidEntry : t().adjustEntry}:</strong> {what(current().entry)} · {figure(current().entry, true)}
              </p>
              <Show when={current().action === 'adjust'}>
                <label class="field">
                  <span class="field__label">{t().newQuantity}</span>
                  <input class="field__input field__input--boxed" type="number" min={0} max={isSession(current().entry) ? 1_000_000 : 1000} value={value()} onInput={(e) => setValue(e.currentTarget.value)} data-testid="fix-value" />
                </label>
              </Show>
              <label class="field">
                <span class="field__label">{t().fixReason}</span>
                <input class="field__input field__input--boxed" maxLength={500} value={reason()} onInput={(e) => setReason(e.currentTarget.value)} data-testid="fix-reason" />
              </label>
              <Show when={problem()}>
                <p class="field__error" role="alert" data-testid="fix-error">
                  {problem()}
                </p>
              </Show>
              <ModalActions cancel={t().cancel} submit={t().save} isBusy={isBusy()} testId="fix-save" onCancel={() => setFix(null)} />
            </form>
          )}
        </Show>
      </div>
    </Modal>
  );
};
