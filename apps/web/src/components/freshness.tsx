import { type Component, Show } from 'solid-js';
import { formatTime } from '../lib/format';
import { useLocale } from '../lib/i18n';

/** "cập nhật lúc 14:03:27", or a warning when the figures shown are from before a lost connection. */
export const Freshness: Component<{ updatedAt: number | null; timeZone: string; isStale: boolean }> = (props) => {
  const locale = useLocale();
  return (
    <Show when={props.updatedAt}>
      {(updatedAt) => (
        <p class="freshness" classList={{ 'freshness--stale': props.isStale }} data-testid="freshness">
          <span class="freshness__dot" aria-hidden="true" />
          {props.isStale
            ? locale.t().staleAt(formatTime(updatedAt(), props.timeZone))
            : locale.t().updatedAt(formatTime(updatedAt(), props.timeZone))}
        </p>
      )}
    </Show>
  );
};
