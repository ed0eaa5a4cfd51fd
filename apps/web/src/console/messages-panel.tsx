import type { Message, RosterView } from '@xk/contract';
import { type Component, createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import { listMessages, postMessage } from '../lib/console-api';
import { formatClock } from '../lib/format';
import { newId } from '../phone/ids';
import { failureText } from './failure-text';
import type { ConsoleMessages } from './i18n-console';

/** How often the sent messages are read again (they are few, and phones get them pushed). */
const REFRESH_MS = 20_000;

export type Audience = { kind: 'on_duty' } | { kind: 'station' | 'team'; id: number };
export const audienceKey = (a: Audience) => (a.kind === 'on_duty' ? 'on_duty' : `${a.kind}:${a.id}`);
const audienceOf = (key: string): Audience => {
  if (key === 'on_duty') return { kind: 'on_duty' };
  const [kind, id] = key.split(':');
  return { kind: kind as 'station' | 'team', id: Number(id) };
};

/**
 * Messages to a team, a station or everyone on duty: pushed to their phones at once, kept for those
 * offline. The id is made once per message, so pressing Send again after a lost answer sends it once.
 */
export const MessagesPanel: Component<{ campaignId: number; roster: RosterView; t: ConsoleMessages; timeZone: string; me: number | undefined; audience: string; onAudience: (key: string) => void }> = (props) => {
  const [body, setBody] = createSignal('');
  const [pendingId, setPendingId] = createSignal<string | null>(null);
  const [state, setState] = createSignal<'idle' | 'sending' | 'sent'>('idle');
  const [problem, setProblem] = createSignal<string | null>(null);
  const [messages, { refetch }] = createResource(() => props.campaignId, (id) => listMessages(id).catch(() => [] as Message[]));
  const timer = setInterval(() => void refetch(), REFRESH_MS);
  onCleanup(() => clearInterval(timer));
  const audienceName = (m: { audience: { kind: string; id: number | null } }) =>
    m.audience.kind === 'on_duty' ? props.t.everyoneOnDuty
    : m.audience.kind === 'station' ? props.t.stationAudience(props.roster.stations[m.audience.id!]?.name ?? `#${m.audience.id}`)
    : props.t.teamAudience(props.roster.teams[m.audience.id!]?.name ?? `#${m.audience.id}`);
  const send = async (e: Event) => {
    e.preventDefault();
    if (!body().trim()) return;
    const id = pendingId() ?? newId();
    setPendingId(id);
    setState('sending');
    setProblem(null);
    try {
      await postMessage(props.campaignId, { id, audience: audienceOf(props.audience), body: body().trim(), ...(props.me !== undefined ? { senderId: props.me } : {}) });
      setBody('');
      setPendingId(null);
      setState('sent');
      void refetch();
    } catch (err) {
      setState('idle');
      setProblem(failureText(err, props.t.unreachable));
    }
  };
  const newest = () => [...(messages() ?? [])].reverse().slice(0, 30);
  return (
    <section class="ops__panel" aria-labelledby="ops-messages">
      <h2 id="ops-messages" class="ops__heading">
        {props.t.messagesTitle}
      </h2>
      <form class="message-form" onSubmit={(e) => void send(e)}>
        <label class="field">
          <span class="field__label">{props.t.audience}</span>
          <select class="field__input field__input--boxed" value={props.audience} onChange={(e) => props.onAudience(e.currentTarget.value)} data-testid="message-audience">
            <option value="on_duty">{props.t.everyoneOnDuty}</option>
            <For each={Object.values(props.roster.stations).sort((a, b) => a.name.localeCompare(b.name, 'vi'))}>{(s) => <option value={`station:${s.id}`}>{props.t.stationAudience(s.name)}</option>}</For>
            <For each={Object.values(props.roster.teams).sort((a, b) => a.name.localeCompare(b.name, 'vi'))}>{(x) => <option value={`team:${x.id}`}>{props.t.teamAudience(x.name)}</option>}</For>
          </select>
        </label>
        <label class="field">
          <span class="field__label">{props.t.messageBody}</span>
          <textarea
            class="field__input field__input--boxed"
            rows={3}
            maxLength={1000}
            placeholder={props.t.messagePlaceholder}
            value={body()}
            onInput={(e) => {
              setBody(e.currentTarget.value);
              setPendingId(null); // another text is another message
              setState('idle');
            }}
            data-testid="message-body"
          />
        </label>
        <div class="message-form__foot">
          <Show when={state() === 'sent'}>
            <span class="ops__ok" role="status">
              {props.t.sent}
            </span>
          </Show>
          <Show when={problem()}>
            <span class="field__error" role="alert">
              {problem()}
            </span>
          </Show>
          <button type="submit" class="button button--primary button--small" disabled={state() === 'sending' || !body().trim()} data-testid="message-send">
            {state() === 'sending' ? props.t.sending : props.t.send}
          </button>
        </div>
      </form>
      <Show when={newest().length} fallback={<p class="ops__empty">{props.t.noMessages}</p>}>
        <ol class="ops-messages" data-testid="messages">
          <For each={newest()}>
            {(m) => (
              <li class="ops-message">
                <p class="move__meta">
                  <span class="move__time">{formatClock(new Date(m.createdAt), props.timeZone)}</span>
                  <span>{audienceName(m)}</span>
                  <span>{m.from}</span>
                </p>
                <p>{m.body}</p>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </section>
  );
};
