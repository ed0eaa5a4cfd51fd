import type { RosterView } from '@xk/contract';
import { type Component, createMemo, Show } from 'solid-js';
import type { ConsoleMessages } from './i18n-console';
import { type PersonFilter, type PersonFlags, shortfallOf } from './roster-rules';

/** One line of what needs the coordinator now; each part opens the people it is about. */
export const OpsSummary: Component<{ roster: RosterView; t: ConsoleMessages; flags: ReadonlyMap<number, PersonFlags>; onFilter: (f: PersonFilter) => void }> = (props) => {
  const figures = createMemo(() => {
    const flags = [...props.flags.values()];
    const unsent = flags.filter((f) => f.unsent > 0);
    return {
      short: Object.values(props.roster.stations).filter((s) => shortfallOf(s) > 0).length,
      overdue: flags.filter((f) => f.isAckOverdue).length,
      idle: flags.filter((f) => f.idleMinutes !== null).length,
      unsentPhones: unsent.length,
      unsentActions: unsent.reduce((n, f) => n + f.unsent, 0),
    };
  });
  const isClear = () => figures().short + figures().overdue + figures().idle + figures().unsentPhones === 0;
  return (
    <div class="ops__summary" role="status" data-testid="ops-summary">
      <Show when={!isClear()} fallback={<span class="ops__ok">{props.t.allClear}</span>}>
        <Show when={figures().short}>
          <span class="alert-pill alert-pill--danger" data-testid="summary-short">
            {props.t.short(figures().short)}
          </span>
        </Show>
        <Show when={figures().overdue}>
          <button type="button" class="alert-pill alert-pill--danger" onClick={() => props.onFilter('pending')} data-testid="summary-overdue">
            {props.t.overdue(figures().overdue)}
          </button>
        </Show>
        <Show when={figures().idle}>
          <button type="button" class="alert-pill" onClick={() => props.onFilter('idle')}>
            {props.t.idlePeople(figures().idle)}
          </button>
        </Show>
        <Show when={figures().unsentPhones}>
          <span class="alert-pill">{props.t.unsentPhones(figures().unsentPhones, figures().unsentActions)}</span>
        </Show>
      </Show>
    </div>
  );
};
