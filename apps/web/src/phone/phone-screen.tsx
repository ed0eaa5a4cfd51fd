// The volunteer's phone: today's place, check in and out, tap to count, live tallies, moves and
// messages. Every action goes to the outbox (IndexedDB) first, then to the hub: nothing is lost to
// a lane with no signal, and the screen says what is still waiting.
import type { Me, Message, Move, PhoneToday } from '@xk/contract';
import { type Component, createEffect, createMemo, createSignal, For, Match, lazy, on, onCleanup, onMount, Show, Switch } from 'solid-js';
import { Notice } from '../components/notice';
import { LangSwitch } from '../components/lang-switch';
import { ackMove, fetchMessagesSince } from '../lib/api';
import { useAuth } from '../lib/auth';
import { DEFAULT_TIME_ZONE } from '../lib/format';
import { useLocale } from '../lib/i18n';
import { cacheGet, cacheSet } from './phone-db';
import { InsecureNotice } from './environment-notices';
import { createPhoneLive } from './phone-live';
import { AdoptionList, CampaignProgress, MessagesPanel, MoveBanner, PhoneSignOut, residentsOf, SessionForm, Tallies, type TallyRow } from './phone-panels';
import { readOutbox } from './outbox';
import { createPhoneToday } from './phone-today';
import { type Duty, PlacementCard } from './placement-card';
import { registerPhoneServiceWorker } from './pwa';
import { installServerClock, serverNow } from './server-clock';
import { type CountRequest, phoneServiceName, ServicePad } from './service-pad';
import { createPhoneSync, type OutboxItem } from './sync';
import { SyncBar } from './sync-bar';

const UNDO_MS = 6000;
/** Opened by a tap (and precached by the service worker): kept out of the first load on a slow link. */
const CheckInSheet = lazy(() => import('./check-in-sheet').then((m) => ({ default: m.CheckInSheet })));
const MESSAGES_KEPT = 30;


/** `#/checkin/<token>`: a station poster scanned with the phone's own camera app. */
export function checkInCodeFromHash(hash: string): string | undefined {
  const match = /^#\/checkin\/([^/?#]+)\/?$/.exec(hash);
  if (!match) return undefined;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return undefined;
  }
}

/** The phone screen for whoever is signed in here — or, with no network, whoever last was. */
export const PhoneScreen: Component<{ me: Me | null }> = (props) => {
  const auth = useAuth();
  const locale = useLocale();
  const t = () => locale.t().phone;
  void installServerClock();
  onMount(() => void registerPhoneServiceWorker());
  const store = createPhoneToday({ personId: props.me?.person?.id ?? null, onUnauthorized: auth.sessionEnded });

  return (
    <div class="phone" data-testid="phone-screen">
      <header class="phone__header">
        <div class="phone__who">
          <span class="phone__brand">{locale.t().appName}</span>
          <span class="phone__name" data-testid="phone-person">
            {store.today()?.person.name ?? props.me?.person?.name ?? ''}
          </span>
        </div>
        <LangSwitch />
      </header>
      <InsecureNotice />
      <Switch>
        {/* Keyed on the campaign, not on the day's copy: a fresh read must not restart the outbox and the socket. */}
        <Match when={store.today()?.campaign?.id} keyed>
          {(campaignId) => <PhoneDay store={store} campaignId={campaignId} personId={store.today()!.person.id} />}
        </Match>
        <Match when={store.status() === 'ready'}>
          <Notice tone="info" title={t().noCampaign} testId="no-campaign" />
          <div class="phone__main">
            <PhoneSignOut countUnsent={() => unsentOf(store.today()!.person.id)} />
          </div>
        </Match>
        <Match when={store.status() === 'offline-empty'}>
          <Notice tone="warning" title={t().offlineFirstLoad} testId="offline-empty" />
        </Match>
        <Match when={store.status() === 'error'}>
          <Notice tone="error" title={locale.t().errorTitle} testId="api-error">
            {store.problem()?.kind === 'http' ? (store.problem() as { message: string }).message : ''}
          </Notice>
        </Match>
        <Match when={store.status() === 'loading'}>
          <Notice tone="info" title={t().loading} testId="loading" />
        </Match>
      </Switch>
    </div>
  );
};

/** Where my duty stands on this phone: what I last did here (it may not have reached the hub yet). */
interface LocalDuty {
  personId: number;
  campaignId: number;
  stationId: number | null;
  at: string;
}
const DUTY_KEY = 'duty';

