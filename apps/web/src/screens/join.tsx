import { type Component, createSignal, Match, onCleanup, onMount, Show, Switch } from 'solid-js';
import { AuthFrame } from '../components/auth-frame';
import { Notice } from '../components/notice';
import * as api from '../lib/api';
import { ApiError, type ApiProblem } from '../lib/api';
import type { InviteInfo } from '../lib/auth-wire';
import type { SignInMethod } from '../lib/device-memory';
import { DEFAULT_TIME_ZONE, formatDateTime } from '../lib/format';
import { useLocale } from '../lib/i18n';
import { inviteProblemText } from '../lib/pin-problem-text';
import { JoinForm } from './join-form';

/** Where the invite leads: campaign, team or station, unit, and until when it can be used. */
const InviteSummary: Component<{ info: InviteInfo }> = (props) => {
  const locale = useLocale();
  const t = () => locale.t().pin;
  return (
    <dl class="invite" data-testid="invite-info">
      <div class="invite__row invite__row--campaign">
        <dt>{t().campaign}</dt>
        <dd data-testid="invite-campaign">{props.info.campaignName}</dd>
      </div>
      <Show when={props.info.teamName}>
        {(name) => (
          <div class="invite__row">
            <dt>{t().team}</dt>
            <dd data-testid="invite-team">{name()}</dd>
          </div>
        )}
      </Show>
      <Show when={props.info.stationName}>
        {(name) => (
          <div class="invite__row">
            <dt>{t().station}</dt>
            <dd data-testid="invite-station">{name()}</dd>
          </div>
        )}
      </Show>
      <div class="invite__row">
        <dt>{t().unit}</dt>
        <dd data-testid="invite-unit">{props.info.unitName}</dd>
      </div>
      <div class="invite__row">
        <dt>{t().expires}</dt>
        <dd data-testid="invite-expires">{formatDateTime(new Date(props.info.expiresAt), DEFAULT_TIME_ZONE)}</dd>
      </div>
    </dl>
  );
};

/**
 * A volunteers' invite being opened (`#/join/<secret>`): what it leads to, then the joining form.
 * `onDone` runs once joined (the shell follows); `onSignIn` when the phone already has an account.
 */
export const JoinScreen: Component<{ secret: string; onDone: () => void; onSignIn: (method: SignInMethod, phone: string) => void }> = (props) => {
  const locale = useLocale();
  const t = () => locale.t().pin;
  const [info, setInfo] = createSignal<InviteInfo | null>(null);
  const [problem, setProblem] = createSignal<ApiProblem | null>(null);
  let isDisposed = false;
  onCleanup(() => (isDisposed = true));

  const peek = async () => {
    setProblem(null);
    try {
      const found = await api.peekInvite(props.secret);
      if (!isDisposed) setInfo(found);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (!isDisposed) setProblem(err.problem);
    }
  };
  onMount(() => void peek());
  const isRetryable = (p: ApiProblem) => p.kind === 'unreachable' || p.status === 429 || p.status >= 500;

  return (
    <AuthFrame>
      <Switch fallback={<Notice tone="info" title={t().opening} testId="invite-opening" />}>
        <Match when={problem()}>
          {(p) => (
            <Notice tone="error" title={t().joinTitle} testId="invite-problem">
              <p>{inviteProblemText(p(), t(), locale.t().auth)}</p>
              <Show
                when={isRetryable(p())}
                fallback={
                  <>
                    <p>{t().errors.inviteAskNew}</p>
                    <p class="notice__action">
                      {t().haveAccount}{' '}
                      <button type="button" class="link-button" onClick={() => props.onSignIn('pin', '')}>
                        {t().signInWithPin}
                      </button>
                    </p>
                  </>
                }
              >
                <button type="button" class="button button--secondary notice__action" onClick={() => void peek()}>
                  {locale.t().auth.retry}
                </button>
              </Show>
            </Notice>
          )}
        </Match>
        <Match when={info()}>
          {(found) => (
            <section class="auth-card" aria-labelledby="join-heading">
              <h2 id="join-heading" class="auth-card__title">
                {t().joinTitle}
              </h2>
              <p class="auth-card__intro">{t().joinIntro}</p>
              <InviteSummary info={found()} />
              <JoinForm secret={props.secret} onDone={props.onDone} onSignIn={props.onSignIn} />
            </section>
          )}
        </Match>
      </Switch>
    </AuthFrame>
  );
};
