export interface GroupCommitOptions {
  /** Most items written by one round of transactions. */
  maxItems: number;
}

/**
 * Many requests, one short transaction: items submitted while a round is being written wait and
 * go together in the next round. A request is answered only once its own items are committed
 * (or the round failed). Rounds never overlap, and each starts on a fresh turn of the event loop,
 * so a burst can never hold the loop (PGlite runs on it) for more than one statement at a time.
 */
export function createGroupCommit<T, R>(writeRound: (items: T[]) => Promise<R[]>, options: GroupCommitOptions) {
  const queue: Array<{ item: T; resolve: (r: R) => void; reject: (e: unknown) => void }> = [];
  let running: Promise<void> | null = null;
  let rounds = 0;

  async function drain() {
    while (queue.length > 0) {
      await new Promise((resolve) => setImmediate(resolve));
      const round = queue.splice(0, options.maxItems);
      rounds++;
      try {
        const results = await writeRound(round.map((q) => q.item));
        round.forEach((q, i) => q.resolve(results[i]!));
      } catch (err) {
        for (const q of round) q.reject(err);
      }
    }
  }

  return {
    submit(items: T[]): Promise<R[]> {
      const done = Promise.all(items.map((item) => new Promise<R>((resolve, reject) => queue.push({ item, resolve, reject }))));
      running ??= drain().finally(() => {
        running = null;
      });
      return done;
    },
    /** Resolves once everything submitted so far is written (for a graceful close). */
    async idle(): Promise<void> {
      while (running) await running;
    },
    stats: () => ({ rounds, queued: queue.length }),
  };
}
