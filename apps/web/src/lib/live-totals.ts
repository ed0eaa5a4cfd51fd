import type { Campaign, ErrorCode, FeedItem, LiveSubscribe, LiveView, Service } from '@xk/contract';
import { createLiveState } from '@xk/domain';
import { batch, onCleanup } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { ApiError, type ApiProblem, isUnauthorized, listCampaignServices, listCampaigns } from './api';
import { DEFAULT_TIME_ZONE } from './format';
import { openLiveSocket, subscribeLive, unsubscribeLive } from './live-socket';

/** Campaign list and service names change rarely: re-read them this often (the figures are pushed). */
const CATALOG_MAX_AGE_MS = 30_000;
/** After a failed read of the catalogue, or a refused subscription, try again this soon. */
const RETRY_MS = 2000;
/** Feed lines kept and shown. */
export const FEED_LINES = 10;

export type LiveTotalsStatus = 'loading' | 'ready' | 'no-campaign' | 'unreachable' | 'error';

/** The hub answered a subscription with an error. */
export interface LiveProblem {
  code: ErrorCode | 'timeout';
  message: string;
}

export interface LiveTotalsState {
  /** null until the first list arrives. */
  campaigns: Campaign[] | null;
  selectedId: number | null;
  services: Service[];
  /** The selected campaign's live view (its scope unit, board tier); null until its snapshot arrives. */
  view: LiveView | null;
  /** The latest activity lines, newest first. */
  feed: FeedItem[];
  /** When the last snapshot or delta arrived (epoch ms). */
  updatedAt: number | null;
  /** The socket is connected and the view was resynced since: what is shown is live. */
  isLive: boolean;
  /** The socket could not connect since it last was: with no figures yet, the hub is unreachable. */
  connectFailed: boolean;
  /** Why the last read of the campaign list or service names failed; null when it succeeded. */
  catalogProblem: ApiProblem | null;
  /** Why the last subscription was refused; null once a snapshot arrived. */
  liveProblem: LiveProblem | null;
}

export interface LiveTotalsOptions {
  /** From the URL (a board: its campaign); falls back to the first campaign when absent or unknown. */
  initialCampaignId?: number | null;
  /** The unit whose live view to follow; the campaign's scope unit when absent. A board follows its own unit. */
  unitId?: number | undefined;
  /** The hub no longer accepts this browser's session (an HTTP 401, or the socket refused as 'unauthorized'). */
  onUnauthorized?: () => void;
}

const subscriptionKey = (request: LiveSubscribe) => `${request.campaignId}:${request.scope.kind}:${request.scope.id}`;

/**
 * The live totals of one campaign, pushed by the hub over Socket.IO: a snapshot when subscribing,
 * then deltas applied in order by the shared state machine. A missed delta (a gap) or a new
 * connection asks for a fresh snapshot, so a figure is never counted twice or left behind. The
 * campaign list and service names are read over HTTP, every 30 s.
 */
