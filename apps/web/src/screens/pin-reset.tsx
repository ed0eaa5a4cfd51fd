import { type Component, createSignal, Match, onCleanup, Show, Switch } from 'solid-js';
import { Field, PinField } from '../components/field';
import * as api from '../lib/api';
import { ApiError, type ApiProblem } from '../lib/api';
import { useAuth } from '../lib/auth';
import { digitsOf, isSixDigits } from '../lib/auth-wire';
import { useLocale } from '../lib/i18n';
import { type PinContext, pinProblemField, pinProblemText } from '../lib/pin-problem-text';

type FieldName = 'phone' | 'code' | 'pin' | 'repeat';
/** The hub sends a phone at most one code a minute (and says nothing of it): the resend waits as long. */
const RESEND_AFTER_MS = 60_000;
type Rule = 'required' | 'codeFormat' | 'pinFormat' | 'pinsDiffer';

/**
 * "Quên mã PIN?": the phone number, then the six-digit code sent to it (SMS or Zalo) and a new PIN
 * twice; the reset signs in. The hub answers the code request alike for known and unknown numbers.
 */
export const PinReset: Component<{ phone: string; onBack: (phone: string) => void }> = (props) => {
  const auth = useAuth();
  const locale = useLocale();
  const t = () => locale.t().pin;
  const [step, setStep] = createSignal<'phone' | 'code'>('phone');
  const [values, setValues] = createSignal<Record<FieldName, string>>({ phone: props.phone, code: '', pin: '', repeat: '' });
  const [broken, setBroken] = createSignal<Partial<Record<FieldName, Rule>>>({});
  const [problem, setProblem] = createSignal<{ problem: ApiProblem; context: PinContext } | null>(null);
  const [isBusy, setBusy] = createSignal(false);
  const inputs: Partial<Record<FieldName, HTMLInputElement>> = {};
  const set = (field: FieldName) => (value: string) => setValues({ ...values(), [field]: value });
  const [now, setNow] = createSignal(Date.now());
  const [resendAt, setResendAt] = createSignal(0);
  const ticker = setInterval(() => setNow(Date.now()), 1000);
  onCleanup(() => clearInterval(ticker));
  const resendIn = () => Math.max(0, Math.ceil((resendAt() - now()) / 1000));

  const ruleText = (rule: Rule) => (rule === 'required' ? locale.t().auth.errors.required : t().errors[rule]);
  const problemText = (p: { problem: ApiProblem; context: PinContext }) => pinProblemText(p.problem, t(), locale.t().auth, p.context);
  const errorOf = (field: FieldName): string | undefined => {
    const rule = broken()[field];
    if (rule) return ruleText(rule);
    const p = problem();
    return p && pinProblemField(p.problem) === field ? problemText(p) : undefined;
  };

  /** Runs one request; keeps its problem for the form. Resolves to whether it succeeded. */
  async function attempt(context: PinContext, request: () => Promise<void>): Promise<boolean> {
    setBusy(true);
    setProblem(null);
    try {
      await request();
      return true;
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setProblem({ problem: err.problem, context });
      const field = pinProblemField(err.problem);
      if (field && field !== 'name') inputs[field]?.focus();
      return false;
    } finally {
      setBusy(false);
    }
  }

  const sendCode = async (event?: SubmitEvent) => {
    event?.preventDefault();
    if (isBusy()) return;
    const phone = values().phone.trim();
    setBroken(phone ? {} : { phone: 'required' });
    if (!phone) return inputs.phone?.focus();
    if (await attempt('pin-code', () => api.requestPinCode(phone))) {
      setNow(Date.now());
      setResendAt(Date.now() + RESEND_AFTER_MS);
      setStep('code');
      setValues({ ...values(), code: '' });
    }
  };

  const reset = async (event: SubmitEvent) => {
    event.preventDefault();
    if (isBusy()) return;
    const v = { ...values(), code: digitsOf(values().code), pin: digitsOf(values().pin), repeat: digitsOf(values().repeat) };
    const found: Partial<Record<FieldName, Rule>> = {};
    if (!isSixDigits(v.code)) found.code = v.code ? 'codeFormat' : 'required';
    if (!isSixDigits(v.pin)) found.pin = v.pin ? 'pinFormat' : 'required';
    else if (v.repeat !== v.pin) found.repeat = 'pinsDiffer';
    setBroken(found);
    const first = (['code', 'pin', 'repeat'] as const).find((f) => found[f]);
    if (first) return inputs[first]?.focus();
    await attempt('pin-reset', () => auth.resetPin({ phone: v.phone.trim(), code: v.code, pin: v.pin }));
  };

  const formProblem = () => {
    const p = problem();
    return p && !pinProblemField(p.problem) ? p : null;
  };

  return (
    <>
      <h2 id="pin-reset-heading" class="auth-card__title">
        {t().resetTitle}
      </h2>
      <Switch>
        <Match when={step() === 'phone'}>
          <p class="auth-card__intro">{t().resetIntro}</p>
          <form class="auth-form" onSubmit={sendCode} noValidate aria-busy={isBusy()} data-testid="pin-code-form">
            <Field
              id="reset-phone"
              ref={(el) => (inputs.phone = el)}
              label={locale.t().auth.phone}
              name="tel"
              type="tel"
              inputmode="tel"
              autocomplete="tel"
              placeholder={locale.t().auth.loginPlaceholder}
              value={values().phone}
              onValue={set('phone')}
              error={errorOf('phone')}
            />
            <FormProblem problem={formProblem()} text={problemText} />
            <button type="submit" class="button button--primary" disabled={isBusy()} data-testid="pin-code-submit">
              {isBusy() ? t().sendingCode : t().sendCode}
            </button>
          </form>
        </Match>
        <Match when={step() === 'code'}>
          <p class="form-message" role="status" data-testid="pin-code-sent">
            {t().codeSent(values().phone.trim())}
          </p>
          <form class="auth-form" onSubmit={reset} noValidate aria-busy={isBusy()} data-testid="pin-reset-form">
            <Field
              id="reset-code"
              ref={(el) => (inputs.code = el)}
              label={t().code}
              name="one-time-code"
              type="text"
              inputmode="numeric"
              pattern="[0-9]*"
              autocomplete="one-time-code"
              hint={t().codeHint}
              value={values().code}
              onValue={set('code')}
              error={errorOf('code')}
            />
            <PinField id="reset-pin" ref={(el) => (inputs.pin = el)} label={t().newPin} name="new-pin" autocomplete="new-password" hint={t().pinHint} value={values().pin} onValue={set('pin')} error={errorOf('pin')} />
            <PinField id="reset-repeat" ref={(el) => (inputs.repeat = el)} label={t().repeatPin} name="repeat-pin" autocomplete="new-password" value={values().repeat} onValue={set('repeat')} error={errorOf('repeat')} />
            <FormProblem problem={formProblem()} text={problemText} />
            <button type="submit" class="button button--primary" disabled={isBusy()} data-testid="pin-reset-submit">
              {isBusy() ? t().resetSubmitting : t().resetSubmit}
            </button>
          </form>
          <div class="auth-card__actions">
            <button type="button" class="link-button" disabled={isBusy() || resendIn() > 0} onClick={() => void sendCode()} data-testid="pin-code-resend">
              {resendIn() > 0 ? t().resendIn(resendIn()) : t().resendCode}
            </button>
            <button type="button" class="link-button" disabled={isBusy()} onClick={() => setStep('phone')}>
              {t().otherPhone}
            </button>
          </div>
        </Match>
      </Switch>
      <button type="button" class="link-button auth-card__back" onClick={() => props.onBack(values().phone.trim())} data-testid="pin-reset-back">
        ← {t().backToSignIn}
      </button>
    </>
  );
};

const FormProblem: Component<{
  problem: { problem: ApiProblem; context: PinContext } | null;
  text: (p: { problem: ApiProblem; context: PinContext }) => string;
}> = (props) => (
  <Show when={props.problem}>
    {(p) => (
      <p class="form-message form-message--error" role="alert" data-testid="pin-reset-error">
        {props.text(p())}
      </p>
    )}
  </Show>
);
