import { type Component, createSignal, onMount, Show } from 'solid-js';
import { AuthFrame } from '../components/auth-frame';
import { Notice } from '../components/notice';
import { useAuth } from '../lib/auth';
import { useLocale } from '../lib/i18n';

/**
 * A one-time sign-in link being used: signs in at once. `onDone` runs once the link is spent
 * (signed in, or refused: the sign-in screen then says why); an unreachable hub keeps the link
 * in the address bar and offers to try again.
 */
export const LinkScreen: Component<{ secret: string; onDone: () => void }> = (props) => {
  const auth = useAuth();
  const locale = useLocale();
  const t = () => locale.t().auth;
  const [isUnreachable, setUnreachable] = createSignal(false);
  const redeem = async () => {
    setUnreachable(false);
    const problem = await auth.redeemLink(props.secret);
    if (problem?.kind === 'unreachable') setUnreachable(true);
    else props.onDone();
  };
  onMount(() => void redeem());

  return (
    <AuthFrame>
      <Show when={isUnreachable()} fallback={<Notice tone="info" title={t().redeeming} testId="redeeming" />}>
        <Notice tone="error" title={locale.t().unreachableTitle} testId="api-unreachable">
          <p>{t().errors.unreachable}</p>
          <button type="button" class="button button--secondary notice__action" onClick={() => void redeem()}>
            {t().retry}
          </button>
        </Notice>
      </Show>
    </AuthFrame>
  );
};