export function createLiveTotals(options: LiveTotalsOptions = {}) {
  const [state, setState] = createStore<LiveTotalsState>({
    campaigns: null,
    selectedId: options.initialCampaignId ?? null,
    services: [],
    view: null,
    feed: [],
    updatedAt: null,
    isLive: false,
    connectFailed: false,
    catalogProblem: null,
    liveProblem: null,
  });
  const selectedCampaign = () => state.campaigns?.find((c) => c.id === state.selectedId);

  // --- The campaign list and service names, over HTTP -------------------------------------------

  let catalogTimer: ReturnType<typeof setTimeout> | undefined;
  let catalogInFlight: AbortController | undefined;
  let catalogGeneration = 0;
  let isDisposed = false;

  async function refreshCatalog(): Promise<void> {
    clearTimeout(catalogTimer);
    catalogInFlight?.abort();
    const gen = ++catalogGeneration;
    const controller = new AbortController();
    catalogInFlight = controller;
    let ok = false;
    try {
      const campaigns = await listCampaigns(controller.signal);
      if (gen !== catalogGeneration) return;
      batch(() => {
        setState('campaigns', reconcile(campaigns, { key: 'id' }));
        if (!campaigns.some((c) => c.id === state.selectedId)) setState('selectedId', campaigns[0]?.id ?? null);
      });
      follow(); // a deleted campaign, or the first list: (re)subscribe to what is selected now
      const id = state.selectedId;
      const services = id === null ? [] : await listCampaignServices(id, controller.signal);
      if (gen !== catalogGeneration) return;
      batch(() => {
        if (state.selectedId === id) setState('services', reconcile(services, { key: 'code' }));
        setState('catalogProblem', null);
      });
      ok = true;
    } catch (err) {
      if (gen !== catalogGeneration || controller.signal.aborted) return;
      if (!(err instanceof ApiError)) throw err;
      setState('catalogProblem', err.problem);
      if (isUnauthorized(err.problem)) options.onUnauthorized?.();
    } finally {
      if (gen === catalogGeneration && !isDisposed) {
        catalogTimer = setTimeout(() => void refreshCatalog(), ok ? CATALOG_MAX_AGE_MS : RETRY_MS);
      }
    }
  }

  // --- The live view, over Socket.IO --------------------------------------------------------------

  const { socket, close } = openLiveSocket();
  const live = createLiveState<LiveView, FeedItem>(FEED_LINES);
  /** The subscription the shown view belongs to (campaign and scope), and its room once joined. */
  let followedKey: string | null = null;
  let room: string | null = null;
  /** Bumped by every subscription asked, so answers to superseded ones are dropped. */
  let subscribeGeneration = 0;
  let isSubscribing = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const wanted = (): LiveSubscribe | null => {
    const campaign = selectedCampaign();
    return campaign ? { campaignId: campaign.id, scope: { kind: 'unit', id: options.unitId ?? campaign.scopeUnitId }, tier: 'board' } : null;
  };

  /** Copies the state machine's view and feed into the store. */
  function publish(): void {
    const current = live.get();
    if (!current) return;
    batch(() => {
      // The store takes what it is given and later edits it in place: give it copies, so the state
      // machine's own view stays untouched. reconcile keeps unchanged rows (and their DOM nodes and
      // bar transitions) in place.
      setState('view', reconcile(structuredClone(current.view), { key: 'unitId' }));
      setState('feed', reconcile(structuredClone(current.feed), { key: 'seq' }));
      setState('updatedAt', Date.now());
    });
  }

  /** Asks for a fresh snapshot of what is followed: on a new connection, a gap, or a new campaign. */
  async function resync(): Promise<void> {
    clearTimeout(retryTimer);
    const request = wanted();
    if (!request || !socket.connected) return;
    const gen = ++subscribeGeneration;
    isSubscribing = true;
    let answer: Awaited<ReturnType<typeof subscribeLive>>;
    try {
      answer = await subscribeLive(socket, request);
    } catch {
      // No answer in time: ask again while connected (a new connection asks anyway).
      if (gen === subscribeGeneration) {
        isSubscribing = false;
        setState({ isLive: false, liveProblem: { code: 'timeout', message: 'no answer from the hub' } });
        retryTimer = setTimeout(() => void resync(), RETRY_MS);
      }
      return;
    }
    if (gen !== subscribeGeneration || isDisposed) {
      // Superseded. Leave the room unless it is the one followed now (re-joining is a no-op).
      if ('data' in answer && subscriptionKey(request) !== followedKey) unsubscribeLive(socket, answer.data.room);
      return;
    }
    isSubscribing = false;
    if ('error' in answer) {
      setState({ isLive: false, liveProblem: { code: answer.error, message: answer.message } });
      // The campaign or its unit may be gone: re-read the list, which follows another campaign if so.
      if (answer.error === 'not_found') void refreshCatalog();
      retryTimer = setTimeout(() => void resync(), RETRY_MS);
      if (answer.error === 'unauthorized') options.onUnauthorized?.(); // last: it may dispose of this
      return;
    }
    room = answer.data.room;
    live.snapshot(answer.data);
    batch(() => {
      publish();
      setState({ isLive: true, liveProblem: null });
    });
  }

  /** Follows the selected campaign's unit: leaves the old room and subscribes when it changed. */
  function follow(): void {
    const request = wanted();
    const key = request && subscriptionKey(request);
    if (key === followedKey) return;
    if (room !== null) unsubscribeLive(socket, room);
    followedKey = key;
    room = null;
    live.reset();
    subscribeGeneration++; // drop a pending answer for the old one
    isSubscribing = false;
    setState({ view: null, feed: [], updatedAt: null, isLive: false, liveProblem: null });
    void resync();
  }

  socket.on('connect', () => {
    setState('connectFailed', false);
    void resync();
  });
  socket.on('disconnect', () => {
    isSubscribing = false;
    setState('isLive', false);
  });
  socket.on('connect_error', (err) => {
    setState({ connectFailed: true, isLive: false });
    // The hub refuses a socket without a valid session with this message (not a network failure).
    if (err.message === 'unauthorized') options.onUnauthorized?.();
  });
  socket.on('live:changed', (delta) => {
    const outcome = live.delta(delta);
    if (outcome === 'applied') {
      publish();
    } else if (outcome === 'gap' && !isSubscribing) {
      // A message was missed: a fresh snapshot rather than a guess. The figures stay until it comes.
      void resync();
    }
    // 'stale': already applied; 'not-subscribed': a room just left, or before the snapshot.
  });

  function select(campaignId: number): void {
    if (campaignId === state.selectedId) return;
    batch(() => {
      setState({ selectedId: campaignId, services: [] });
      follow();
    });
    void refreshCatalog(); // the new campaign's service names
  }

  onCleanup(() => {
    isDisposed = true;
    catalogGeneration++;
    subscribeGeneration++;
    catalogInFlight?.abort();
    clearTimeout(catalogTimer);
    clearTimeout(retryTimer);
    close();
  });
  void refreshCatalog();

  const status = (): LiveTotalsStatus => {
    if (state.view !== null && state.view.campaignId === state.selectedId) return 'ready';
    if (state.catalogProblem !== null) return state.catalogProblem.kind === 'unreachable' ? 'unreachable' : 'error';
    if (state.campaigns?.length === 0) return 'no-campaign';
    if (state.liveProblem !== null && state.liveProblem.code !== 'timeout') return 'error';
    if (state.connectFailed) return 'unreachable';
    return 'loading';
  };
  /** Figures are on screen but are not live: the socket is down, or the resync after it is pending. */
  const isReconnecting = () => status() === 'ready' && !state.isLive;
  /** What went wrong, for status 'error' (`code` lets the screen say it in the reader's language). */
  const problem = (): { code: ErrorCode | 'timeout'; message: string; detail: string } | undefined => {
    if (status() !== 'error') return undefined;
    const http = state.catalogProblem;
    if (http?.kind === 'http') return { code: http.code, message: http.message, detail: String(http.status) };
    const refused = state.liveProblem;
    return refused ? { code: refused.code, message: refused.message, detail: refused.code } : undefined;
  };
  const timeZone = () => selectedCampaign()?.timezone ?? DEFAULT_TIME_ZONE;

  /** Reads the campaign list again now (after a campaign was created or edited here). */
  const refresh = () => refreshCatalog();

  return { state, status, isReconnecting, problem, selectedCampaign, timeZone, select, refresh };
}

export type LiveTotals = ReturnType<typeof createLiveTotals>;
