import './console.css';
import type { Campaign, RosterMove, RosterPerson, Service, Unit } from '@xk/contract';
import { type Component, createEffect, createMemo, createResource, createSignal, For, Match, on, onCleanup, Show, Switch } from 'solid-js';
import { CampaignPicker } from '../components/campaign-picker';
import { Freshness } from '../components/freshness';
import { Notice } from '../components/notice';
import { campaignUnits, UnitPicker } from '../components/unit-picker';
import { listCampaignServices } from '../lib/api';
import { useAuth } from '../lib/auth';
import { listUnitsOfMine } from '../lib/console-api';
import { useLocale } from '../lib/i18n';
import { BackfillDialog } from './backfill-dialog';
import { readSettings, readUnitParam, writeSettings, writeUnitParam } from './console-settings';
import type { Dragged } from './drag-data';
import { FixRecordDialog } from './fix-record-dialog';
import { consoleMessages } from './i18n-console';
import { createMoveActions, type Destination, type Outcome } from './move-actions';
import { MoveDialog } from './move-dialog';
import { MessagesPanel, audienceKey } from './messages-panel';
import { MovesLog } from './moves-log';
import { OpsSummary } from './ops-summary';
import { PeopleList } from './people-list';
import { createRosterLive } from './roster-live';
import { type ConsoleSettings, flagsOf, membersOf, type PersonFilter, withPartners } from './roster-rules';
import { StationBoard } from './station-board';

export interface OpsPanelProps {
  campaign: Campaign;
  campaigns: readonly Campaign[];
  onSelectCampaign: (campaignId: number) => void;
  onUnauthorized: () => void;
}

/** The clock the alerts are read against: idle and overdue grow by the minute. */
const TICK_MS = 15_000;
const TOAST_MS = 12_000;

interface Toast {
  id: number;
  text: string;
  isError: boolean;
  undo?: (() => void) | undefined;
}

/**
 * The coordinator's live operations for one unit of a campaign: stations short-handed or not, the
 * people with their duty, freshness and pending moves, moving them by drag and drop or keyboard,
 * undo, messages, and fixing the record. Everything shown is pushed by the hub; nothing is polled
 * but the sent messages.
 */
