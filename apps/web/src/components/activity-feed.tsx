import type { FeedItem, Service } from '@xk/contract';
import { type Component, For, Show } from 'solid-js';
import { feedWhat, feedWhere } from '../lib/feed-text';
import { formatClock } from '../lib/format';
import { useLocale } from '../lib/i18n';

/** What happened, in words; a count stands out. */
const FeedWhat: Component<{ item: FeedItem; services: readonly Service[] }> = (props) => {
  const locale = useLocale();
  return (
    <span class="feed__what" classList={{ 'feed__what--count': props.item.kind === 'assistance' }}>
      {feedWhat(props.item, props.services, locale.lang(), locale.t().feedLine)}
    </span>
  );
};

/**
 * The latest lines of the activity feed, newest first: when, who (a shortened name) and what, then where.
 * Keyed by sequence number in the store, so a new line is one new node and the others stay.
 */
export const ActivityFeed: Component<{ items: readonly FeedItem[]; services: readonly Service[]; timeZone: string }> = (
  props,
) => {
  const locale = useLocale();
  return (
    <Show when={props.items.length > 0} fallback={<p class="empty">{locale.t().noFeed}</p>}>
      <ol class="feed">
        <For each={props.items}>
          {(item) => (
            <li class="feed__item" data-testid="feed-item" data-kind={item.kind}>
              <time class="feed__time" datetime={item.at}>
                {formatClock(new Date(item.at), props.timeZone)}
              </time>
              <div class="feed__body">
                <p class="feed__line">
                  <span class="feed__who">{item.person}</span>
                  {' · '}
                  <FeedWhat item={item} services={props.services} />
                </p>
                <p class="feed__where" title={feedWhere(item)}>
                  {feedWhere(item)}
                </p>
              </div>
            </li>
          )}
        </For>
      </ol>
    </Show>
  );
};
