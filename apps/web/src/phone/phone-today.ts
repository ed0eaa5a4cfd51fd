// The volunteer's day as the hub last told it (GET /api/v1/phone/today), kept in IndexedDB so the
// phone opens on it with no network. Read again on every (re)connection and after a move.
import type { PhoneToday } from '@xk/contract';
import { createSignal, onCleanup } from 'solid-js';
import { ApiError, type ApiProblem, fetchPhoneToday, isUnauthorized } from '../lib/api';
import { cacheGet, cacheSet } from './phone-db';
import { fetchWithClock } from './server-clock';

const CACHE_KEY = 'today';
const RETRY_MS = 5000;

export type TodayStatus = 'loading' | 'ready' | 'offline-empty' | 'error';

export function createPhoneToday(options: { personId: number | null; onUnauthorized: () => void }) {
  const [today, setToday] = createSignal<PhoneToday | null>(null);
  const [fromCache, setFromCache] = createSignal(false);
  const [problem, setProblem] = createSignal<ApiProblem | null>(null);
  const [loading, setLoading] = createSignal(true);
  let campaignId: number | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let generation = 0;
  let disposed = false;

  const belongsHere = (t: PhoneToday | undefined): t is PhoneToday =>
    !!t && (options.personId === null || t.person.id === options.personId);

  // The copy from the last visit first: a phone in a lane with no signal still opens on its day.
  void cacheGet<PhoneToday>(CACHE_KEY)
    .then((kept) => {
      if (!disposed && belongsHere(kept) && today() === null) {
        campaignId ??= kept.campaign?.id;
        setToday(kept);
        setFromCache(true);
      }
    })
    .catch(() => {});

  async function load(): Promise<void> {
    clearTimeout(retry);
    const gen = ++generation;
    try {
      const answer = await fetchWithClock(() => fetchPhoneToday(campaignId));
      if (gen !== generation || disposed) return;
      campaignId = answer.campaign?.id;
      setToday(answer);
      setFromCache(false);
      setProblem(null);
      void cacheSet(CACHE_KEY, answer).catch(() => {});
    } catch (err) {
      if (gen !== generation || disposed) return;
      if (!(err instanceof ApiError)) throw err;
      if (isUnauthorized(err.problem)) return options.onUnauthorized();
      setProblem(err.problem);
      retry = setTimeout(() => void load(), RETRY_MS);
    } finally {
      if (gen === generation) setLoading(false);
    }
  }

  const status = (): TodayStatus => {
    if (today()) return 'ready';
    if (loading()) return 'loading';
    return problem()?.kind === 'unreachable' ? 'offline-empty' : 'error';
  };

  void load();
  onCleanup(() => {
    disposed = true;
    clearTimeout(retry);
  });

  return {
    today,
    status,
    problem,
    /** What is shown came from this phone's copy, not (yet) from the hub. */
    fromCache,
    reload: load,
    selectCampaign(id: number) {
      campaignId = id;
      void load();
    },
    /** Changes the kept copy in place (a move acknowledged, a message pushed) until the next read. */
    update(change: (t: PhoneToday) => PhoneToday) {
      const current = today();
      if (!current) return;
      const next = change(current);
      setToday(next);
      void cacheSet(CACHE_KEY, next).catch(() => {});
    },
  };
}

export type PhoneTodayStore = ReturnType<typeof createPhoneToday>;
