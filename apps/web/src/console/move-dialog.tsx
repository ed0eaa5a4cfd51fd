import type { RosterView } from '@xk/contract';
import { foldDiacritics } from '@xk/domain';
import { type Component, createMemo, createSignal, For, Show } from 'solid-js';
import type { ConsoleMessages } from './i18n-console';
import type { Destination } from './move-actions';
import { Modal, ModalActions } from './modal';
import { namesOf } from './move-actions';
import { withPartners } from './roster-rules';

/**
 * Moving by keyboard: type to filter, arrows to pick a station and/or a team, Enter to move. The
 * 1+1 partners of the people come along unless unticked.
 */
export const MoveDialog: Component<{
  roster: RosterView;
  t: ConsoleMessages;
  personIds: number[];
  onClose: () => void;
  onMove: (personIds: number[], to: Destination, reason: string) => void;
}> = (props) => {
  const t = () => props.t;
  const [query, setQuery] = createSignal('');
  const [stationId, setStationId] = createSignal('');
  const [teamId, setTeamId] = createSignal('');
  const [reason, setReason] = createSignal('');
  const [problem, setProblem] = createSignal<string | null>(null);
  const hasPartners = () => withPartners(props.roster, props.personIds, true).length > props.personIds.length;
  const [isPairs, setPairs] = createSignal(true);
  const people = () => withPartners(props.roster, props.personIds, isPairs());
  const matches = (name: string) => foldDiacritics(name).includes(foldDiacritics(query()));
  const stations = createMemo(() => Object.values(props.roster.stations).filter((s) => matches(s.name)).sort((a, b) => a.name.localeCompare(b.name, 'vi')));
  const teams = createMemo(() => Object.values(props.roster.teams).filter((x) => matches(x.name)).sort((a, b) => a.name.localeCompare(b.name, 'vi')));
  let close!: () => void;
  const submit = (e: Event) => {
    e.preventDefault();
    if (!stationId() && !teamId()) return setProblem(t().pickDestination);
    props.onMove(people(), { ...(stationId() ? { stationId: Number(stationId()) } : {}), ...(teamId() ? { teamId: Number(teamId()) } : {}) }, reason());
    close();
  };
  return (
    <Modal title={t().moveTitle(people().length)} closeLabel={t().cancel} onClose={props.onClose} testId="move-dialog" wide>
      <form class="modal__body" onSubmit={submit} ref={(form) => (close = () => form.closest('dialog')?.close())}>
        <p class="modal__lead" data-testid="move-who">
          {namesOf(props.roster, people(), t())}
        </p>
        <input type="search" class="ops__search" placeholder={t().filterPlaces} aria-label={t().filterPlaces} value={query()} onInput={(e) => setQuery(e.currentTarget.value)} autofocus data-testid="move-filter" />
        <div class="move__places">
          <label class="move__place">
            <span class="field__label">{t().toStation}</span>
            <select size={7} value={stationId()} onChange={(e) => setStationId(e.currentTarget.value)} data-testid="move-station">
              <option value="">{t().keep}</option>
              <For each={stations()}>{(s) => <option value={s.id}>{s.name}</option>}</For>
            </select>
          </label>
          <label class="move__place">
            <span class="field__label">{t().toTeam}</span>
            <select size={7} value={teamId()} onChange={(e) => setTeamId(e.currentTarget.value)} data-testid="move-team">
              <option value="">{t().keep}</option>
              <For each={teams()}>{(x) => <option value={x.id}>{x.name}</option>}</For>
            </select>
          </label>
        </div>
        <Show when={hasPartners()}>
          <label class="ops-check">
            <input type="checkbox" checked={isPairs()} onChange={(e) => setPairs(e.currentTarget.checked)} data-testid="move-pairs" />
            {t().withPartner}
          </label>
        </Show>
        <label class="field">
          <span class="field__label">{t().reason}</span>
          <input class="field__input field__input--boxed" maxLength={500} value={reason()} onInput={(e) => setReason(e.currentTarget.value)} />
        </label>
        <Show when={problem()}>
          <p class="field__error" role="alert">
            {problem()}
          </p>
        </Show>
        <ModalActions cancel={t().cancel} submit={t().confirmMove} testId="move-confirm" onCancel={() => close()} />
      </form>
    </Modal>
  );
};
