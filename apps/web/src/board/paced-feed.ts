// The ticker's lines, paced: on a launch day hundreds of entries a minute arrive, more than anyone
// can read. The ticker takes one line per beat, so each is on screen long enough to read, and it
// never falls behind the data: when more are waiting than it could show in a few beats, it skips
// to the newest. Pure (`nextShown`) plus a timer around it.
import type { FeedItem } from '@xk/contract';
import { type Accessor, createSignal, onCleanup } from 'solid-js';

export const TICKER_BEAT_MS = 1500;
/** Lines waiting beyond this many are skipped: the ticker shows now, not a minute ago. */
const MAX_BEHIND = 2;

/**
 * The lines shown after one beat: `shown` (newest first) with one more in front when the feed has
 * lines newer than the newest shown — the oldest of them while few wait, else the newest.
 */
export function nextShown(shown: readonly FeedItem[], feed: readonly FeedItem[], limit: number): FeedItem[] {
  const newest = shown[0]?.seq ?? 0;
  // The feed went back (another campaign, a database restored from a backup): start again from it.
  const feedNewest = feed.reduce((n, item) => Math.max(n, item.seq), 0);
  if (feed.length > 0 && feedNewest < newest) return [...feed].sort((a, b) => b.seq - a.seq).slice(0, limit);
  const waiting = feed.filter((item) => item.seq > newest).sort((a, b) => a.seq - b.seq);
  if (waiting.length === 0) return shown as FeedItem[];
  const next = waiting.length > MAX_BEHIND ? waiting[waiting.length - 1]! : waiting[0]!;
  return [next, ...shown].slice(0, limit);
}

export function createPacedFeed(feed: Accessor<readonly FeedItem[]>, limit: number, beatMs = TICKER_BEAT_MS): Accessor<FeedItem[]> {
  // The first lines are shown at once (a board just opened is not empty); then one per beat. Lines
  // already shown keep their objects, so only the new one is a new row (and slides in).
  const copy = (item: FeedItem): FeedItem => ({ ...item });
  const [shown, setShown] = createSignal<FeedItem[]>(feed().slice(0, limit).map(copy));
  const timer = setInterval(() => {
    const current = shown();
    const next = nextShown(current, feed(), limit);
    if (next !== current) setShown(next.map((item) => (current.includes(item) ? item : copy(item))));
  }, beatMs);
  onCleanup(() => clearInterval(timer));
  return shown;
}
