import { type Component, createSignal, Show } from 'solid-js';
import { Field, PinField } from '../components/field';
import { ApiError, type ApiProblem } from '../lib/api';
import { useAuth } from '../lib/auth';
import { digitsOf, isSixDigits } from '../lib/auth-wire';
import { useLocale } from '../lib/i18n';
import type { SignInMethod } from '../lib/device-memory';
import { existingAccount, pinProblemField, pinProblemText } from '../lib/pin-problem-text';

type FieldName = 'name' | 'phone' | 'pin' | 'repeat';
type Rule = 'required' | 'pinFormat' | 'pinsDiffer';

/** Joining from an invite: name, phone number, a PIN twice. Signs in on this phone. */
export const JoinForm: Component<{ secret: string; onDone: () => void; onSignIn: (method: SignInMethod, phone: string) => void }> = (props) => {
  const auth = useAuth();
  const locale = useLocale();
  const t = () => locale.t().pin;
  const [values, setValues] = createSignal<Record<FieldName, string>>({ name: '', phone: '', pin: '', repeat: '' });
  const [broken, setBroken] = createSignal<Partial<Record<FieldName, Rule>>>({});
  const [problem, setProblem] = createSignal<ApiProblem | null>(null);
  const [isBusy, setBusy] = createSignal(false);
  const inputs: Partial<Record<FieldName, HTMLInputElement>> = {};
  const set = (field: FieldName) => (value: string) => setValues({ ...values(), [field]: value });

  const errorOf = (field: FieldName): string | undefined => {
    const rule = broken()[field];
    if (rule) return rule === 'required' ? locale.t().auth.errors.required : t().errors[rule];
    const p = problem();
    return p && pinProblemField(p) === field ? pinProblemText(p, t(), locale.t().auth, 'join') : undefined;
  };
  /** The phone already has an account: the way on is its sign-in form, with the number filled in. */
  const signInInstead = (): SignInMethod | undefined => {
    const account = existingAccount(problem());
    return account === 'pin' || account === 'password' ? account : undefined;
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (isBusy()) return;
    const v = { ...values(), pin: digitsOf(values().pin), repeat: digitsOf(values().repeat) };
    const found: Partial<Record<FieldName, Rule>> = {};
    if (!v.name.trim()) found.name = 'required';
    if (!v.phone.trim()) found.phone = 'required';
    if (!isSixDigits(v.pin)) found.pin = v.pin ? 'pinFormat' : 'required';
    else if (v.repeat !== v.pin) found.repeat = 'pinsDiffer';
    setBroken(found);
    setProblem(null);
    const first = (['name', 'phone', 'pin', 'repeat'] as const).find((f) => found[f]);
    if (first) return inputs[first]?.focus();
    setBusy(true);
    try {
      await auth.join({ secret: props.secret, name: v.name.trim(), phone: v.phone.trim(), pin: v.pin });
      props.onDone();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setProblem(err.problem);
      const field = pinProblemField(err.problem);
      if (field === 'pin') setValues({ ...values(), pin: '', repeat: '' });
      if (field && field !== 'code') inputs[field]?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <form class="auth-form" onSubmit={submit} noValidate aria-busy={isBusy()} data-testid="join-form">
        <Field id="join-name" ref={(el) => (inputs.name = el)} label={locale.t().auth.name} name="name" type="text" autocomplete="name" value={values().name} onValue={set('name')} error={errorOf('name')} />
        <Field
          id="join-phone"
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
        <PinField id="join-pin" ref={(el) => (inputs.pin = el)} label={t().pin} name="new-pin" autocomplete="new-password" hint={t().pinHint} value={values().pin} onValue={set('pin')} error={errorOf('pin')} />
        <PinField id="join-repeat" ref={(el) => (inputs.repeat = el)} label={t().repeatPin} name="repeat-pin" autocomplete="new-password" value={values().repeat} onValue={set('repeat')} error={errorOf('repeat')} />
        <Show when={problem() && !pinProblemField(problem()) ? problem() : null}>
          {(p) => (
            <div class="form-message form-message--error" role="alert" data-testid="join-error">
              <p>{pinProblemText(p(), t(), locale.t().auth, 'join')}</p>
              <Show when={signInInstead()}>
                {(method) => (
                  <button type="button" class="button button--secondary form-message__action" onClick={() => props.onSignIn(method(), values().phone.trim())} data-testid="join-sign-in-instead">
                    {method() === 'pin' ? t().signInWithPin : t().signInWithPassword}
                  </button>
                )}
              </Show>
            </div>
          )}
        </Show>
        <button type="submit" class="button button--primary" disabled={isBusy()} data-testid="join-submit">
          {isBusy() ? t().joinSubmitting : t().joinSubmit}
        </button>
      </form>
      <p class="auth-card__footnote">
        {t().haveAccount}{' '}
        <button type="button" class="link-button" onClick={() => props.onSignIn('pin', values().phone.trim())} data-testid="join-have-account">
          {t().signInWithPin}
        </button>
      </p>
    </>
  );
};
