import type { PhoneStatus } from '@xk/contract';
import type { Db } from '@xk/db';
import type { CampaignAggregates } from './campaign-aggregates';
import { CampaignRoster } from './campaign-roster';
import { loadRecentMoves, loadRosterPeople, loadRosterPlaces } from './roster-loader';

/**
 * What changed in the database that a roster shows: some people (placed, moved, acknowledged a move,
 * reported their phone's queue; `all`: anyone), the stations, shifts or teams, the moves list.
 * `campaignId` null: any campaign (a team or a person is not bound to one).
 */
export interface RosterChange {
  campaignId: number | null;
  people?: number[] | 'all';
  places?: boolean;
  moves?: boolean;
}

/** Beyond this many people a partial reload reads everyone (one statement either way). */
const maxPartial = 1000;
/** Changes arriving within this time are read together. */
const coalesceMs = 50;
/** After a failed reload, try again this soon. */
const retryMs = 2000;

interface Pending {
  people: Set<number> | 'all';
  places: boolean;
  moves: boolean;
}
const nothing = (): Pending => ({ people: new Set(), places: false, moves: false });
const isEmpty = (p: Pending) => p.people !== 'all' && p.people.size === 0 && !p.places && !p.moves;

interface Entry {
  roster: CampaignRoster | null;
  ready: Promise<CampaignRoster | null>;
  pending: Pending;
  timer: ReturnType<typeof setTimeout> | undefined;
  running: boolean;
}

export interface RostersDeps {
  /** The campaign's live aggregates, built if need be (their unit tree and active people). */
  aggregates(campaignId: number): Promise<CampaignAggregates | null>;
  built(campaignId: number): CampaignAggregates | null;
  /** A roster's data changed: its rooms are flushed. */
  changed(campaignId: number): void;
  log?: { warn(obj: unknown, msg: string): void } | undefined;
}

/**
 * The rosters of the campaigns coordinators watch. Built from the database when first asked for;
 * then each change is read back from the database for just what it touched, changes of one campaign
 * coalesced and read one batch at a time, in order: the database stays the truth.
 */
export function createRosters(db: Db, deps: RostersDeps) {
  const entries = new Map<number, Entry>();

  async function build(campaignId: number): Promise<CampaignRoster | null> {
    const aggregates = await deps.aggregates(campaignId);
    if (!aggregates) return null;
    const scopePath = aggregates.pathOf(aggregates.context.scopeUnitId) ?? '/';
    const roster = new CampaignRoster(campaignId, scopePath);
    roster.setPeople(await loadRosterPeople(db, campaignId, scopePath, [...aggregates.activePeople()]), true);
    roster.places = await loadRosterPlaces(db, campaignId, scopePath);
    roster.moves = await loadRecentMoves(db, campaignId);
    return roster;
  }

  async function reload(campaignId: number, roster: CampaignRoster, work: Pending) {
    if (work.people === 'all') {
      const active = [...(deps.built(campaignId)?.activePeople() ?? [])];
      roster.setPeople(await loadRosterPeople(db, campaignId, roster.scopePath, active), true);
    } else if (work.people.size) {
      roster.setPeople(await loadRosterPeople(db, campaignId, roster.scopePath, [], [...work.people]), false);
    }
    if (work.places) roster.places = await loadRosterPlaces(db, campaignId, roster.scopePath);
    if (work.moves) roster.moves = await loadRecentMoves(db, campaignId);
  }

  function schedule(campaignId: number, entry: Entry, delay = coalesceMs) {
    if (entry.timer || entry.running || isEmpty(entry.pending)) return;
    entry.timer = setTimeout(() => void run(campaignId, entry), delay);
  }

  async function run(campaignId: number, entry: Entry) {
    entry.timer = undefined;
    const roster = await entry.ready;
    if (!roster || entries.get(campaignId) !== entry) return;
    const work = entry.pending;
    entry.pending = nothing();
    entry.running = true;
    let delay = coalesceMs;
    try {
      await reload(campaignId, roster, work);
      deps.changed(campaignId);
    } catch (err) {
      deps.log?.warn({ err }, 'roster reload failed');
      merge(entry, { ...work, people: work.people === 'all' ? 'all' : [...work.people] });
      delay = retryMs;
    } finally {
      entry.running = false;
    }
    schedule(campaignId, entry, delay);
  }

  function merge(entry: Entry, change: Omit<RosterChange, 'campaignId'>) {
    const p = entry.pending;
    if (change.people === 'all') p.people = 'all';
    else if (change.people && p.people !== 'all') {
      for (const id of change.people) p.people.add(id);
      if (p.people.size > maxPartial) p.people = 'all';
    }
    p.places ||= change.places ?? false;
    p.moves ||= change.moves ?? false;
  }

  return {
    /** The campaign's roster, built from the database the first time it is asked for. */
    get(campaignId: number): Promise<CampaignRoster | null> {
      let entry = entries.get(campaignId);
      if (!entry) {
        const ready = build(campaignId);
        const created: Entry = { roster: null, ready, pending: nothing(), timer: undefined, running: false };
        entries.set(campaignId, created);
        entry = created;
        ready.then(
          (roster) => {
            created.roster = roster;
            schedule(campaignId, created); // changes that came while it was being built
          },
          (err: unknown) => {
            deps.log?.warn({ err }, 'roster build failed');
            if (entries.get(campaignId) === created) entries.delete(campaignId);
          },
        );
      }
      return entry.ready;
    },
    built(campaignId: number): CampaignRoster | null {
      return entries.get(campaignId)?.roster ?? null;
    },
    /**
     * Reads back what changed. With `campaignId` null, people are looked for in every roster that
     * holds them (a renamed person), places in every roster (a team is any campaign's).
     */
    change(change: RosterChange) {
      for (const [campaignId, entry] of entries) {
        if (change.campaignId !== null && change.campaignId !== campaignId) continue;
        let scoped = change;
        if (change.campaignId === null && Array.isArray(change.people)) {
          const held = change.people.filter((id) => entry.roster?.people.has(id));
          scoped = { ...change, people: held };
        }
        merge(entry, scoped);
        schedule(campaignId, entry);
      }
    },
    /**
     * A phone's report, as stored on this hub: applied as it is, without reading it back (phones
     * report with every sync, the busiest change there is). Someone the roster does not hold yet is
     * read from the database.
     */
    phoneReported(status: PhoneStatus) {
      const entry = entries.get(status.campaignId);
      const person = entry?.roster?.people.get(status.personId);
      if (!entry) return;
      if (!person) return this.change({ campaignId: status.campaignId, people: [status.personId] });
      person.phoneStatus = { queueLength: status.queueLength, lastSeenAt: new Date(status.lastSeenAt) };
      deps.changed(status.campaignId);
    },
    /** Nobody watches the campaign's roster any more: it is dropped (built again when asked). */
    forget(campaignId: number) {
      const entry = entries.get(campaignId);
      if (entry) clearTimeout(entry.timer);
      entries.delete(campaignId);
    },
    close() {
      for (const entry of entries.values()) clearTimeout(entry.timer);
      entries.clear();
    },
  };
}
export type Rosters = ReturnType<typeof createRosters>;
