// A line of the activity feed in words, for the shell's feed and the hall screen's ticker alike.
import type { FeedItem, Service } from '@xk/contract';
import { formatNumber } from './format';
import { type Lang, type Messages, serviceName } from './i18n';

/** What happened: "+1 Kích hoạt định danh điện tử VNeID mức 2", "điểm danh vào ca"… */
export function feedWhat(item: FeedItem, services: readonly Service[], lang: Lang, line: Messages['feedLine']): string {
  const service = item.serviceCode ? serviceName(services, item.serviceCode, lang) : '';
  switch (item.kind) {
    case 'assistance':
      return line.assistance(formatNumber(item.quantity), service, item.beneficiary === 'shop');
    case 'adoption':
      return line.adoption(service);
    case 'session':
      return line.session(item.sessionKind === 'training', formatNumber(item.attendance));
    default:
      return line[item.kind];
  }
}

/** "Đoàn phường Lê Chân · Chợ Cột Đèn": the unit, then the station or team when there is one. */
export const feedWhere = (item: FeedItem): string => [item.unitName, item.stationName ?? item.teamName].filter(Boolean).join(' · ');
