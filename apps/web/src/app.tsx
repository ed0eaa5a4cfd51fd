import type { Me } from '@xk/contract';
import { type Component, lazy, Match, Show, Switch } from 'solid-js';
import { AuthFrame } from './components/auth-frame';
import { Notice } from './components/notice';
import { AuthContext, createAuth } from './lib/auth';
import { createHashRoute, type SecretRouteKind } from './lib/hash-route';
import { createLocale, LocaleContext } from './lib/i18n';
import { BoardEndedScreen } from './screens/board-ended';
import { InAppBrowserNotice } from './phone/environment-notices';
import { isPhonePath } from './phone/phone-path';

// The first screens: each is its own chunk, which index.html's early script fetches as soon as the
// hub has said who this is (build/screen-preload.ts), so a phone downloads only the one it shows.
const PhoneScreen = lazy(() => import('./phone/phone-screen').then((m) => ({ default: m.PhoneScreen })));
const SignInScreen = lazy(() => import('./screens/sign-in').then((m) => ({ default: m.SignInScreen })));
const JoinScreen = lazy(() => import('./screens/join').then((m) => ({ default: m.JoinScreen })));
// Loaded only where they are shown: the phone's first load carries none of them.
const ShellScreen = lazy(() => import('./screens/shell').then((m) => ({ default: m.ShellScreen })));
const BoardScreen = lazy(() => import('./screens/board').then((m) => ({ default: m.BoardScreen })));
// Opened from a link, once in a while: kept out of the first load too.
const SetupScreen = lazy(() => import('./screens/setup').then((m) => ({ default: m.SetupScreen })));
const LinkScreen = lazy(() => import('./screens/link').then((m) => ({ default: m.LinkScreen })));
const BoardLinkScreen = lazy(() => import('./screens/board-link').then((m) => ({ default: m.BoardLinkScreen })));

/** A person whose only role is volunteer belongs on the phone screen (`/phone/`, where its service worker lives). */
const isVolunteerOnly = (me: Me) => me.kind === 'person' && me.grants.length > 0 && me.grants.every((g) => g.role === 'volunteer');

/**
 * The composition root. A link (`#/setup/…`, `#/link/…`, `#/board/…`, `#/join/…`) comes first;
 * then a hall screen's ended session; otherwise the shell (a board's kiosk for a board session)
 * when signed in, the sign-in form when not. Routing to the phone, console and board screens comes
 * with those screens.
 */
export const App: Component = () => {
  const locale = createLocale();
  const auth = createAuth();
  const hash = createHashRoute();
  // A sign-in or board link answers "who is this" itself; asking first would only flash the sign-in form.
  const initial = hash.route().kind;
  if (initial !== 'link' && initial !== 'board') void auth.check();
  const secretFor = (kind: SecretRouteKind) => {
    const route = hash.route();
    return route.kind === kind ? route.secret : undefined;
  };
  const boardEnded = () => {
    const notice = auth.notice();
    return notice?.kind === 'board-ended' ? notice.reason : undefined;
  };
  const t = () => locale.t();

  return (
    <LocaleContext.Provider value={locale}>
      <AuthContext.Provider value={auth}>
        {/* Where a volunteer arrives from a chat app's link: the invite, the phone screen. */}
        <Show when={isPhonePath() || initial === 'join'}>
          <InAppBrowserNotice />
        </Show>
        <Switch>
          <Match when={secretFor('setup')} keyed>
            {(secret) => <SetupScreen secret={secret} onDone={hash.clear} />}
          </Match>
          <Match when={secretFor('link')} keyed>
            {(secret) => <LinkScreen secret={secret} onDone={hash.clear} />}
          </Match>
          <Match when={secretFor('board')} keyed>
            {(secret) => <BoardLinkScreen secret={secret} onDone={hash.clear} />}
          </Match>
          <Match when={secretFor('join')} keyed>
            {(secret) => (
              <JoinScreen
                secret={secret}
                onDone={hash.clear}
                onSignIn={(method, phone) => {
                  auth.offerSignIn(method, phone);
                  hash.clear();
                }}
              />
            )}
          </Match>
          <Match when={boardEnded()} keyed>
            {(reason) => <BoardEndedScreen reason={reason} />}
          </Match>
          {/* Keyed on who: another sign-in starts a fresh shell (and a socket with the new session). */}
          <Match when={auth.me()} keyed>
            {(me) => {
              if (me.kind === 'board') return <BoardScreen me={me} />;
              if (isPhonePath()) return <PhoneScreen me={me} />;
              if (isVolunteerOnly(me)) {
                // No reload: the address moves into the phone's scope (where its service worker lives).
                history.replaceState(history.state, '', `/phone/${location.hash}`);
                return <PhoneScreen me={me} />;
              }
              return <ShellScreen />;
            }}
          </Match>
          {/* No network: the phone opens on what it kept from its last visit. */}
          <Match when={isPhonePath() && auth.status() === 'unreachable'}>
            <PhoneScreen me={null} />
          </Match>
          <Match when={auth.status() === 'signed-out'}>
            <SignInScreen />
          </Match>
          <Match when={auth.status() === 'unreachable'}>
            <AuthFrame>
              <Notice tone="error" title={t().unreachableTitle} testId="api-unreachable">
                <p>{t().unreachableBody}</p>
                <button type="button" class="button button--secondary notice__action" onClick={() => void auth.check()}>
                  {t().auth.retry}
                </button>
              </Notice>
            </AuthFrame>
          </Match>
          <Match when={auth.status() === 'checking'}>
            <AuthFrame>
              <Notice tone="info" title={t().auth.checking} testId="loading" />
            </AuthFrame>
          </Match>
        </Switch>
      </AuthContext.Provider>
    </LocaleContext.Provider>
  );
};
