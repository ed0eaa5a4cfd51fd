import { type Component, createSignal, Show } from 'solid-js';
import { Field, PinField } from '../components/field';
import { ApiError, type ApiProblem } from '../lib/api';
import { useAuth } from '../lib/auth';
import { digitsOf, isSixDigits } from '../lib/auth-wire';
import { useLocale } from '../lib/i18n';
import { pinProblemField, pinProblemText } from '../lib/pin-problem-text';

type Rule = 'required' | 'pinFormat';

/** A volunteer's sign-in on their phone: phone number and the six-digit PIN chosen when joining. */
export const PinSignIn: Component<{ phone: string; onAttempt: () => void; onForgot: (phone: string) => void }> = (props) => {
  const auth = useAuth();
  const locale = useLocale();
  const t = () => locale.t().pin;
  const [phone, setPhone] = createSignal(props.phone);
  const [pin, setPin] = createSignal('');
  const [broken, setBroken] = createSignal<{ phone?: Rule; pin?: Rule }>({});
  const [problem, setProblem] = createSignal<ApiProblem | null>(null);
  const [isBusy, setBusy] = createSignal(false);
  let phoneInput: HTMLInputElement | undefined;
  let pinInput: HTMLInputElement | undefined;

  const ruleText = (rule: Rule | undefined) => (rule === 'required' ? locale.t().auth.errors.required : rule ? t().errors.pinFormat : undefined);
  const errorOf = (field: 'phone' | 'pin') => {
    const p = problem();
    return ruleText(broken()[field]) ?? (p && pinProblemField(p) === field ? pinProblemText(p, t(), locale.t().auth, 'pin-sign-in') : undefined);
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (isBusy()) return;
    const found: { phone?: Rule; pin?: Rule } = {};
    if (!phone().trim()) found.phone = 'required';
    if (!pin()) found.pin = 'required';
    else if (!isSixDigits(digitsOf(pin()))) found.pin = 'pinFormat';
    setBroken(found);
    setProblem(null);
    if (found.phone || found.pin) return (found.phone ? phoneInput : pinInput)?.focus();
    setBusy(true);
    props.onAttempt();
    try {
      await auth.pinSignIn(phone().trim(), digitsOf(pin()));
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setProblem(err.problem);
      if (err.problem.kind === 'http' && err.problem.status === 401) {
        setPin('');
        pinInput?.focus();
      } else if (pinProblemField(err.problem) === 'phone') phoneInput?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <p class="auth-card__intro">{t().signInIntro}</p>
      <form class="auth-form" onSubmit={submit} noValidate aria-busy={isBusy()} data-testid="pin-sign-in-form">
        <Field
          id="pin-phone"
          ref={(el) => (phoneInput = el)}
          label={locale.t().auth.phone}
          name="tel"
          type="tel"
          inputmode="tel"
          autocomplete="tel"
          placeholder={locale.t().auth.loginPlaceholder}
          value={phone()}
          onValue={setPhone}
          error={errorOf('phone')}
        />
        <PinField id="pin" ref={(el) => (pinInput = el)} label={t().pin} name="pin" autocomplete="current-password" value={pin()} onValue={setPin} error={errorOf('pin')} />
        <Show when={problem() && !pinProblemField(problem()) ? problem() : null}>
          {(p) => (
            <p class="form-message form-message--error" role="alert" data-testid="pin-sign-in-error">
              {pinProblemText(p(), t(), locale.t().auth, 'pin-sign-in')}
            </p>
          )}
        </Show>
        <button type="submit" class="button button--primary" disabled={isBusy()} data-testid="pin-sign-in-submit">
          {isBusy() ? t().submitting : t().submit}
        </button>
      </form>
      <button type="button" class="link-button" onClick={() => props.onForgot(phone().trim())} data-testid="forgot-pin">
        {t().forgot}
      </button>
      <p class="auth-card__footnote">{t().noAccount}</p>
    </>
  );
};
