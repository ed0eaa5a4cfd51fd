import type { Campaign, Service, UnitTotals } from '@xk/contract';
import { batch, onCleanup } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { ApiError, type ApiProblem, getCampaignTotals, listCampaignServices, listCampaigns } from './api';
import { DEFAULT_TIME_ZONE } from './format';

/** Campaign list and service names change rarely: re-read them this often, totals on every tick. */
const CATALOG_MAX_AGE_MS = 30_000;

export type CampaignTotalsStatus = 'loading' | 'ready' | 'no-campaign' | 'unreachable' | 'error';

export interface CampaignTotalsState {
  /** null until the first list arrives. */
  campaigns: Campaign[] | null;
  selectedId: number | null;
  services: Service[];
  totals: UnitTotals | null;
  /** When the shown totals were received (epoch ms). */
  updatedAt: number | null;
  /** Why the last refresh failed; null when it succeeded. */
  problem: ApiProblem | null;
}

export interface CampaignTotalsOptions {
  /** From the URL; falls back to the first campaign when absent or unknown. */
  initialCampaignId?: number | null;
  pollMs?: number;
}

/**
 * The live totals of one campaign, polled every 2 s. Polling lives only here and in lib/api.ts:
 * swapping it for Socket.IO pushes (re-fetch on connect, then apply events) changes nothing else.
 */
export function createCampaignTotals(options: CampaignTotalsOptions = {}) {
  const pollMs = options.pollMs ?? 2000;
  const [state, setState] = createStore<CampaignTotalsState>({
    campaigns: null,
    selectedId: options.initialCampaignId ?? null,
    services: [],
    totals: null,
    updatedAt: null,
    problem: null,
  });

  let campaignsAt = 0;
  let servicesAt = 0;
  let servicesFor: number | null = null;
  // Bumped on every restart so answers to superseded requests are dropped.
  let generation = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: AbortController | undefined;
  let isDisposed = false;

  async function refresh(gen: number, signal: AbortSignal): Promise<void> {
    if (state.campaigns === null || state.campaigns.length === 0 || Date.now() - campaignsAt >= CATALOG_MAX_AGE_MS) {
      const campaigns = await listCampaigns(signal);
      if (gen !== generation) return;
      campaignsAt = Date.now();
      batch(() => {
        setState('campaigns', reconcile(campaigns));
        if (!campaigns.some((c) => c.id === state.selectedId)) setState('selectedId', campaigns[0]?.id ?? null);
      });
    }
    const id = state.selectedId;
    if (id === null) {
      setState({ totals: null, problem: null });
      return;
    }
    const needsServices = servicesFor !== id || Date.now() - servicesAt >= CATALOG_MAX_AGE_MS;
    const [totals, services] = await Promise.all([
      getCampaignTotals(id, signal),
      needsServices ? listCampaignServices(id, signal) : undefined,
    ]);
    if (gen !== generation) return;
    batch(() => {
      // reconcile keeps unchanged rows (and their DOM nodes and bar transitions) in place.
      setState('totals', reconcile(totals, { key: 'unitId' }));
      if (services) {
        setState('services', reconcile(services, { key: 'code' }));
        servicesFor = id;
        servicesAt = Date.now();
      }
      setState({ updatedAt: Date.now(), problem: null });
    });
  }

  async function tick(): Promise<void> {
    timer = undefined;
    const gen = generation;
    const controller = new AbortController();
    inFlight = controller;
    try {
      // A hidden tab (a phone in a pocket) skips the network; becoming visible refreshes at once.
      if (!document.hidden) await refresh(gen, controller.signal);
    } catch (err) {
      if (gen !== generation || controller.signal.aborted) return;
      if (!(err instanceof ApiError)) throw err;
      // The campaign may have been deleted: re-read the list on the next tick.
      if (err.problem.kind === 'http' && err.problem.status === 404) campaignsAt = 0;
      setState('problem', err.problem);
    } finally {
      if (gen === generation && !isDisposed) timer = setTimeout(() => void tick(), pollMs);
    }
  }

  function restart(): void {
    generation += 1;
    inFlight?.abort();
    clearTimeout(timer);
    void tick();
  }

  function select(campaignId: number): void {
    if (campaignId === state.selectedId) return;
    setState({ selectedId: campaignId, totals: null, updatedAt: null, problem: null });
    restart();
  }

  const onVisibilityChange = () => {
    if (!document.hidden) restart();
  };
  document.addEventListener('visibilitychange', onVisibilityChange);
  onCleanup(() => {
    isDisposed = true;
    generation += 1;
    inFlight?.abort();
    clearTimeout(timer);
    document.removeEventListener('visibilitychange', onVisibilityChange);
  });
  restart();

  const status = (): CampaignTotalsStatus => {
    if (state.totals !== null && state.totals.campaignId === state.selectedId) return 'ready';
    if (state.problem !== null) return state.problem.kind === 'unreachable' ? 'unreachable' : 'error';
    if (state.campaigns?.length === 0) return 'no-campaign';
    return 'loading';
  };
  /** Figures are on screen but the last refresh failed. */
  const isStale = () => status() === 'ready' && state.problem !== null;
  const selectedCampaign = () => state.campaigns?.find((c) => c.id === state.selectedId);
  const timeZone = () => selectedCampaign()?.timezone ?? DEFAULT_TIME_ZONE;

  return { state, status, isStale, selectedCampaign, timeZone, select };
}

export type CampaignTotals = ReturnType<typeof createCampaignTotals>;
