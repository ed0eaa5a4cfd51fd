import type { FeedItem, Service } from '@xk/contract';
import { type Component, For, Show } from 'solid-js';
import { formatClock, formatNumber } from '../lib/format';
import { serviceName, useLocale } from '../lib/i18n';

/** What happened, in words: "+1 Kích hoạt định danh điện tử VNeID mức 2", "điểm danh vào ca"… */
const FeedWhat: Component<{ item: FeedItem; services: readonly Service[] }> = (props) => {
  const locale = useLocale();
  const line = () => locale.t().feedLine;
  const service = () => (props.item.serviceCode ? serviceName(props.services, props.item.serviceCode, locale.lang()) : '');
  const text = () => {
    switch (props.item.kind) {
      case 'assistance':
        return line().assistance(formatNumber(props.item.quantity), service(), props.item.beneficiary === 'shop');
      case 'adoption':
        return line().adoption(service());
      case 'session':
        return line().session(props.item.sessionKind === 'training', formatNumber(props.item.attendance));
      default:
        return line()[props.item.kind];
    }
  };
  return (
    <span class="feed__what" classList={{ 'feed__what--count': props.item.kind === 'assistance' }}>
      {text()}
    </span>
  );
};

/** "Đoàn phường Lê Chân · Chợ Cột Đèn": the unit, then the station or team when there is one. */
const where = (item: FeedItem): string => [item.unitName, item.stationName ?? item.teamName].filter(Boolean).join(' · ');

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
                <p class="feed__where" title={where(item)}>
                  {where(item)}
                </p>
              </div>
            </li>
          )}
        </For>
      </ol>
    </Show>
  );
};
