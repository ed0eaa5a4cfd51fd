import { type Component, createSignal, Show } from 'solid-js';
import { AuthFrame } from '../components/auth-frame';
import { Field, PasswordField } from '../components/field';
import { ApiError, type ApiProblem } from '../lib/api';
import { useAuth } from '../lib/auth';
import { type Messages, useLocale } from '../lib/i18n';
import { fieldText, problemText } from '../lib/problem-text';

const MIN_PASSWORD = 10;
type FieldName = 'name' | 'phone' | 'email' | 'password' | 'repeat';
type Rule = keyof Pick<Messages['auth']['errors'], 'required' | 'passwordTooShort' | 'passwordsDiffer' | 'badEmail'>;

/** The first admin, from the one-time link the hub prints at its first start. */
export const SetupScreen: Component<{ secret: string; onDone: () => void }> = (props) => {
  const auth = useAuth();
  const locale = useLocale();
  const t = () => locale.t().auth;
  const [values, setValues] = createSignal<Record<FieldName, string>>({ name: '', phone: '', email: '', password: '', repeat: '' });
  const [broken, setBroken] = createSignal<Partial<Record<FieldName, Rule>>>({});
  const [problem, setProblem] = createSignal<ApiProblem | null>(null);
  const [isBusy, setBusy] = createSignal(false);
  const inputs: Partial<Record<FieldName, HTMLInputElement>> = {};
  const set = (field: FieldName) => (value: string) => setValues({ ...values(), [field]: value });

  /** The field the server refused, when it named one this form has. */
  const serverField = (): FieldName | undefined => {
    const p = problem();
    if (p?.kind !== 'http' || !p.field) return undefined;
    const name = p.field.replace(/^body\//, '');
    return (['name', 'phone', 'email', 'password'] as const).find((f) => f === name);
  };
  const errorOf = (field: FieldName): string | undefined => {
    const rule = broken()[field];
    if (rule) return t().errors[rule];
    const p = problem();
    if (p?.kind === 'http' && serverField() === field) return p.status === 409 ? t().errors.phoneTaken : (fieldText(p.field, t()) ?? p.message);
    return undefined;
  };

  function check(v: Record<FieldName, string>): Partial<Record<FieldName, Rule>> {
    const out: Partial<Record<FieldName, Rule>> = {};
    if (!v.name.trim()) out.name = 'required';
    if (!v.phone.trim()) out.phone = 'required';
    if (v.email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.email.trim())) out.email = 'badEmail';
    if (v.password.length < MIN_PASSWORD) out.password = v.password ? 'passwordTooShort' : 'required';
    else if (v.repeat !== v.password) out.repeat = 'passwordsDiffer';
    return out;
  }

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (isBusy()) return;
    const v = values();
    const found = check(v);
    setBroken(found);
    setProblem(null);
    const first = (['name', 'phone', 'email', 'password', 'repeat'] as const).find((f) => found[f]);
    if (first) return inputs[first]?.focus();
    setBusy(true);
    try {
      const email = v.email.trim();
      await auth.setup({ secret: props.secret, name: v.name.trim(), phone: v.phone.trim(), ...(email ? { email } : {}), password: v.password });
      props.onDone();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setProblem(err.problem);
      const field = serverField();
      if (field) inputs[field]?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthFrame>
      <section class="auth-card" aria-labelledby="setup-heading">
        <h2 id="setup-heading" class="auth-card__title">
          {t().setupTitle}
        </h2>
        <p class="auth-card__intro">{t().setupIntro}</p>
        <form class="auth-form" onSubmit={submit} noValidate aria-busy={isBusy()} data-testid="setup-form">
          <Field id="setup-name" ref={(el) => (inputs.name = el)} label={t().name} name="name" type="text" autocomplete="name" value={values().name} onValue={set('name')} error={errorOf('name')} />
          <Field
            id="setup-phone"
            ref={(el) => (inputs.phone = el)}
            label={t().phone}
            name="phone"
            type="tel"
            inputmode="tel"
            autocomplete="tel"
            placeholder={t().loginPlaceholder}
            value={values().phone}
            onValue={set('phone')}
            error={errorOf('phone')}
          />
          <Field
            id="setup-email"
            ref={(el) => (inputs.email = el)}
            label={
              <>
                {t().email} <span class="field__optional">{t().optional}</span>
              </>
            }
            name="email"
            type="email"
            inputmode="email"
            autocomplete="email"
            autocapitalize="none"
            spellcheck={false}
            value={values().email}
            onValue={set('email')}
            error={errorOf('email')}
          />
          <PasswordField
            id="setup-password"
            ref={(el) => (inputs.password = el)}
            label={t().newPassword}
            name="new-password"
            autocomplete="new-password"
            minLength={MIN_PASSWORD}
            hint={t().newPasswordHint}
            value={values().password}
            onValue={set('password')}
            error={errorOf('password')}
          />
          <PasswordField
            id="setup-repeat"
            ref={(el) => (inputs.repeat = el)}
            label={t().repeatPassword}
            name="repeat-password"
            autocomplete="new-password"
            value={values().repeat}
            onValue={set('repeat')}
            error={errorOf('repeat')}
          />
          <Show when={problem() && !serverField() ? problem() : null}>
            {(p) => (
              <p class="form-message form-message--error" role="alert" data-testid="setup-error">
                {problemText(p(), t(), 'setup')}
              </p>
            )}
          </Show>
          <button type="submit" class="button button--primary" disabled={isBusy()} data-testid="setup-submit">
            {isBusy() ? t().setupSubmitting : t().setupSubmit}
          </button>
        </form>
      </section>
    </AuthFrame>
  );
};
