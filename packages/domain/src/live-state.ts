import { applyPatch } from './merge-patch';

/** The parts of the live messages this state machine reads (the full types are in @xk/contract). */
interface Snapshot<V, F> {
  room: string;
  seq: number;
  view: V;
  feed: F[];
}
interface Delta<F> {
  room: string;
  seq: number;
  prevSeq: number;
  patch: Record<string, unknown>;
  feed: F[];
}

export type DeltaOutcome = 'applied' | 'stale' | 'gap' | 'not-subscribed';

/**
 * A client's copy of one live room: a snapshot, then deltas applied in order. A delta that does not
 * follow the current sequence number is a gap: the caller resubscribes for a fresh snapshot rather
 * than guess, so nothing is ever counted twice or missed.
 */
export function createLiveState<V, F>(feedLimit = 50) {
  let current: Snapshot<V, F> | null = null;
  return {
    get: () => current,
    snapshot(s: Snapshot<V, F>) {
      current = { ...s, feed: s.feed.slice(0, feedLimit) };
    },
    delta(d: Delta<F>): DeltaOutcome {
      if (!current || current.room !== d.room) return 'not-subscribed';
      if (d.seq <= current.seq && d.prevSeq < current.seq) return 'stale';
      if (d.prevSeq !== current.seq) return 'gap';
      current = { room: d.room, seq: d.seq, view: applyPatch(current.view, d.patch), feed: [...d.feed, ...current.feed].slice(0, feedLimit) };
      return 'applied';
    },
    reset() {
      current = null;
    },
  };
}
