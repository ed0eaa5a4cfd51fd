import { type Component, type JSX, Show } from 'solid-js';

/**
 * The foot of a set-up form: what the hub refused when no field of the form shows it, the submit
 * button (disabled while it runs), and what else the form offers beside it (a cancel, a "saved").
 */
export const FormFoot: Component<{ error: string | undefined; submit: string; isBusy?: boolean; testId?: string; errorTestId?: string; children?: JSX.Element }> = (props) => (
  <>
    <Show when={props.error}>
      <p class="form-message form-message--error" role="alert" data-testid={props.errorTestId}>
        {props.error}
      </p>
    </Show>
    <div class="setup-actions">
      <button type="submit" class="button button--primary" disabled={props.isBusy === true} data-testid={props.testId}>
        {props.submit}
      </button>
      {props.children}
    </div>
  </>
);
