import { type Component, createSignal, Show } from 'solid-js';
import { ApiError, type ApiProblem } from '../lib/api';
import { useAuth } from '../lib/auth';
import { useLocale } from '../lib/i18n';
import { problemText } from '../lib/problem-text';

/** Who is signed in, and the way out. */
export const AccountBar: Component = () => {
  const auth = useAuth();
  const locale = useLocale();
  const t = () => locale.t().auth;
  const [isBusy, setBusy] = createSignal(false);
  const [problem, setProblem] = createSignal<ApiProblem | null>(null);
  const who = () => {
    const me = auth.me();
    if (me?.person) return me.person.name;
    return me?.kind === 'board' ? t().boardScreen : t().tokenClient;
  };
  const signOut = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await auth.signOut();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setProblem(err.problem);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="account" role="group" aria-label={t().account}>
      <span class="account__name" data-testid="account-name">
        {who()}
      </span>
      <button type="button" class="button button--secondary account__sign-out" disabled={isBusy()} onClick={() => void signOut()} data-testid="sign-out">
        {isBusy() ? t().signingOut : t().signOut}
      </button>
      <Show when={problem()}>
        {(p) => (
          <p class="account__error" role="alert">
            {problemText(p(), t(), 'other')}
          </p>
        )}
      </Show>
    </div>
  );
};
