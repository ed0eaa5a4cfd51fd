import type { Unit } from '@xk/contract';
import { type Component, createMemo, For, Show } from 'solid-js';

/**
 * The active units of a campaign's scope among `units` (those the caller may read), the widest
 * first: a tab opens on the first, so a ward's coordinator of a province campaign lands on their ward.
 */
export function campaignUnits(units: readonly Unit[], scopeUnitId: number): Unit[] {
  return units.filter((u) => u.successorId === null && u.path.includes(`/${scopeUnitId}/`)).sort((a, b) => a.depth - b.depth || a.path.localeCompare(b.path));
}

/** A unit to look at, in tree order, indented by depth; shown only when there is a choice. */
export const UnitPicker: Component<{ units: readonly Unit[]; selectedId: number | null; label: string; testId: string; onSelect: (unitId: number) => void }> = (props) => {
  const inTreeOrder = createMemo(() => [...props.units].sort((a, b) => a.path.localeCompare(b.path)));
  const top = () => Math.min(...props.units.map((u) => u.depth));
  return (
    <Show when={props.units.length > 1}>
      <label class="campaign-picker">
        <span class="campaign-picker__label">{props.label}</span>
        <select data-testid={props.testId} onChange={(e) => props.onSelect(Number(e.currentTarget.value))}>
          <For each={inTreeOrder()}>
            {(u) => (
              <option value={u.id} selected={u.id === props.selectedId}>
                {'\u00a0\u00a0\u00a0'.repeat(Math.max(0, u.depth - top()))}
                {u.name}
              </option>
            )}
          </For>
        </select>
      </label>
    </Show>
  );
};
