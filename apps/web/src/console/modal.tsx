import { type Component, type JSX, onMount } from 'solid-js';

/**
 * A modal dialog (the browser's own <dialog>: focus kept inside, Esc closes, the page behind
 * inert), opened as it mounts; `onClose` when it closes, whichever way.
 */
export const Modal: Component<{ title: string; closeLabel: string; onClose: () => void; testId: string; children: JSX.Element; wide?: boolean }> = (props) => {
  let dialog!: HTMLDialogElement;
  onMount(() => dialog.showModal());
  return (
    <dialog ref={dialog} class="modal" classList={{ 'modal--wide': props.wide === true }} aria-labelledby={`${props.testId}-title`} data-testid={props.testId} onClose={() => props.onClose()}>
      <div class="modal__head">
        <h2 id={`${props.testId}-title`} class="modal__title">
          {props.title}
        </h2>
        <button type="button" class="modal__close" aria-label={props.closeLabel} onClick={() => dialog.close()}>
          ✕
        </button>
      </div>
      {props.children}
    </dialog>
  );
};

/** The buttons under a dialog's form: cancel (closes it) and the action, disabled while it runs. */
export const ModalActions: Component<{ cancel: string; submit: string; testId: string; isBusy?: boolean; onCancel: () => void }> = (props) => (
  <div class="modal__actions">
    <button type="button" class="button button--secondary" onClick={() => props.onCancel()}>
      {props.cancel}
    </button>
    <button type="submit" class="button button--primary" disabled={props.isBusy === true} data-testid={props.testId}>
      {props.submit}
    </button>
  </div>
);
