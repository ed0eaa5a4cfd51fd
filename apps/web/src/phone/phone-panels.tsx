// The smaller parts of the phone screen: tallies, the move banner, messages, sessions and the
// services I use myself.
import type { LiveView, Message, Move, PhoneServiceItem, TargetProgress } from '@xk/contract';
import { type Component, createSignal, For, Show } from 'solid-js';
import { TargetList } from '../components/target-progress';
import { formatClock, formatNumber } from '../lib/format';
import { useAuth } from '../lib/auth';
import { useLocale } from '../lib/i18n';
import { phoneServiceName } from './service-pad';

export interface TallyRow {
  label: string;
  value: number;
  note?: string;
  testId: string;
}

/** My figures and my station's / team's / campaign's, live. */
export const Tallies: Component<{ rows: TallyRow[] }> = (props) => {
  const locale = useLocale();
  return (
    <section class="card tallies" aria-labelledby="tallies-title">
      <h2 id="tallies-title" class="card__title">
        {locale.t().phone.talliesTitle}
      </h2>
      <dl class="tallies__grid">
        <For each={props.rows}>
          {(row) => (
            <div class="tallies__item">
              <dt>{row.label}</dt>
              <dd data-testid={row.testId}>{formatNumber(row.value)}</dd>
              <Show when={row.note}>
                <dd class="tallies__note">{row.note}</dd>
              </Show>
            </div>
          )}
        </For>
      </dl>
    </section>
  );
};

/** The campaign's progress against its targets (the campaign unit's own): the shell's target list. */
export const CampaignProgress: Component<{ targets: readonly TargetProgress[]; services: readonly PhoneServiceItem[] }> = (props) => {
  const locale = useLocale();
  const services = () => props.services.map((s, i) => ({ code: s.code, nameVi: s.name, nameEn: s.nameEn, sortOrder: i, isActive: true }));
  return (
    <Show when={props.targets.length > 0}>
      <section class="card" aria-labelledby="progress-title" data-testid="campaign-progress">
        <h2 id="progress-title" class="card__title">
          {locale.t().phone.progressTitle}
        </h2>
        <TargetList targets={props.targets} services={services()} />
      </section>
    </Show>
  );
};

export const residentsOf = (view: LiveView | undefined) => ({
  today: view?.residents.today ?? 0,
  total: view?.residents.total ?? 0,
  byService: view?.residents.byService ?? {},
});

