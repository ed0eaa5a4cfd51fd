import { matchesSearch } from '@xk/domain';
import { createSignal, For, type JSX, Show } from 'solid-js';
import { Field } from '../../components/field';

/** A list longer than this gets a search box. */
const SEARCH_FROM = 9;

/**
 * A set-up list as a table: a line when it is empty, a diacritic-free search once it is long (when
 * `search` says what a row is found by), the headers, and a row per item.
 */
export function SetupTable<T>(props: {
  items: readonly T[];
  empty: string;
  testId: string;
  headers: ReadonlyArray<{ label: string; isNumber?: boolean }>;
  search?: { id: string; label: string; placeholder: string; text: (item: T) => string };
  children: (item: T) => JSX.Element;
}): JSX.Element {
  const [query, setQuery] = createSignal('');
  const shown = () => (props.search ? props.items.filter((item) => matchesSearch(props.search!.text(item), query())) : props.items);
  return (
    <Show when={props.items.length} fallback={<p class="report__empty">{props.empty}</p>}>
      <Show when={props.search && props.items.length >= SEARCH_FROM ? props.search : undefined}>
        {(search) => <Field id={search().id} type="search" label={search().label} placeholder={search().placeholder} value={query()} onValue={setQuery} />}
      </Show>
      <div class="report-table__wrap">
        <table class="report-table setup-table" data-testid={props.testId}>
          <thead>
            <tr>
              <For each={props.headers}>{(h) => <th classList={{ num: h.isNumber === true }}>{h.label}</th>}</For>
            </tr>
          </thead>
          <tbody>
            <For each={shown()}>{(item) => props.children(item)}</For>
          </tbody>
        </table>
      </div>
    </Show>
  );
}