export const OpsPanel: Component<OpsPanelProps> = (props) => {
  const locale = useLocale();
  const auth = useAuth();
  const t = () => consoleMessages(locale.lang());
  const timeZone = () => props.campaign.timezone;
  const me = () => auth.me()?.person?.id;

  const [units] = createResource(() => listUnitsOfMine().catch(() => [] as Unit[]));
  const unitsById = createMemo(() => new Map((units() ?? []).map((u) => [u.id, u])));
  /** The campaign's units the caller coordinates, the widest first: the roster opens on it. */
  const choices = createMemo(() => campaignUnits(units() ?? [], props.campaign.scopeUnitId));
  const [chosen, setChosen] = createSignal<number | null>(readUnitParam());
  const unitId = () => {
    const wanted = chosen();
    return wanted !== null && choices().some((u) => u.id === wanted) ? wanted : (choices()[0]?.id ?? null);
  };
  const unitName = (id: number) => unitsById().get(id)?.name;

  const roster = createRosterLive({ campaignId: () => props.campaign.id, unitId, onUnauthorized: props.onUnauthorized });
  createEffect(on([() => props.campaign.id, unitId], () => roster.follow()));
  const [services] = createResource(() => props.campaign.id, (id) => listCampaignServices(id).catch(() => [] as Service[]));

  const [now, setNow] = createSignal(Date.now());
  const tick = setInterval(() => setNow(Date.now()), TICK_MS);
  onCleanup(() => clearInterval(tick));
  const [settings, setSettings] = createSignal<ConsoleSettings>(readSettings());
  const changeSetting = (key: keyof ConsoleSettings, value: number) => {
    if (!Number.isInteger(value) || value < 1) return;
    const next = { ...settings(), [key]: value };
    setSettings(next);
    writeSettings(next);
  };

  /** What each person needs the coordinator for, against the clock and the thresholds: once per change, for the strip and the list. */
  const flags = createMemo(() => new Map(Object.values(roster.view()?.people ?? {}).map((p) => [p.id, flagsOf(p, now(), settings())])));

  const [filter, setFilter] = createSignal<PersonFilter>('all');
  const [query, setQuery] = createSignal('');
  const [stationShown, setStationShown] = createSignal<number | null>(null);
  const [selected, setSelected] = createSignal<ReadonlySet<number>>(new Set());
  const select = (personId: number, isSelected: boolean) => {
    const next = new Set(selected());
    if (isSelected) next.add(personId);
    else next.delete(personId);
    setSelected(next);
  };
  createEffect(on([() => props.campaign.id, unitId], () => setSelected(new Set<number>()), { defer: true }));

  const [moveFor, setMoveFor] = createSignal<number[] | null>(null);
  const [fixFor, setFixFor] = createSignal<number | null>(null);
  const [backfillFor, setBackfillFor] = createSignal<number | null>(null);
  const [audience, setAudience] = createSignal('on_duty');

  const [toasts, setToasts] = createSignal<Toast[]>([]);
  let toastId = 0;
  const toast = (text: string, isError: boolean, undo?: () => void) => {
    const id = ++toastId;
    setToasts((all) => [...all.slice(-2), { id, text, isError, undo }]);
    setTimeout(() => setToasts((all) => all.filter((x) => x.id !== id)), TOAST_MS);
  };

  const actions = createMoveActions({ campaignId: () => props.campaign.id, roster: () => roster.view(), me, t, timeZone });
  const report = (outcome: Outcome, personIds: number[]) => {
    if (!outcome.ok) return toast(outcome.text, true);
    toast(outcome.text, false, () => void actions.undo(outcome.moveId, personIds).then((back) => toast(back.text, !back.ok)));
  };
  const move = async (personIds: number[], to: Destination, reason?: string) => {
    const outcome = await actions.move(personIds, to, reason);
    if (outcome.ok) setSelected(new Set<number>());
    report(outcome, personIds);
  };
  const onDrop = (what: Dragged, to: Destination) => {
    const view = roster.view();
    if (!view) return;
    // A 1+1 pair moves together, as in the move dialog (where it can be unticked).
    const personIds = withPartners(view, what.kind === 'people' ? what.personIds : membersOf(view, what.teamId), true);
    if (personIds.length) void move(personIds, to);
  };
  const undo = async (m: RosterMove) => {
    const back = await actions.undo(m.id, Object.keys(m.people).map(Number));
    toast(back.text, !back.ok);
  };
  /** Who is placed where, computed once per roster change for every card. */
  const placed = createMemo(() => {
    const by = new Map<string, RosterPerson[]>();
    for (const p of Object.values(roster.view()?.people ?? {})) {
      if (p.stationId !== undefined) (by.get(`s${p.stationId}`) ?? by.set(`s${p.stationId}`, []).get(`s${p.stationId}`)!).push(p);
      if (p.teamId !== undefined) (by.get(`t${p.teamId}`) ?? by.set(`t${p.teamId}`, []).get(`t${p.teamId}`)!).push(p);
    }
    return by;
  });
  const placedAt = (kind: 'station' | 'team', id: number) => placed().get(`${kind[0]}${id}`) ?? [];
  /** "Nhắn tin" on a card: the message box, addressed, in sight and focused. */
  const messageTo = (a: { kind: 'station' | 'team'; id: number }) => {
    setAudience(audienceKey(a));
    const box = document.querySelector<HTMLTextAreaElement>('[data-testid="message-body"]');
    box?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    box?.focus({ preventScroll: true });
  };

  return (
    <section class="ops" aria-labelledby="ops-title" data-testid="ops">
      <h2 id="ops-title" class="visually-hidden">
        {t().title}
      </h2>
      <div class="toolbar ops__toolbar">
        <CampaignPicker campaigns={props.campaigns} selectedId={props.campaign.id} onSelect={props.onSelectCampaign} />
        <UnitPicker
          units={choices()}
          selectedId={unitId()}
          label={t().unit}
          testId="ops-unit"
          onSelect={(id) => {
            setChosen(id);
            writeUnitParam(id);
          }}
        />
        <details class="ops__settings">
          <summary>{t().settings}</summary>
          <label class="ops__setting">
            {t().idleAfter}
            <input type="number" min={1} max={1440} value={settings().idleMinutes} onChange={(e) => changeSetting('idleMinutes', Number(e.currentTarget.value))} data-testid="setting-idle" />
          </label>
          <label class="ops__setting">
            {t().ackAfter}
            <input type="number" min={1} max={1440} value={settings().ackMinutes} onChange={(e) => changeSetting('ackMinutes', Number(e.currentTarget.value))} data-testid="setting-ack" />
          </label>
        </details>
        <Freshness updatedAt={roster.updatedAt()} timeZone={timeZone()} isReconnecting={roster.status() === 'ready' && !roster.isLive()} />
      </div>

      <Switch>
        <Match when={units.state === 'ready' && choices().length === 0}>
          <Notice tone="warning" title={t().noUnits} testId="ops-no-units" />
        </Match>
        <Match when={roster.status() === 'forbidden'}>
          <Notice tone="warning" title={t().forbidden} testId="ops-forbidden" />
        </Match>
        <Match when={roster.view()}>
          {(view) => (
            <>
              <OpsSummary roster={view()} t={t()} flags={flags()} onFilter={setFilter} />
              <div class="ops__grid">
                <StationBoard
                  roster={view()}
                  t={t()}
                  timeZone={timeZone()}
                  unitName={unitName}
                  placedAt={placedAt}
                  now={now()}
                  shownStationId={stationShown()}
                  onShowStation={setStationShown}
                  onDrop={onDrop}
                  onMoveTeam={(teamId) => setMoveFor(membersOf(view(), teamId))}
                  onMessage={messageTo}
                  onBackfill={setBackfillFor}
                />
                <PeopleList
                  roster={view()}
                  t={t()}
                  now={now()}
                  flags={flags()}
                  unitName={unitName}
                  filter={filter()}
                  onFilter={setFilter}
                  query={query()}
                  onQuery={setQuery}
                  stationId={stationShown()}
                  onClearStation={() => setStationShown(null)}
                  selected={selected()}
                  onSelect={select}
                  onClearSelection={() => setSelected(new Set<number>())}
                  onMove={(ids) => ids.length && setMoveFor(ids)}
                  onFix={setFixFor}
                />
                <aside class="ops__column ops__side">
                  <MovesLog roster={view()} t={t()} timeZone={timeZone()} onUndo={(m) => void undo(m)} />
                  <MessagesPanel campaignId={props.campaign.id} roster={view()} t={t()} timeZone={timeZone()} me={me()} audience={audience()} onAudience={setAudience} />
                </aside>
              </div>
              <Show when={moveFor()}>
                {(ids) => <MoveDialog roster={view()} t={t()} personIds={ids()} onClose={() => setMoveFor(null)} onMove={(personIds, to, reason) => void move(personIds, to, reason)} />}
              </Show>
              <Show when={fixFor() !== null && view().people[fixFor()!]}>
                {(person) => (
                  <FixRecordDialog
                    campaignId={props.campaign.id}
                    person={person()}
                    roster={view()}
                    services={services() ?? []}
                    lang={locale.lang()}
                    t={t()}
                    timeZone={timeZone()}
                    me={me()}
                    onClose={() => setFixFor(null)}
                    onSaved={(text) => toast(text, false)}
                  />
                )}
              </Show>
              <Show when={backfillFor() !== null && me() !== undefined && view().stations[backfillFor()!]}>
                {(station) => (
                  <BackfillDialog
                    campaignId={props.campaign.id}
                    station={station()}
                    services={services() ?? []}
                    lang={locale.lang()}
                    t={t()}
                    me={me()!}
                    onClose={() => setBackfillFor(null)}
                    onSaved={(text) => toast(text, false)}
                  />
                )}
              </Show>
            </>
          )}
        </Match>
        <Match when={true}>
          <Notice tone="info" title={t().loading} testId="ops-loading" />
        </Match>
      </Switch>

      <div class="ops-toasts" aria-live="polite">
        <For each={toasts()}>
          {(item) => (
            <div class="ops-toast" classList={{ 'ops-toast--error': item.isError }} role={item.isError ? 'alert' : 'status'} data-testid="ops-toast">
              <span>{item.text}</span>
              <Show when={item.undo}>
                {(undoIt) => (
                  <button
                    type="button"
                    class="ops-toast__action"
                    data-testid="ops-toast-undo"
                    onClick={() => {
                      setToasts((all) => all.filter((x) => x.id !== item.id));
                      undoIt()();
                    }}
                  >
                    {t().undo}
                  </button>
                )}
              </Show>
            </div>
          )}
        </For>
      </div>
    </section>
  );
};
