import type { RosterPerson, RosterStation, RosterTeam, RosterView } from '@xk/contract';
import { type Component, createMemo, createSignal, For, type JSX, Show } from 'solid-js';
import { formatClock, formatNumber } from '../lib/format';
import { carriesOurs, type Dragged, droppedOf, startDrag } from './drag-data';
import type { ConsoleMessages } from './i18n-console';
import { freshnessOf, shortfallOf } from './roster-rules';

/** A drop target: highlighted while something of ours is dragged over it. */
function dropZone(onDrop: (what: Dragged) => void) {
  const [isOver, setOver] = createSignal(false);
  const handlers: Pick<JSX.HTMLAttributes<HTMLLIElement>, 'onDragOver' | 'onDragLeave' | 'onDrop'> = {
    onDragOver: (e) => {
      if (!carriesOurs(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'move';
      setOver(true);
    },
    onDragLeave: () => setOver(false),
    onDrop: (e) => {
      setOver(false);
      const what = droppedOf(e);
      if (!what) return;
      e.preventDefault();
      onDrop(what);
    },
  };
  return { isOver, handlers };
}

export interface StationBoardProps {
  roster: RosterView;
  t: ConsoleMessages;
  timeZone: string;
  unitName: (id: number) => string | undefined;
  /** People placed at each station and in each team (the roster's people). */
  placedAt: (kind: 'station' | 'team', id: number) => RosterPerson[];
  now: number;
  shownStationId: number | null;
  onShowStation: (id: number | null) => void;
  onDrop: (what: Dragged, to: { stationId?: number; teamId?: number }) => void;
  onMoveTeam: (teamId: number) => void;
  onMessage: (audience: { kind: 'station' | 'team'; id: number }) => void;
  onBackfill: (stationId: number) => void;
}

/** When the hub last heard from the phones of a station's or team's people, and what they hold unsent. */
const GroupFreshness: Component<{ people: RosterPerson[]; board: StationBoardProps }> = (props) => {
  const f = createMemo(() => freshnessOf(props.people, props.board.now));
  return (
    <Show when={props.people.length}>
      <p class="station__meta" data-testid="group-freshness">
        {props.board.t.groupHeard(f().heardMinutes)}
        <Show when={f().unsent}>
          <span class="person__flag"> · {props.board.t.groupUnsent(f().phonesWaiting, f().unsent)}</span>
        </Show>
      </p>
    </Show>
  );
};

const StationCard: Component<{ station: RosterStation; board: StationBoardProps }> = (props) => {
  const t = () => props.board.t;
  const short = () => shortfallOf(props.station);
  const zone = dropZone((what) => props.board.onDrop(what, { stationId: props.station.id }));
  const isShown = () => props.board.shownStationId === props.station.id;
  return (
    <li
      class="station"
      classList={{ 'station--short': short() > 0, 'station--over': zone.isOver(), 'station--shown': isShown() }}
      data-testid={`station-${props.station.id}`}
      data-station-name={props.station.name}
      {...zone.handlers}
    >
      <div class="station__head">
        <h3 class="station__name">{props.station.name}</h3>
        <Show when={props.station.peopleNeeded > 0}>
          <span class="badge" classList={{ 'badge--danger': short() > 0, 'badge--ok': short() === 0 }} data-testid="station-staffing">
            {short() > 0 ? t().missing(short()) : t().enough}
          </span>
        </Show>
      </div>
      <p class="station__meta">
        {[props.board.unitName(props.station.unitId), props.station.shift ? t().shiftUntil(formatClock(new Date(props.station.shift.endsAt), props.board.timeZone)) : null].filter(Boolean).join(' · ')}
      </p>
      <p class="station__figures">
        <strong data-testid="station-on-duty">{props.station.peopleNeeded > 0 ? t().onDutyOfNeeded(props.station.onDutyNow, props.station.peopleNeeded) : t().onDutyOnly(props.station.onDutyNow)}</strong>
        <span>{t().placed(props.board.placedAt('station', props.station.id).length)}</span>
        <span>{t().helpedToday(formatNumber(props.station.residentsToday))}</span>
      </p>
      <GroupFreshness people={props.board.placedAt('station', props.station.id)} board={props.board} />
      <div class="station__actions">
        <button type="button" class="chip-button" aria-pressed={isShown()} onClick={() => props.board.onShowStation(isShown() ? null : props.station.id)}>
          {t().showPeople}
        </button>
        <button type="button" class="chip-button" onClick={() => props.board.onMessage({ kind: 'station', id: props.station.id })}>
          {t().messageStation}
        </button>
        <button type="button" class="chip-button" data-testid="station-backfill" onClick={() => props.board.onBackfill(props.station.id)}>
          {t().backfill}
        </button>
      </div>
      <Show when={zone.isOver()}>
        <p class="station__drop" aria-hidden="true">
          {t().dropHere}
        </p>
      </Show>
    </li>
  );
};

const TeamChip: Component<{ team: RosterTeam; board: StationBoardProps }> = (props) => {
  const t = () => props.board.t;
  const zone = dropZone((what) => props.board.onDrop(what, { teamId: props.team.id }));
  return (
    <li
      class="team"
      classList={{ 'team--over': zone.isOver() }}
      data-testid={`team-${props.team.id}`}
      draggable={true}
      onDragStart={(e) => startDrag(e, { kind: 'team', teamId: props.team.id })}
      {...zone.handlers}
    >
      <div class="team__head">
        <span class="team__name">{props.team.name}</span>
        <span class="team__figures">
          {t().members(props.board.placedAt('team', props.team.id).length)} · {t().onDutyShort(props.team.onDutyNow)}
        </span>
      </div>
      <GroupFreshness people={props.board.placedAt('team', props.team.id)} board={props.board} />
      <div class="station__actions">
        <button type="button" class="chip-button" data-testid="team-move" onClick={() => props.board.onMoveTeam(props.team.id)}>
          {t().moveTeam}
        </button>
        <button type="button" class="chip-button" onClick={() => props.board.onMessage({ kind: 'team', id: props.team.id })}>
          {t().messageTeam}
        </button>
      </div>
    </li>
  );
};

/** The stations (short-handed first) and the teams: where people stand, and where they can be dropped. */
export const StationBoard: Component<StationBoardProps> = (props) => {
  const stations = createMemo(() => Object.values(props.roster.stations).sort((a, b) => shortfallOf(b) - shortfallOf(a) || a.name.localeCompare(b.name, 'vi')));
  const teams = createMemo(() => Object.values(props.roster.teams).sort((a, b) => a.name.localeCompare(b.name, 'vi')));
  return (
    <section class="ops__column ops__stations" aria-labelledby="ops-stations">
      <h2 id="ops-stations" class="ops__heading">
        {props.t.stations} <span class="ops__count">{stations().length}</span>
      </h2>
      <Show when={stations().length} fallback={<p class="ops__empty">{props.t.noStations}</p>}>
        <ul class="stations" data-testid="stations">
          <For each={stations()}>{(station) => <StationCard station={station} board={props} />}</For>
        </ul>
      </Show>
      <Show when={teams().length}>
        <h2 class="ops__heading">
          {props.t.teams} <span class="ops__count">{teams().length}</span>
        </h2>
        <ul class="teams" data-testid="teams">
          <For each={teams()}>{(team) => <TeamChip team={team} board={props} />}</For>
        </ul>
      </Show>
    </section>
  );
};
