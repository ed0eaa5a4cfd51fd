import { type Component, For, Show } from 'solid-js';
import { formatClock } from '../lib/format';
import { useLocale } from '../lib/i18n';
import type { OutboxItem, SyncStatus } from './sync';

/** What is waiting to be sent and when the hub last answered; refused items with the reason. */
export const SyncBar: Component<{
  status: SyncStatus;
  timeZone: string;
  describe: (item: OutboxItem) => string;
  onRetry: () => void;
  onDismiss: (id: string) => void;
}> = (props) => {
  const locale = useLocale();
  const t = () => locale.t().phone;
  const waiting = () => props.status.waiting.length;
  const tone = () => (waiting() === 0 ? 'ok' : props.status.online ? 'busy' : 'offline');
  return (
    <>
      {/* A direct child of the page's main column, so that it can stay in sight while the page scrolls. */}
      <div class={`sync__bar sync__bar--${tone()}`} aria-live="polite" data-testid="sync-status">
        <span class="sync__count" data-testid="unsent-count">
          {waiting() === 0 ? t().allSent : t().unsent(waiting())}
        </span>
        <span class="sync__when">
          {props.status.lastSyncAt ? t().lastSync(formatClock(new Date(props.status.lastSyncAt), props.timeZone)) : t().neverSynced}
        </span>
        <Show when={waiting() > 0 && !props.status.sending}>
          <button type="button" class="sync__retry" onClick={props.onRetry} data-testid="sync-retry">
            {t().retryNow}
          </button>
        </Show>
      </div>
      <Show when={waiting() > 0 && !props.status.online}>
        <p class="sync__offline" data-testid="offline-note">
          {t().offline}
        </p>
      </Show>
      <Show when={props.status.rejected.length > 0}>
        <div class="sync__rejected" role="alert" data-testid="rejected-list">
          <p class="sync__rejected-title">{t().rejectedTitle}</p>
          <ul>
            <For each={props.status.rejected}>
              {(item) => (
                <li class="sync__rejected-item">
                  <span>
                    {props.describe(item)}
                    {item.problem?.reason ? ` — ${item.problem.reason}` : ''}
                  </span>
                  <button type="button" class="button button--secondary" onClick={() => props.onDismiss(item.id)}>
                    {t().dismiss}
                  </button>
                </li>
              )}
            </For>
          </ul>
        </div>
      </Show>
    </>
  );
};
