/**
 * Days and display formats in an explicit IANA zone. Servers run in UTC and browsers anywhere,
 * but a campaign's "day" is the day in Việt Nam: a tap at 00:30 on 10/10 in Hà Nội
 * (17:30 UTC on 9/10) counts for Ngày Chuyển đổi số 10/10. So nothing here uses the host's zone.
 */

// Building an Intl.DateTimeFormat is slow compared with using one; totals format thousands of rows.
const dayFormats = new Map<string, Intl.DateTimeFormat>();

function dayParts(instant: Date | string, timeZone: string): { year: string; month: string; day: string } {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) throw new RangeError(`invalid instant: ${String(instant)}`);
  let format = dayFormats.get(timeZone);
  if (!format) {
    // en-CA and formatToParts: the parts are picked by type, so no locale's ordering or
    // separators leak in. Throws a RangeError for an unknown zone.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return { year: part('year').padStart(4, '0'), month: part('month'), day: part('day') };
}

/** `YYYY-MM-DD` of `instant` in `timeZone`: 2025-10-09T17:30:00Z in Asia/Ho_Chi_Minh is `2025-10-10`. */
export function localDay(instant: Date | string, timeZone: string): string {
  const { year, month, day } = dayParts(instant, timeZone);
  return `${year}-${month}-${day}`;
}

/** `dd/mm/yyyy` of `instant` in `timeZone`, the Vietnamese way of writing a date. */
export function formatDateVi(instant: Date | string, timeZone: string): string {
  const { year, month, day } = dayParts(instant, timeZone);
  return `${day}/${month}/${year}`;
}

const numberFormat = new Intl.NumberFormat('vi-VN');

/** Vietnamese grouping: `1.081`, `70.000`, `1.234,5` (dot for thousands, comma for decimals). */
export function formatNumberVi(n: number): string {
  // Intl prints -0 as "-0", which reads as a bug on a scoreboard.
  return numberFormat.format(n === 0 ? 0 : n);
}

/** Milliseconds the zone is ahead of UTC at `instant` (Asia/Ho_Chi_Minh: +7 h). */
function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The local day containing `instant` in `timeZone`, as the UTC instants of its start and end
 * (`[start, end)`), so hot paths can bucket by comparing numbers instead of formatting dates.
 */
export function localDayBounds(instant: Date | number, timeZone: string): { day: string; start: number; end: number } {
  const t = typeof instant === 'number' ? instant : instant.getTime();
  const day = localDay(new Date(t), timeZone);
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const midnightAsUtc = Date.UTC(y, m - 1, d);
  // The offset at local midnight may differ from the one at `t` across a DST change: ask twice.
  let start = midnightAsUtc - zoneOffsetMs(midnightAsUtc, timeZone);
  start = midnightAsUtc - zoneOffsetMs(start, timeZone);
  const nextAsUtc = Date.UTC(y, m - 1, d + 1);
  let end = nextAsUtc - zoneOffsetMs(nextAsUtc, timeZone);
  end = nextAsUtc - zoneOffsetMs(end, timeZone);
  return { day, start, end };
}

/**
 * `YYYY-MM-DDTHH:mm` of `instant` on the wall clock of `timeZone`: the value a `datetime-local`
 * input shows for it, so a campaign is set up in its own zone whatever the browser's.
 */
export function toZonedInput(instant: Date | string, timeZone: string): string {
  const t = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(t.getTime())) throw new RangeError(`invalid instant: ${String(instant)}`);
  const { year, month, day } = dayParts(t, timeZone);
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', hour: '2-digit', minute: '2-digit' }).formatToParts(t);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${year}-${month}-${day}T${part('hour')}:${part('minute')}`;
}

/**
 * The instant a wall-clock `YYYY-MM-DDTHH:mm` (seconds allowed) names in `timeZone`, or null when
 * it is not such a value. A time skipped by a DST change reads with the offset after it.
 */
export function fromZonedInput(local: string, timeZone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  if (new Date(asUtc).getUTCDate() !== d) return null; // 31/02
  // The offset at the guess may differ from the one at the answer across a DST change: ask twice.
  let t = asUtc - zoneOffsetMs(asUtc, timeZone);
  t = asUtc - zoneOffsetMs(t, timeZone);
  return new Date(t);
}
