import type { RosterPerson, RosterView } from '@xk/contract';
import { type Component, createMemo, createSignal, For, Show } from 'solid-js';
import { formatNumber } from '../lib/format';
import { startDrag } from './drag-data';
import type { ConsoleMessages } from './i18n-console';
import { attentionRank, byName, matchesFilter, matchesQuery, type PersonFilter, PersonFilters, type PersonFlags, placeOf, searchFields } from './roster-rules';

/** Rows drawn at once: a district's few hundred at a glance, a province's thousands a page at a time. */
const PAGE = 300;

/** +84912345678 → 0912 345 678, as people dial it. */
export const dialled = (phone: string) => {
  const local = phone.startsWith('+84') ? `0${phone.slice(3)}` : phone;
  return local.length === 10 ? `${local.slice(0, 4)} ${local.slice(4, 7)} ${local.slice(7)}` : local;
};

export interface PeopleListProps {
  roster: RosterView;
  t: ConsoleMessages;
  now: number;
  /** Each person's flags against the clock and the thresholds, computed once by the panel. */
  flags: ReadonlyMap<number, PersonFlags>;
  unitName: (id: number) => string | undefined;
  filter: PersonFilter;
  onFilter: (filter: PersonFilter) => void;
  query: string;
  onQuery: (query: string) => void;
  /** Only the people placed at this station (a station card's "show people"). */
  stationId: number | null;
  onClearStation: () => void;
  selected: ReadonlySet<number>;
  onSelect: (personId: number, isSelected: boolean) => void;
  onClearSelection: () => void;
  onMove: (personIds: number[]) => void;
  onFix: (personId: number) => void;
}

const PersonRow: Component<{ person: RosterPerson; list: PeopleListProps }> = (props) => {
  const t = () => props.list.t;
  const p = () => props.person;
  const flags = (): PersonFlags => props.list.flags.get(props.person.id)!;
  const isSelected = () => props.list.selected.has(p().id);
  const dragged = () => (isSelected() ? [...props.list.selected] : [p().id]);
  const place = () => placeOf(props.list.roster, p()) || t().notPlaced;
  const station = () => (p().stationId !== undefined ? props.list.roster.stations[p().stationId!]?.name : undefined);
  const teamAndUnit = () => [p().teamId !== undefined ? props.list.roster.teams[p().teamId!]?.name : undefined, props.list.unitName(p().unitId)].filter(Boolean).join(' · ');
  const dutyAt = () => (p().dutyStationId !== undefined && p().dutyStationId !== p().stationId ? props.list.roster.stations[p().dutyStationId!]?.name : undefined);
  return (
    <li
      class="person"
      classList={{ 'person--selected': isSelected(), 'person--alert': flags().isAckOverdue, 'person--watch': attentionRank(flags()) === 2 }}
      draggable={true}
      tabIndex={-1}
      data-testid={`person-${p().id}`}
      data-person-name={p().name}
      onDragStart={(e) => startDrag(e, { kind: 'people', personIds: dragged() })}
    >
      <input type="checkbox" class="person__check" checked={isSelected()} aria-label={t().select(p().name)} onChange={(e) => props.list.onSelect(p().id, e.currentTarget.checked)} />
      <div class="person__main">
        <p class="person__name">
          {p().name}
          <a class="person__phone" href={`tel:${p().phone}`}>
            {dialled(p().phone)}
          </a>
        </p>
        <p class="person__place" title={place()} data-testid="person-place">
          {station() ?? t().notPlaced}
        </p>
        <Show when={teamAndUnit()}>
          <p class="person__place person__note" title={teamAndUnit()}>
            {teamAndUnit()}
          </p>
        </Show>
      </div>
      <div class="person__state">
        <p>
          <span class={`duty-badge duty-badge--${p().duty}`} data-testid="person-duty">
            {t().duty[p().duty]}
          </span>
          <Show when={dutyAt()}>{(name) => <span class="person__note"> {t().atStation(name())}</span>}</Show>
          <Show when={p().helpedToday > 0}>
            <span class="person__note"> · {t().helped(formatNumber(p().helpedToday))}</span>
          </Show>
        </p>
        <Show when={flags().ackPendingMinutes !== null}>
          <p class="person__flag" classList={{ 'person__flag--alert': flags().isAckOverdue }} data-testid="person-ack">
            {flags().isAckOverdue ? t().ackOverdue(flags().ackPendingMinutes!) : t().ackPending(flags().ackPendingMinutes!)}
          </p>
        </Show>
        <Show when={flags().quietMinutes !== null || flags().unsent > 0} fallback={<Show when={flags().idleMinutes !== null}><p class="person__flag">{t().idleFor(flags().idleMinutes!)}</p></Show>}>
          <p class="person__flag" data-testid="person-freshness">
            {flags().quietMinutes !== null || p().lastHeardAt === undefined ? t().quietFor(flags().quietMinutes) : t().heard(Math.max(0, Math.floor((props.list.now - Date.parse(p().lastHeardAt!)) / 60_000)))}
            <Show when={flags().unsent > 0}> · {t().unsent(flags().unsent)}</Show>
          </p>
        </Show>
      </div>
      <div class="person__actions">
        <button type="button" class="chip-button" data-testid="person-move" onClick={() => props.list.onMove(dragged())}>
          {t().move}
        </button>
        <button type="button" class="chip-button" data-testid="person-fix" onClick={() => props.list.onFix(p().id)}>
          {t().fixRecord}
        </button>
      </div>
    </li>
  );
};

