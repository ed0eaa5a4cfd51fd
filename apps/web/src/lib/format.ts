// Figures stay in Vietnamese format (1.081, dd/mm/yyyy) in both languages, as on the printed reports.
import { formatNumberVi } from '@xk/domain';

export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const percentVi = new Intl.NumberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 0 });

/** 1081 → "1.081". */
export const formatNumber = (n: number): string => formatNumberVi(n);

/**
 * 0.6499 → "64%": floored, so a target never reads 100% before it is met. Shares come rounded to 4
 * decimals; the whole percent is taken from that (0.29 * 100 is 28.999… in floating point).
 */
export const formatPercent = (share: number): string => percentVi.format(Math.floor(Math.round(share * 10_000) / 100) / 100);

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(kind: 'time' | 'clock' | 'date', timeZone: string): Intl.DateTimeFormat {
  const key = `${kind}|${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'date' ? { day: '2-digit', month: '2-digit', year: 'numeric' } : { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
    if (kind === 'time') options.second = '2-digit';
    try {
      f = new Intl.DateTimeFormat('vi-VN', { ...options, timeZone });
    } catch {
      // An unknown zone from the server must not blank the page.
      f = new Intl.DateTimeFormat('vi-VN', { ...options, timeZone: DEFAULT_TIME_ZONE });
    }
    formatters.set(key, f);
  }
  return f;
}

/** → "HH:MM:SS" (24-hour) in the given zone. */
export const formatTime = (instant: Date | number, timeZone: string): string =>
  formatter('time', timeZone).format(instant);

/** → "HH:MM" (24-hour) in the given zone. */
export const formatClock = (instant: Date | number, timeZone: string): string =>
  formatter('clock', timeZone).format(instant);

/** → "dd/mm/yyyy HH:MM" in the given zone. */
export const formatDateTime = (instant: Date | number, timeZone: string): string =>
  `${formatter('date', timeZone).format(instant)} ${formatClock(instant, timeZone)}`;
