import { type Component, Show } from 'solid-js';
import { formatTime } from '../lib/format';
import { useLocale } from '../lib/i18n';

/**
 * "cập nhật lúc 14:03:27": when the last live message arrived. While the connection is down (or
 * the view is being resynced after it) a "đang kết nối lại…" mark follows, and the figures stay.
 */
export const Freshness: Component<{ updatedAt: number | null; timeZone: string; isReconnecting: boolean }> = (props) => {
  const locale = useLocale();
  return (
    <Show when={props.updatedAt}>
      {(updatedAt) => (
        <p class="freshness" classList={{ 'freshness--stale': props.isReconnecting }} data-testid="freshness">
          <span class="freshness__dot" aria-hidden="true" />
          <span>{locale.t().updatedAt(formatTime(updatedAt(), props.timeZone))}</span>
          <Show when={props.isReconnecting}>
            <span class="freshness__reconnecting" role="status" data-testid="reconnecting">
              {locale.t().reconnecting}
            </span>
          </Show>
        </p>
      )}
    </Show>
  );
};
