import { type Component, createSignal, For, lazy, Match, Show, Switch } from 'solid-js';
import { AuthFrame } from '../components/auth-frame';
import { useAuth } from '../lib/auth';
import type { SignInMethod } from '../lib/device-memory';
import { useLocale } from '../lib/i18n';
import { problemText } from '../lib/problem-text';
import { PasswordSignIn } from './sign-in-password';
import { PinSignIn } from './sign-in-pin';

/** Reached from “Quên mã PIN?” only: loaded then, not with the first screen. */
const PinReset = lazy(() => import('./pin-reset').then((m) => ({ default: m.PinReset })));

const methods: readonly SignInMethod[] = ['password', 'pin'];

/**
 * Two ways in, as tabs: staff with a password (the default), volunteers with their phone number and
 * PIN; the PIN tab leads to "Quên mã PIN?". A device that last signed in with a PIN opens on it.
 */
export const SignInScreen: Component = () => {
  const auth = useAuth();
  const locale = useLocale();
  const t = () => locale.t().auth;
  const p = () => locale.t().pin;
  const [isResetting, setResetting] = createSignal(false);
  /** The phone typed in one volunteer form, carried to the next (sign-in ⇄ reset). */
  const [phone, setPhone] = createSignal(auth.lastLogin().includes('@') ? '' : auth.lastLogin());
  /** Set once a sign-in is tried: the notice (signed out, session ended…) gives way to its outcome. */
  const [hasAttempted, setAttempted] = createSignal(false);
  const tabs: Partial<Record<SignInMethod, HTMLButtonElement>> = {};

  /** Why this screen shows, when it is not the first visit. */
  const notice = () => {
    const n = auth.notice();
    if (!n || hasAttempted() || n.kind === 'board-ended') return null;
    if (n.kind === 'link-failed') return { tone: 'error', text: problemText(n.problem, t(), 'link') };
    return { tone: 'info', text: n.kind === 'signed-out' ? t().signedOut : t().sessionEnded };
  };
  const choose = (method: SignInMethod, focus = false) => {
    auth.setMethod(method);
    if (focus) tabs[method]?.focus();
  };
  /** Arrow keys move between the tabs, as in every tab list. */
  const onTabKey = (event: KeyboardEvent) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = methods[(methods.indexOf(auth.method()) + step + methods.length) % methods.length]!;
    choose(next, true);
  };
  const tabLabel = (method: SignInMethod) =>
    method === 'password' ? { title: p().staffTab, hint: p().staffTabHint } : { title: p().volunteerTab, hint: p().volunteerTabHint };

  return (
    <AuthFrame>
      <section class="auth-card" aria-labelledby={isResetting() ? 'pin-reset-heading' : 'sign-in-heading'}>
        <Show
          when={!isResetting()}
          fallback={
            <PinReset
              phone={phone()}
              onBack={(typed) => {
                setPhone(typed);
                setResetting(false);
              }}
            />
          }
        >
          <h2 id="sign-in-heading" class="auth-card__title">
            {auth.method() === 'pin' ? p().signInTitle : t().signInTitle}
          </h2>
          <div class="tabs" role="tablist" aria-label={p().methods} onKeyDown={onTabKey}>
            <For each={methods}>
              {(method) => (
                <button
                  type="button"
                  role="tab"
                  ref={(el) => (tabs[method] = el)}
                  id={`sign-in-tab-${method}`}
                  class="tabs__tab"
                  aria-selected={auth.method() === method}
                  aria-controls="sign-in-panel"
                  tabindex={auth.method() === method ? 0 : -1}
                  onClick={() => choose(method)}
                  data-testid={`sign-in-tab-${method}`}
                >
                  <span class="tabs__title">{tabLabel(method).title}</span>
                  <span class="tabs__hint">{tabLabel(method).hint}</span>
                </button>
              )}
            </For>
          </div>
          <Show when={notice()}>
            {(n) => (
              <p class={`form-message form-message--${n().tone}`} role={n().tone === 'error' ? 'alert' : 'status'} data-testid="sign-in-notice">
                {n().text}
              </p>
            )}
          </Show>
          <div class="tabs__panel" role="tabpanel" id="sign-in-panel" aria-labelledby={`sign-in-tab-${auth.method()}`}>
            <Switch>
              <Match when={auth.method() === 'password'}>
                <PasswordSignIn onAttempt={() => setAttempted(true)} />
              </Match>
              <Match when={auth.method() === 'pin'}>
                <PinSignIn
                  phone={phone()}
                  onAttempt={() => setAttempted(true)}
                  onForgot={(typed) => {
                    setPhone(typed);
                    setResetting(true);
                  }}
                />
              </Match>
            </Switch>
          </div>
        </Show>
      </section>
    </AuthFrame>
  );
};
