import type { RosterMove, RosterView } from '@xk/contract';
import { type Component, createMemo, For, Show } from 'solid-js';
import { formatClock } from '../lib/format';
import type { ConsoleMessages } from './i18n-console';
import { namesOf } from './move-actions';
import { placeOf } from './roster-rules';

/** The latest moves of the unit, newest first: who moved whom where, acknowledged or not, and undo. */
export const MovesLog: Component<{ roster: RosterView; t: ConsoleMessages; timeZone: string; onUndo: (move: RosterMove) => void }> = (props) => {
  const moves = createMemo(() => Object.values(props.roster.moves).sort((a, b) => b.at.localeCompare(a.at)));
  const undone = createMemo(() => new Set(moves().flatMap((m) => (m.undoes ? [m.undoes] : []))));
  return (
    <section class="ops__panel" aria-labelledby="ops-moves">
      <h2 id="ops-moves" class="ops__heading">
        {props.t.movesTitle}
      </h2>
      <Show when={moves().length} fallback={<p class="ops__empty">{props.t.noMoves}</p>}>
        <ol class="moves" data-testid="moves">
          <For each={moves()}>
            {(move) => {
              const ids = () => Object.keys(move.people).map(Number);
              const acknowledged = () => Object.values(move.people).filter((p) => p.acknowledged).length;
              const isCurrent = () => Object.values(move.people).some((p) => p.isCurrent);
              return (
                <li class="move" data-testid={`move-${move.id}`}>
                  <p class="move__line">
                    <span class="move__time">{formatClock(new Date(move.at), props.timeZone)}</span> {move.undoes ? props.t.undoLine(namesOf(props.roster, ids(), props.t)) : props.t.moveLine(namesOf(props.roster, ids(), props.t), placeOf(props.roster, { stationId: move.toStationId, teamId: move.toTeamId }))}
                  </p>
                  <p class="move__meta">
                    <span>{props.t.movedBy(move.by ?? null)}</span>
                    <span classList={{ 'move__ack--pending': acknowledged() < ids().length }}>
                      {acknowledged() === ids().length ? props.t.acknowledged : acknowledged() === 0 ? props.t.pending : props.t.partlyAcknowledged(acknowledged(), ids().length)}
                    </span>
                    <Show when={undone().has(move.id)}>
                      <span>{props.t.wasUndone}</span>
                    </Show>
                    <Show when={isCurrent() && !undone().has(move.id)}>
                      <button type="button" class="link-button" onClick={() => props.onUndo(move)} data-testid="move-undo">
                        {props.t.undo}
                      </button>
                    </Show>
                  </p>
                </li>
              );
            }}
          </For>
        </ol>
      </Show>
    </section>
  );
};
