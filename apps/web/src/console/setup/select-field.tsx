import { type Component, For, type JSX, Show } from 'solid-js';

export interface SelectOption {
  value: string;
  label: string;
}

/** A labelled select with its error, the twin of components/field.tsx's input (same classes, same error wiring). */
export const SelectField: Component<{
  id: string;
  label: JSX.Element;
  value: string;
  options: readonly SelectOption[];
  onValue: (value: string) => void;
  hint?: string | undefined;
  error?: string | undefined;
  disabled?: boolean;
}> = (props) => {
  const describedBy = () => [props.hint && `${props.id}-hint`, props.error && `${props.id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field" classList={{ 'field--invalid': Boolean(props.error) }}>
      <label class="field__label" for={props.id}>
        {props.label}
      </label>
      <div class="field__control">
        <select
          id={props.id}
          class="field__input setup-select"
          disabled={props.disabled}
          onChange={(e) => props.onValue(e.currentTarget.value)}
          aria-invalid={props.error ? 'true' : undefined}
          aria-describedby={describedBy()}
        >
          {/* `selected` per option: a `value` on <select> can be applied before <For> has made the options. */}
          <For each={props.options}>{(o) => <option value={o.value} selected={o.value === props.value}>{o.label}</option>}</For>
        </select>
      </div>
      <Show when={props.hint}>
        <p id={`${props.id}-hint`} class="field__hint">
          {props.hint}
        </p>
      </Show>
      <Show when={props.error}>
        <p id={`${props.id}-error`} class="field__error" data-testid={`${props.id}-error`}>
          {props.error}
        </p>
      </Show>
    </div>
  );
};
