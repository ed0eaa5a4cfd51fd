import { type Component, createSignal, onCleanup, onMount, Show } from 'solid-js';
import { AuthFrame } from '../components/auth-frame';
import { Notice } from '../components/notice';
import type { ApiProblem } from '../lib/api';
import { useAuth } from '../lib/auth';
import { useLocale } from '../lib/i18n';

/** A hall screen has nobody to press "try again": while the hub cannot be reached, it tries by itself this often. */
const RETRY_MS = 5000;

/**
 * A board link being opened (`#/board/<secret>`): exchanges the secret for the screen's session.
 * `onDone` runs once the link is spent (open: the board follows; refused: the board-ended message);
 * an unreachable or busy hub keeps the link in the address bar and is asked again.
 */
export const BoardLinkScreen: Component<{ secret: string; onDone: () => void }> = (props) => {
  const auth = useAuth();
  const locale = useLocale();
  const [problem, setProblem] = createSignal<ApiProblem | null>(null);
  let retry: ReturnType<typeof setTimeout> | undefined;
  let isDisposed = false;
  onCleanup(() => {
    isDisposed = true;
    clearTimeout(retry);
  });

  const open = async () => {
    clearTimeout(retry);
    const failed = await auth.openBoard(props.secret);
    if (isDisposed) return;
    const isRetryable = failed !== null && (failed.kind === 'unreachable' || failed.status === 429 || failed.status >= 500);
    if (!isRetryable) return props.onDone();
    setProblem(failed);
    const wait = failed.kind === 'http' && failed.retryAfter ? failed.retryAfter * 1000 : RETRY_MS;
    retry = setTimeout(() => void open(), wait);
  };
  onMount(() => void open());

  return (
    <AuthFrame>
      <Show when={problem()} fallback={<Notice tone="info" title={locale.t().board.opening} testId="board-opening" />}>
        <Notice tone="error" title={locale.t().unreachableTitle} testId="api-unreachable">
          <p>{locale.t().board.retrying}</p>
          <button type="button" class="button button--secondary notice__action" onClick={() => void open()}>
            {locale.t().auth.retry}
          </button>
        </Notice>
      </Show>
    </AuthFrame>
  );
};