/** The volunteers: searchable without diacritics, filtered by duty and alerts, those needing attention first. */
export const PeopleList: Component<PeopleListProps> = (props) => {
  const [shown, setShown] = createSignal(PAGE);
  const rows = createMemo(() => {
    const roster = props.roster;
    return Object.values(roster.people).map((person) => ({ person, flags: props.flags.get(person.id)!, fields: searchFields(person, roster, props.unitName) }));
  });
  const counts = createMemo(() => Object.fromEntries(PersonFilters.map((f) => [f, rows().filter((r) => matchesFilter(r.person, r.flags, f)).length])) as Record<PersonFilter, number>);
  const visible = createMemo(() =>
    rows()
      .filter((r) => (props.stationId === null || r.person.stationId === props.stationId) && matchesFilter(r.person, r.flags, props.filter) && matchesQuery(r.fields, props.query))
      .sort((a, b) => attentionRank(a.flags) - attentionRank(b.flags) || byName(a.person, b.person)),
  );
  /** M moves the selection, or the row that has the focus. */
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'm' && e.key !== 'M') return;
    if ((e.target as HTMLElement).closest('input[type=search], input[type=text], textarea')) return;
    const row = (e.target as HTMLElement).closest<HTMLElement>('[data-testid^="person-"]');
    const ids = props.selected.size ? [...props.selected] : row ? [Number(row.dataset.testid!.slice('person-'.length))] : [];
    if (ids.length) {
      e.preventDefault();
      props.onMove(ids);
    }
  };
  return (
    <section class="ops__column ops__people" aria-labelledby="ops-people" onKeyDown={onKeyDown}>
      <div class="ops__people-head">
        <h2 id="ops-people" class="ops__heading">
          {props.t.people} <span class="ops__count" data-testid="people-count">{props.t.shownOf(visible().length, rows().length)}</span>
        </h2>
        <input type="search" class="ops__search" placeholder={props.t.search} aria-label={props.t.search} value={props.query} onInput={(e) => props.onQuery(e.currentTarget.value)} data-testid="people-search" />
        <div class="filters" role="group" aria-label={props.t.people}>
          <For each={PersonFilters}>
            {(f) => (
              <button type="button" class="filter" aria-pressed={props.filter === f} onClick={() => props.onFilter(f)} data-testid={`filter-${f}`}>
                {props.t.filters[f]} <span class="filter__count">{counts()[f]}</span>
              </button>
            )}
          </For>
          <Show when={props.stationId !== null}>
            <button type="button" class="filter filter--station" aria-pressed="true" onClick={() => props.onClearStation()} data-testid="filter-station">
              {props.roster.stations[props.stationId!]?.name} ✕
            </button>
          </Show>
        </div>
        <Show when={props.selected.size}>
          <div class="selection" role="status">
            <span>{props.t.selected(props.selected.size)}</span>
            <button type="button" class="button button--primary button--small" onClick={() => props.onMove([...props.selected])} data-testid="move-selected">
              {props.t.moveSelected}
            </button>
            <button type="button" class="link-button" onClick={() => props.onClearSelection()}>
              {props.t.clearSelection}
            </button>
          </div>
        </Show>
        <p class="ops__hint">{props.t.keyboardHint}</p>
      </div>
      <Show when={visible().length} fallback={<p class="ops__empty">{props.t.noPeople}</p>}>
        <ul class="people" data-testid="people">
          {/* Keyed by the store's person objects, which a change updates in place: a row is drawn once. */}
          <For each={visible().slice(0, shown()).map((r) => r.person)}>{(person) => <PersonRow person={person} list={props} />}</For>
        </ul>
        <Show when={visible().length > shown()}>
          <button type="button" class="button button--secondary" onClick={() => setShown(shown() + PAGE)}>
            {props.t.shownOf(shown(), visible().length)} ↓
          </button>
        </Show>
      </Show>
    </section>
  );
};