/** A coordinator moved me: shown on top until I tap "Đã nhận". */
export const MoveBanner: Component<{ move: Move; place: string; onAck: () => Promise<void> }> = (props) => {
  const locale = useLocale();
  const t = () => locale.t().phone;
  const [busy, setBusy] = createSignal(false);
  const ack = async () => {
    setBusy(true);
    try {
      await props.onAck();
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="move-banner" role="alert" data-testid="move-banner">
      <p class="move-banner__title">{t().moveTitle}</p>
      <p class="move-banner__to" data-testid="move-to">
        {t().moveTo(props.place)}
      </p>
      <Show when={props.move.reason}>{(r) => <p class="move-banner__reason">{t().moveReason(r())}</p>}</Show>
      <button type="button" class="button button--primary button--big" disabled={busy()} onClick={() => void ack()} data-testid="move-ack">
        {busy() ? t().moveAcking : t().moveAck}
      </button>
    </section>
  );
};

export const MessagesPanel: Component<{ messages: readonly Message[]; timeZone: string }> = (props) => {
  const locale = useLocale();
  const t = () => locale.t().phone;
  return (
    <section class="card messages" aria-labelledby="messages-title" data-testid="messages">
      <h2 id="messages-title" class="card__title">
        {t().messagesTitle}
      </h2>
      <Show when={props.messages.length > 0} fallback={<p class="card__empty">{t().noMessages}</p>}>
        <ul class="messages__list">
          <For each={props.messages}>
            {(m) => (
              <li class="messages__item">
                <p class="messages__meta">
                  {m.from} · {formatClock(new Date(m.createdAt), props.timeZone)}
                </p>
                <p class="messages__body">{m.body}</p>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
};

/** Log an outreach session or a training with its attendance. */
export const SessionForm: Component<{ onLog: (kind: 'outreach' | 'training', attendance: number) => void }> = (props) => {
  const locale = useLocale();
  const t = () => locale.t().phone;
  const [kind, setKind] = createSignal<'outreach' | 'training'>('outreach');
  const [attendance, setAttendance] = createSignal('');
  const valid = () => /^\d{1,6}$/.test(attendance()) && Number(attendance()) > 0;
  return (
    <section class="card" aria-labelledby="session-title" data-testid="session-form">
      <h2 id="session-title" class="card__title">
        {t().sessionTitle}
      </h2>
      <div class="segmented" role="group">
        <button type="button" class="segmented__option" aria-pressed={kind() === 'outreach'} onClick={() => setKind('outreach')}>
          {t().outreach}
        </button>
        <button type="button" class="segmented__option" aria-pressed={kind() === 'training'} onClick={() => setKind('training')} data-testid="session-training">
          {t().training}
        </button>
      </div>
      <form
        class="session-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!valid()) return;
          props.onLog(kind(), Number(attendance()));
          setAttendance('');
        }}
      >
        <label class="session-form__field">
          <span>{t().attendance}</span>
          <input
            type="number"
            inputmode="numeric"
            min="1"
            max="1000000"
            value={attendance()}
            onInput={(e) => setAttendance(e.currentTarget.value)}
            data-testid="session-attendance"
          />
        </label>
        <button type="submit" class="button button--primary" disabled={!valid()} data-testid="session-log">
          {t().logSession}
        </button>
      </form>
    </section>
  );
};

/** The services I use myself (member adoption): ticking one records it once. */
export const AdoptionList: Component<{ services: readonly PhoneServiceItem[]; adopted: (code: string) => boolean; onAdopt: (code: string) => void }> = (props) => {
  const locale = useLocale();
  const t = () => locale.t().phone;
  return (
    <section class="card" aria-labelledby="adoption-title" data-testid="adoption">
      <h2 id="adoption-title" class="card__title">
        {t().adoptionTitle}
      </h2>
      <p class="card__hint">{t().adoptionHint}</p>
      <ul class="adoption__list">
        <For each={props.services}>
          {(s) => (
            <li>
              <button
                type="button"
                class="adoption__item"
                aria-pressed={props.adopted(s.code)}
                disabled={props.adopted(s.code)}
                onClick={() => props.onAdopt(s.code)}
                data-testid={`adopt-${s.code}`}
              >
                <span class="adoption__box" aria-hidden="true">
                  {props.adopted(s.code) ? '✓' : ''}
                </span>
                <span>{phoneServiceName(props.services, s.code, locale.lang())}</span>
              </button>
            </li>
          )}
        </For>
      </ul>
    </section>
  );
};

/** Signing out is refused while anything is unsent: the queue belongs to this person's session. */
export const PhoneSignOut: Component<{ countUnsent: () => Promise<number> }> = (props) => {
  const auth = useAuth();
  const locale = useLocale();
  const t = () => locale.t().phone;
  /** Why signing out was refused: the number of actions still unsent, or the hub being out of reach. */
  const [refused, setRefused] = createSignal<number | 'unreachable' | null>(null);
  const [busy, setBusy] = createSignal(false);
  const signOut = async () => {
    setBusy(true);
    try {
      const unsent = await props.countUnsent();
      if (unsent > 0) return void setRefused(unsent);
      setRefused(null);
      await auth.signOut();
    } catch {
      setRefused('unreachable');
    } finally {
      setBusy(false);
    }
  };
  const refusal = () => {
    const r = refused();
    return r === null ? null : r === 'unreachable' ? locale.t().unreachableTitle : t().signOutBlocked(r);
  };
  return (
    <section class="card phone__account">
      <button type="button" class="button button--secondary button--big" disabled={busy()} onClick={() => void signOut()} data-testid="phone-sign-out">
        {t().signOut}
      </button>
      <Show when={refusal()}>
        {(text) => (
          <p class="phone__problem" role="alert" data-testid="sign-out-refused">
            {text()}
          </p>
        )}
      </Show>
    </section>
  );
};
