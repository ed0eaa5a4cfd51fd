import { type Component, createSignal, For, type JSX, Show } from 'solid-js';

export interface Column<R> {
  header: string;
  cell: (row: R) => JSX.Element;
  /** Figures align right, as in a spreadsheet. */
  numeric?: boolean;
}

/**
 * A report table: the first `limit` rows, the rest behind "show all" (a province has hundreds of
 * volunteers); all of them when printed. `footer` is a totals row.
 */
export function DataTable<R>(props: { columns: Column<R>[]; rows: readonly R[]; limit?: number; empty: string; showAll: (n: number) => string; showFewer: string; testId?: string; footer?: JSX.Element[] }): JSX.Element {
  const [open, setOpen] = createSignal(false);
  const limit = () => props.limit ?? 12;
  const shown = () => (open() ? props.rows : props.rows.slice(0, limit()));
  return (
    <Show when={props.rows.length} fallback={<p class="report__empty">{props.empty}</p>}>
      <div class="report-table__wrap">
        <table class="report-table" data-testid={props.testId}>
          <thead>
            <tr>
              <For each={props.columns}>{(c) => <th class={c.numeric ? 'num' : undefined}>{c.header}</th>}</For>
            </tr>
          </thead>
          <tbody>
            <For each={shown()}>
              {(row) => (
                <tr>
                  <For each={props.columns}>{(c) => <td class={c.numeric ? 'num' : undefined}>{c.cell(row)}</td>}</For>
                </tr>
              )}
            </For>
            {/* Printed, the hidden rows come too. */}
            <For each={open() ? [] : props.rows.slice(limit())}>
              {(row) => (
                <tr class="print-only">
                  <For each={props.columns}>{(c) => <td class={c.numeric ? 'num' : undefined}>{c.cell(row)}</td>}</For>
                </tr>
              )}
            </For>
          </tbody>
          <Show when={props.footer}>
            <tfoot>
              <tr>
                <For each={props.footer}>{(cell, i) => <td class={props.columns[i()]?.numeric ? 'num' : undefined}>{cell}</td>}</For>
              </tr>
            </tfoot>
          </Show>
        </table>
      </div>
      <Show when={props.rows.length > limit()}>
        <button type="button" class="link-button no-print" onClick={() => setOpen(!open())}>
          {open() ? props.showFewer : props.showAll(props.rows.length)}
        </button>
      </Show>
    </Show>
  );
}

/** Horizontal bars: one labelled row per item, its length against the largest. */
export const BarList: Component<{ items: Array<{ label: string; value: number; shown: string }>; empty: string; testId?: string }> = (props) => {
  const max = () => Math.max(1, ...props.items.map((i) => i.value));
  return (
    <Show when={props.items.some((i) => i.value > 0)} fallback={<p class="report__empty">{props.empty}</p>}>
      <ul class="bar-list" data-testid={props.testId}>
        <For each={props.items}>
          {(item) => (
            <li class="bar-list__item">
              <span class="bar-list__label">{item.label}</span>
              <span class="bar-list__track">
                <span class="bar-list__fill" style={{ width: `${(Math.max(0, item.value) / max()) * 100}%` }} />
              </span>
              <span class="bar-list__value">{item.shown}</span>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
};

/** Columns, one per slot (the 24 hours of a day), heights against the largest. */
export const ColumnChart: Component<{ items: Array<{ label: string; value: number; title: string }>; testId?: string }> = (props) => {
  const max = () => Math.max(1, ...props.items.map((i) => i.value));
  return (
    <div class="column-chart" data-testid={props.testId} role="img" aria-label={props.items.map((i) => i.title).join(', ')}>
      <For each={props.items}>
        {(item) => (
          <div class="column-chart__slot" title={item.title}>
            <span class="column-chart__bar" style={{ height: `${(Math.max(0, item.value) / max()) * 100}%` }} />
            <span class="column-chart__label">{item.label}</span>
          </div>
        )}
      </For>
    </div>
  );
};
