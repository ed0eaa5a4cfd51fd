import { type Component, createSignal, type JSX, Show, splitProps } from 'solid-js';
import { useLocale } from '../lib/i18n';

type InputAttributes = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onInput' | 'class'>;

export type FieldProps = InputAttributes & {
  id: string;
  label: JSX.Element;
  value: string;
  onValue: (value: string) => void;
  /** Shown under the input at all times (a rule, an example). */
  hint?: string | undefined;
  /** Shown under the input, in red, and announced; the input is marked invalid. */
  error?: string | undefined;
  /** Beside the input, inside its frame (a show-password button). */
  addon?: JSX.Element;
  ref?: (el: HTMLInputElement) => void;
};

/** A labelled input with its hint and error tied to it (`aria-describedby`), so a screen reader reads all three. */
export const Field: Component<FieldProps> = (props) => {
  const [own, input] = splitProps(props, ['id', 'label', 'value', 'onValue', 'hint', 'error', 'addon', 'ref']);
  const describedBy = () => [own.hint && `${own.id}-hint`, own.error && `${own.id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field" classList={{ 'field--invalid': Boolean(own.error) }}>
      <label class="field__label" for={own.id}>
        {own.label}
      </label>
      <div class="field__control">
        <input
          {...input}
          ref={own.ref}
          id={own.id}
          class="field__input"
          value={own.value}
          onInput={(event) => own.onValue(event.currentTarget.value)}
          aria-invalid={own.error ? 'true' : undefined}
          aria-describedby={describedBy()}
        />
        {own.addon}
      </div>
      <Show when={own.hint}>
        <p id={`${own.id}-hint`} class="field__hint">
          {own.hint}
        </p>
      </Show>
      <Show when={own.error}>
        <p id={`${own.id}-error`} class="field__error" data-testid={`${own.id}-error`}>
          {own.error}
        </p>
      </Show>
    </div>
  );
};

/** A password input with a Show/Hide button: on a phone keyboard, typos are easy and invisible. */
export const PasswordField: Component<Omit<FieldProps, 'type' | 'addon'> & { showLabel?: string }> = (props) => {
  const locale = useLocale();
  const [isShown, setShown] = createSignal(false);
  const [own, field] = splitProps(props, ['showLabel']);
  return (
    <Field
      {...field}
      type={isShown() ? 'text' : 'password'}
      autocapitalize="none"
      autocorrect="off"
      spellcheck={false}
      addon={
        <button
          type="button"
          class="field__addon"
          aria-label={own.showLabel ?? locale.t().auth.showPasswordLabel}
          aria-pressed={isShown()}
          aria-controls={props.id}
          onClick={() => setShown(!isShown())}
        >
          {isShown() ? locale.t().auth.hidePassword : locale.t().auth.showPassword}
        </button>
      }
    />
  );
};

/**
 * A six-digit PIN (or code): the phone's number pad, hidden as it is typed (a market is crowded)
 * with a Show button; no maxlength, so a pasted "123 456" is not cut (spaces are dropped on submit). `autocomplete`: `current-password` to sign in, `new-password` to choose one
 * (so no browser offers a saved password or an SMS code for it), `one-time-code` for a code.
 */
export const PinField: Component<Omit<FieldProps, 'type' | 'addon' | 'inputmode' | 'pattern'>> = (props) => {
  const locale = useLocale();
  return <PasswordField {...props} inputmode="numeric" pattern="[0-9]*" showLabel={locale.t().pin.showPin} />;
};