/** One campaign's day: created anew (sync, socket) when the campaign changes. */
const PhoneDay: Component<{ store: ReturnType<typeof createPhoneToday>; campaignId: number; personId: number }> = (props) => {
  const auth = useAuth();
  const locale = useLocale();
  const t = () => locale.t().phone;
  const today = () => props.store.today()!;
  const timeZone = () => today().campaign?.timezone ?? DEFAULT_TIME_ZONE;
  const sync = createPhoneSync({ personId: props.personId, campaignId: props.campaignId });
  onCleanup(() => sync.dispose());

  // --- Duty: the hub's word, unless this phone did something newer ---------------------------------
  const [localDuty, setLocalDuty] = createSignal<LocalDuty | null>(null);
  void cacheGet<LocalDuty>(DUTY_KEY).then((d) => {
    if (d && d.personId === props.personId && d.campaignId === props.campaignId && localDuty() === null) setLocalDuty(d);
  });
  const waitingDutyChange = () => sync.status().waiting.some((i) => i.entry.kind === 'check_in' || i.entry.kind === 'check_out');
  const duty = createMemo((): Duty | null => {
    const mine = localDuty();
    const stationName = (id: number) => today().stations.find((s) => s.id === id)?.name ?? (today().placement?.station?.id === id ? today().placement!.station!.name : `#${id}`);
    if (mine && (waitingDutyChange() || mine.at > today().serverTime)) {
      return mine.stationId === null ? null : { stationId: mine.stationId, stationName: stationName(mine.stationId), since: mine.at };
    }
    const server = today().onDuty;
    if (!server) return null;
    const shift = today().placement?.shift;
    // The shift's end checks me out by itself (the hub counts it so too).
    if (server.shiftId && shift && shift.id === server.shiftId && new Date(shift.endsAt) <= serverNow()) return null;
    return { stationId: server.stationId, stationName: stationName(server.stationId), since: server.since };
  });
  const rememberDuty = (stationId: number | null, at: string) => {
    const d: LocalDuty = { personId: props.personId, campaignId: props.campaignId, stationId, at };
    setLocalDuty(d);
    void cacheSet(DUTY_KEY, d).catch(() => {});
  };

  // --- Toast with undo ---------------------------------------------------------------------------
  const [toast, setToast] = createSignal<{ text: string; undo?: OutboxItem } | null>(null);
  let toastTimer: ReturnType<typeof setTimeout> | undefined;
  const say = (text: string, undo?: OutboxItem) => {
    clearTimeout(toastTimer);
    setToast(undo ? { text, undo } : { text });
    toastTimer = setTimeout(() => setToast(null), UNDO_MS);
  };
  onCleanup(() => clearTimeout(toastTimer));
  const undo = async (item: OutboxItem) => {
    setToast(null);
    const result = await sync.undo(item.id);
    if (result === 'sent') await sync.enqueue({ kind: 'correction', correctsId: item.id, action: 'void', reason: t().undoReason });
    if (item.entry.kind === 'adoption') setAdoptedHere((s) => s.filter((c) => c !== (item.entry as { serviceCode: string }).serviceCode));
    say(t().undone);
  };

  // --- Actions -----------------------------------------------------------------------------------
  const placementIds = () => {
    const ids: { stationId?: number; teamId?: number } = {};
    const d = duty();
    if (d) ids.stationId = d.stationId;
    else if (today().placement?.station) ids.stationId = today().placement!.station!.id;
    if (today().placement?.team) ids.teamId = today().placement!.team!.id;
    return ids;
  };
  const name = (code: string) => phoneServiceName(today().services, code, locale.lang());
  /** A queued item in words, for the list of refused ones. */
  const describe = (item: OutboxItem) => {
    const e = item.entry;
    if (e.kind === 'assistance') return `+${e.quantity ?? 1} ${name(e.serviceCode)}`;
    if (e.kind === 'adoption') return `${t().kinds.adoption}: ${name(e.serviceCode)}`;
    return t().kinds[e.kind] ?? e.kind;
  };

  const count = async (r: CountRequest) => {
    const item = await sync.enqueue({
      kind: 'assistance',
      serviceCode: r.serviceCode,
      quantity: r.quantity,
      beneficiary: r.shop ? 'shop' : 'resident',
      ...(r.ageBand ? { tags: { ageBand: r.ageBand } } : {}),
      ...placementIds(),
    });
    navigator.vibrate?.(15);
    say(t().counted(r.quantity, name(r.serviceCode)), item);
  };

  const [sheet, setSheet] = createSignal<{ code?: string } | null>(null);
  const checkIn = async (station: PhoneToday['stations'][number], posterCode?: string) => {
    setSheet(null);
    const shift = today().placement?.shift;
    const shiftId = shift && today().placement?.station?.id === station.id && new Date(shift.endsAt) > serverNow() ? shift.id : undefined;
    const item = await sync.enqueue({
      kind: 'check_in',
      stationId: station.id,
      ...(shiftId ? { shiftId } : {}),
      ...(posterCode ? { posterCode } : {}),
      ...(today().placement?.team ? { teamId: today().placement!.team!.id } : {}),
    });
    rememberDuty(station.id, item.entry.occurredAt);
    say(t().checkedIn(station.name));
  };
  const checkOut = async () => {
    const item = await sync.enqueue({ kind: 'check_out', ...placementIds() });
    rememberDuty(null, item.entry.occurredAt);
    say(t().checkedOut);
  };

  // A poster scanned with the camera app opened this page: go straight to the check-in.
  const openFromHash = () => {
    const code = checkInCodeFromHash(location.hash);
    if (!code) return;
    history.replaceState(history.state, '', location.pathname + location.search);
    setSheet({ code });
  };
  openFromHash();
  window.addEventListener('hashchange', openFromHash);
  onCleanup(() => window.removeEventListener('hashchange', openFromHash));

  const logSession = async (kind: 'outreach' | 'training', attendance: number) => {
    const item = await sync.enqueue({ kind: 'session', sessionKind: kind, attendance, ...placementIds() });
    say(t().sessionLogged(attendance), item);
  };

  const [adoptedHere, setAdoptedHere] = createSignal<string[]>([]);
  const adopted = (code: string) =>
    today().adopted.includes(code) ||
    adoptedHere().includes(code) ||
    sync.status().waiting.some((i) => i.entry.kind === 'adoption' && i.entry.serviceCode === code);
  const adopt = async (code: string) => {
    setAdoptedHere((s) => [...s, code]);
    const item = await sync.enqueue({ kind: 'adoption', serviceCode: code });
    say(name(code), item);
  };

  // --- Live: my tallies, my station's or team's, the campaign's; moves and messages ----------------
  const [moves, setMoves] = createSignal<Move[]>([]);
  const [messages, setMessages] = createSignal<Message[]>([]);
  createEffect(
    on(
      () => props.store.today(),
      (t) => {
        if (!t) return;
        setMoves(t.pendingMoves.filter((m) => m.status === 'pending'));
        setMessages((old) => mergeMessages(old, t.messages));
      },
    ),
  );
  // A new move's banner is at the top of the page: bring it into sight, wherever the thumb had scrolled.
  createEffect(
    on(
      () => moves().length,
      (n, prev) => {
        if (n > (prev ?? 0)) window.scrollTo({ top: 0, behavior: 'smooth' });
      },
    ),
  );
  const live = createPhoneLive({
    campaignId: props.campaignId,
    scopes: () => {
      const p = today().placement;
      const d = duty();
      const stationId = d?.stationId ?? p?.station?.id;
      return {
        me: { kind: 'person', id: props.personId },
        group: stationId ? { kind: 'station', id: stationId } : p?.team ? { kind: 'team', id: p.team.id } : null,
        campaign: today().campaign ? { kind: 'unit', id: today().campaign!.scopeUnitId } : null,
      };
    },
    onMove: (move) => {
      if (move.personId !== props.personId) return;
      navigator.vibrate?.([200, 100, 200]);
      void props.store.reload(); // the full move (and the new placement) comes with the day
    },
    onMessage: (m) => {
      setMessages((old) => mergeMessages(old, [{ ...m, senderId: null, createdAt: m.at, audience: { kind: m.audience.kind, id: m.audience.id } } as Message]));
      navigator.vibrate?.(100);
    },
    // Back from a lost connection: what was pushed meanwhile (moves, messages, placement) comes with the day.
    // The socket back is the surest sign the hub is reachable again: send what waits, now.
    onConnect: () => {
      void props.store.reload();
      void sync.flush();
    },
    onUnauthorized: auth.sessionEnded,
  });
  createEffect(() => live.follow());

  // The outbox just emptied: the hub now knows everything this phone did; read the day again.
  createEffect(
    on(
      () => sync.status().waiting.length,
      (n, prev) => {
        if (n === 0 && (prev ?? 0) > 0) void props.store.reload();
      },
    ),
  );

  const waitingAssistance = (code?: string) =>
    sync.status().waiting.reduce((n, i) => (i.entry.kind === 'assistance' && (code === undefined || i.entry.serviceCode === code) && i.entry.beneficiary !== 'shop' ? n + (i.entry.quantity ?? 1) : n), 0);
  const mineFor = (code: string) => (live.view('me')?.residents.byService[code] ?? 0) + (live.view('me')?.shops.byService[code] ?? 0) + waitingAssistance(code);

  const tallyRows = (): TallyRow[] => {
    const me = residentsOf(live.view('me'));
    const pending = waitingAssistance();
    const rows: TallyRow[] = [
      { label: t().myToday, value: me.today + pending, testId: 'tally-me-today', ...(pending ? { note: t().unsent(pending) } : {}) },
      { label: t().myTotal, value: me.total + pending, testId: 'tally-me-total' },
    ];
    const group = live.view('group');
    if (group) rows.push({ label: group.scope.kind === 'station' ? t().stationToday : t().teamToday, value: group.residents.today, testId: 'tally-group-today', note: t().onDutyNow(String(group.volunteers.onDutyNow)) });
    const campaign = live.view('campaign');
    if (campaign) rows.push({ label: t().campaignTotal, value: campaign.residents.total, testId: 'tally-campaign-total', note: `${t().campaignToday}: ${campaign.residents.today}` });
    return rows;
  };

  const ack = async (move: Move) => {
    await ackMove(move.id, props.personId);
    setMoves((all) => all.filter((m) => m.id !== move.id));
    void props.store.reload();
  };
  const placeOf = (move: Move) => {
    const station = move.toStationId ? today().stations.find((s) => s.id === move.toStationId)?.name : undefined;
    const team = move.toTeamId && today().placement?.team?.id === move.toTeamId ? today().placement!.team!.name : undefined;
    return [station, team].filter(Boolean).join(' · ') || (move.toStationId ? `#${move.toStationId}` : '—');
  };

  // Messages that arrived while the socket was down come with the next read of the day; between
  // reads, ask for those after the newest one held.
  const catchUpMessages = async () => {
    const newest = messages()[0]?.createdAt;
    try {
      const more = await fetchMessagesSince(props.campaignId, props.personId, newest);
      setMessages((old) => mergeMessages(old, more));
    } catch {
      // offline: the next connection asks again
    }
  };
  createEffect(on(live.connected, (c) => c && void catchUpMessages(), { defer: true }));

  return (
    <main class="phone__main">
      <For each={moves()}>{(move) => <MoveBanner move={move} place={placeOf(move)} onAck={() => ack(move)} />}</For>
      <SyncBar status={sync.status()} timeZone={timeZone()} describe={describe} onRetry={() => void sync.flush()} onDismiss={(id) => void sync.dismiss(id)} />
      <PlacementCard today={today()} duty={duty()} timeZone={timeZone()} onCheckIn={() => setSheet({})} onCheckOut={() => void checkOut()} />
      <ServicePad services={today().services} mine={mineFor} onCount={(r) => void count(r)} />
      <Tallies rows={tallyRows()} />
      <CampaignProgress targets={live.view('campaign')?.targets ?? []} services={today().services} />
      <MessagesPanel messages={messages()} timeZone={timeZone()} />
      <SessionForm onLog={(kind, n) => void logSession(kind, n)} />
      <AdoptionList services={today().services} adopted={adopted} onAdopt={(code) => void adopt(code)} />
      <PhoneSignOut countUnsent={async () => ((await sync.hasUnsent()) ? Math.max(1, sync.status().waiting.length) : 0)} />
      <Show when={sheet()}>
        {(s) => <CheckInSheet today={today()} initialCode={s().code} onPick={(station, code) => void checkIn(station, code)} onClose={() => setSheet(null)} />}
      </Show>
      <Show when={toast()}>
        {(tt) => (
          <div class="toast" role="status" data-testid="toast">
            <span>{tt().text}</span>
            <Show when={tt().undo}>
              {(item) => (
                <button type="button" class="toast__undo" onClick={() => void undo(item())} data-testid="undo">
                  {t().undo}
                </button>
              )}
            </Show>
          </div>
        )}
      </Show>
    </main>
  );
};

/** This person's items still in the outbox, of any campaign. */
async function unsentOf(personId: number): Promise<number> {
  try {
    return (await readOutbox()).filter((i) => i.entry.personId === personId && i.state === 'waiting').length;
  } catch {
    return 0;
  }
}

function mergeMessages(old: readonly Message[], more: readonly Message[]): Message[] {
  const byId = new Map<string, Message>();
  for (const m of [...old, ...more]) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1)).slice(0, MESSAGES_KEPT);
}
