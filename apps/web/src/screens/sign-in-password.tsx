import { type Component, createSignal, Show } from 'solid-js';
import { Field, PasswordField } from '../components/field';
import { ApiError, type ApiProblem } from '../lib/api';
import { useAuth } from '../lib/auth';
import { useLocale } from '../lib/i18n';
import { problemText } from '../lib/problem-text';

/** Staff sign-in: phone number or e-mail, and password. `onAttempt` runs as each try is sent (the screen's notice then gives way). */
export const PasswordSignIn: Component<{ onAttempt: () => void }> = (props) => {
  const auth = useAuth();
  const locale = useLocale();
  const t = () => locale.t().auth;
  const [login, setLogin] = createSignal(auth.lastLogin());
  const [password, setPassword] = createSignal('');
  /** Set by a submit with an empty field; the message follows the language switch. */
  const [missing, setMissing] = createSignal<{ login: boolean; password: boolean }>({ login: false, password: false });
  const [problem, setProblem] = createSignal<ApiProblem | null>(null);
  const [isBusy, setBusy] = createSignal(false);
  let loginInput: HTMLInputElement | undefined;
  let passwordInput: HTMLInputElement | undefined;

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (isBusy()) return;
    const empty = { login: login().trim() === '', password: password() === '' };
    setMissing(empty);
    if (empty.login || empty.password) {
      setProblem(null);
      (empty.login ? loginInput : passwordInput)?.focus();
      return;
    }
    setBusy(true);
    setProblem(null);
    props.onAttempt();
    try {
      await auth.signIn(login().trim(), password());
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setProblem(err.problem);
      if (err.problem.kind === 'http' && err.problem.status === 401) {
        setPassword('');
        passwordInput?.focus();
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <p class="auth-card__intro">{t().signInIntro}</p>
      <form class="auth-form" onSubmit={submit} noValidate aria-busy={isBusy()} data-testid="sign-in-form">
        <Field
          id="login"
          ref={(el) => (loginInput = el)}
          label={t().login}
          name="username"
          type="text"
          inputmode="email"
          autocomplete="username"
          autocapitalize="none"
          autocorrect="off"
          spellcheck={false}
          placeholder={t().loginPlaceholder}
          value={login()}
          onValue={setLogin}
          error={missing().login ? t().errors.required : undefined}
        />
        <PasswordField
          id="password"
          ref={(el) => (passwordInput = el)}
          label={t().password}
          name="password"
          autocomplete="current-password"
          value={password()}
          onValue={setPassword}
          error={missing().password ? t().errors.required : undefined}
        />
        <Show when={problem()}>
          {(p) => (
            <p class="form-message form-message--error" role="alert" data-testid="sign-in-error">
              {problemText(p(), t(), 'sign-in')}
            </p>
          )}
        </Show>
        <button type="submit" class="button button--primary" disabled={isBusy()} data-testid="sign-in-submit">
          {isBusy() ? t().submitting : t().submit}
        </button>
      </form>
      <p class="auth-card__footnote">{t().forgot}</p>
    </>
  );
};
