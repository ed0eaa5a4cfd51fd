import { EventEmitter } from 'node:events';
import { eq, inArray } from 'drizzle-orm';
import { type Db, schema } from '@xk/db';
import type { CommittedBatch } from '../activity/activity-service';
import type { ActivityInsert } from '../activity/activity-rows';
import type { Services } from '../services';
import type { AggregateRow, CampaignAggregates } from './campaign-aggregates';
import { type NamedKind, onServiceChanges } from './service-changes';
import { buildAggregates, loadContext, loadTargets, readRows, treeFingerprint } from './load-aggregates';
import { createRosters, type RosterChange } from './rosters';

interface Entry {
  aggregates: CampaignAggregates | null;
  /** Every change to this campaign's aggregates runs on this chain, one after another, in order. */
  chain: Promise<unknown>;
  ready: Promise<CampaignAggregates | null>;
  /** A rebuild is queued and has not started: more tree changes join it (an import makes thousands). */
  rebuildQueued: boolean;
}

/** The scope key under which a campaign's roster rooms are marked: every change of the campaign reaches them. */
export const rosterKey = 'roster';

export const toAggregateRow = (r: ActivityInsert): AggregateRow => ({
  seq: r.seq,
  kind: r.kind,
  tally: r.tally ?? null,
  personId: r.personId,
  unitId: r.unitId,
  stationId: r.stationId ?? null,
  teamId: r.teamId ?? null,
  shiftId: r.shiftId ?? null,
  serviceCode: r.serviceCode ?? null,
  beneficiary: r.beneficiary ?? null,
  sessionKind: r.sessionKind ?? null,
  quantity: r.quantity ?? 0,
  attendance: r.attendance ?? 0,
  countedAt: r.countedAt as Date,
  receivedAt: r.receivedAt as Date,
});

export interface LiveServiceOptions {
  /** How often duties are checked for ended shifts and the day for midnight (ms). */
  sweepMs?: number;
  /** How often watched rosters are read again whole from the database, a safety net under their changes (ms). */
  rosterRefreshMs?: number;
  log?: { warn(obj: unknown, msg: string): void };
}

/**
 * The live aggregates of every campaign someone watches, kept in step with the commits of this
 * process and, through the cluster feed, of its peers: a committed batch is applied in sequence
 * order; a batch that skips sequence numbers first reads what it missed from the database; a change
 * to the tree or the day rebuilds from the database. Emits 'changed' with the scope keys that moved ('all': every one).
 */
export function createLiveService(db: Db, services: Services, options: LiveServiceOptions = {}) {
  const entries = new Map<number, Entry>();
  const events = new EventEmitter<{ changed: [campaignId: number, keys: Set<string> | 'all'] }>();
  const rosters = createRosters(db, {
    aggregates: (campaignId) => api.aggregates(campaignId),
    built: (campaignId) => entries.get(campaignId)?.aggregates ?? null,
    changed: (campaignId) => events.emit('changed', campaignId, new Set([rosterKey])),
    log: options.log,
  });

  /** Rows applied: a roster reads back the people they moved, and anyone it did not know yet (a first check-in). */
  function noteRows(campaignId: number, rows: AggregateRow[]) {
    const roster = rosters.built(campaignId);
    if (!roster || rows.length === 0) return;
    const people = new Set<number>();
    let moved = false;
    for (const r of rows) {
      if (r.kind === 'reassignment') moved = true;
      if (r.kind === 'reassignment' || !roster.people.has(r.personId)) people.add(r.personId);
    }
    if (people.size || moved) rosters.change({ campaignId, people: [...people], moves: moved });
  }

  function enqueue(entry: Entry, step: (aggregates: CampaignAggregates) => Promise<void> | void) {
    entry.chain = entry.chain
      .then(async () => {
        const aggregates = await entry.ready;
        if (aggregates) await step(aggregates);
      })
      .catch((err: unknown) => options.log?.warn({ err }, 'live aggregates step failed'));
    return entry.chain;
  }

  async function catchUp(campaignId: number, aggregates: CampaignAggregates, untilSeq: number) {
    while (aggregates.appliedSeq < untilSeq) {
      const rows = await readRows(db, campaignId, aggregates.appliedSeq);
      if (rows.length === 0) break;
      const changed = aggregates.apply(rows);
      events.emit('changed', campaignId, changed);
      noteRows(campaignId, rows);
    }
  }

  function rebuild(campaignId: number) {
    const entry = entries.get(campaignId);
    if (!entry || entry.rebuildQueued) return;
    entry.rebuildQueued = true;
    entry.chain = entry.chain.then(async () => {
      entry.rebuildQueued = false;
      const fresh = await buildAggregates(db, campaignId);
      entry.aggregates = fresh;
      entry.ready = Promise.resolve(fresh);
      events.emit('changed', campaignId, 'all');
    });
  }

  /**
   * Applies committed rows of a campaign, in sequence order, from this process or another. Rows the
   * aggregates already hold are skipped; missing ones before them are read from the database first.
   * With `rows` null (a peer's batch too large to carry, or announced late) the log is read up to `seq`.
   */
  function applyCommitted(campaignId: number, rows: AggregateRow[] | null, seq: number) {
    const entry = entries.get(campaignId);
    if (!entry) return; // nobody watches it: it is built from the database when someone does
    void enqueue(entry, async (aggregates) => {
      const first = rows?.[0]?.seq ?? seq + 1;
      if (first > aggregates.appliedSeq + 1) await catchUp(campaignId, aggregates, first - 1);
      if (rows?.length) {
        const changed = aggregates.apply(rows);
        if (changed.size) events.emit('changed', campaignId, changed);
        noteRows(campaignId, rows);
      }
      if (aggregates.unknownUnits > 0) rebuild(campaignId);
    });
  }
  const onCommitted = (batch: CommittedBatch) => applyCommitted(batch.campaignId, batch.rows.map(toAggregateRow), batch.seq);

  const onTree = () => {
    for (const id of entries.keys()) rebuild(id);
    rosters.change({ campaignId: null, people: 'all', places: true });
  };
  const onTargets = (campaignId: number) => {
    const entry = entries.get(campaignId);
    if (entry) void enqueue(entry, async (a) => {
      a.setTargets(await loadTargets(db, campaignId));
      events.emit('changed', campaignId, 'all');
    });
  };
  const onShift = (campaignId: number, shiftId: number, endsAt: Date) => {
    const entry = entries.get(campaignId);
    if (entry) void enqueue(entry, (a) => void a.context.shiftEnds.set(shiftId, endsAt.getTime()));
    rosters.change({ campaignId, places: true });
  };
  /**
   * A name to show in feed lines from now on (a volunteer who just joined, a renamed station); a
   * person's in the rosters that hold them too. (Rosters hear of stations and teams, named or
   * otherwise changed, through their own change events.)
   */
  const onNamed = (kind: NamedKind, id: number, name: string) => {
    const map = ({ person: 'people', station: 'stations', team: 'teams' } as const)[kind];
    for (const entry of entries.values()) void enqueue(entry, (a) => void a.context[map].set(id, name));
    if (kind === 'person') rosters.change({ campaignId: null, people: [id] });
  };
  const onRoster = (change: RosterChange) => rosters.change(change);
  const stopListening = onServiceChanges(services, {
    committed: onCommitted,
    treeChanged: onTree,
    targetsChanged: onTargets,
    shiftCreated: onShift,
    named: onNamed,
    rosterChanged: onRoster,
    phoneReported: (status) => rosters.phoneReported(status),
  });

  /**
   * Brings every watched campaign level with the database after news may have been missed (a peer's
   * feed cut off): the tree (rebuilt if it differs), targets, names and shift ends, then the log.
   */
  function resync() {
    rosters.change({ campaignId: null, people: 'all', places: true, moves: true });
    for (const [campaignId, entry] of entries) {
      void enqueue(entry, async (a) => {
        const context = await loadContext(db, campaignId);
        if (!context) return;
        if (treeFingerprint(context.units) !== treeFingerprint(a.context.units)) return rebuild(campaignId);
        a.setTargets(context.targets);
        Object.assign(a.context, { stations: context.stations, teams: context.teams, shiftEnds: context.shiftEnds, people: context.people });
        const [row] = await db.select({ seq: schema.campaigns.seq }).from(schema.campaigns).where(eq(schema.campaigns.id, campaignId));
        await catchUp(campaignId, a, Number(row?.seq ?? 0));
        events.emit('changed', campaignId, 'all');
      });
    }
  }

  /** Reads the committed sequence of every watched campaign and catches up those behind (a safety net under the feed). */
  async function probe() {
    const ids = [...entries.keys()];
    if (ids.length === 0) return;
    const rows = await db.select({ id: schema.campaigns.id, seq: schema.campaigns.seq }).from(schema.campaigns).where(inArray(schema.campaigns.id, ids));
    for (const row of rows) {
      const seq = Number(row.seq);
      const built = entries.get(row.id)?.aggregates;
      if (built && built.appliedSeq < seq) applyCommitted(row.id, null, seq);
    }
  }

  const sweep = setInterval(() => {
    for (const [campaignId, entry] of entries) {
      void enqueue(entry, (a) => {
        if (a.isStale()) return rebuild(campaignId);
        const changed = a.sweep();
        if (changed.size) events.emit('changed', campaignId, changed);
      });
    }
  }, options.sweepMs ?? 15_000);
  sweep.unref();
  const rosterRefresh = setInterval(() => rosters.change({ campaignId: null, people: 'all', places: true, moves: true }), options.rosterRefreshMs ?? 300_000);
  rosterRefresh.unref();

  const api = {
    events,
    applyCommitted,
    /** A peer changed the unit tree: every watched campaign is rebuilt. */
    treeChanged: onTree,
    /** A peer changed a campaign's targets. */
    targetsChanged: onTargets,
    /** A peer created a shift (its end checks people out). */
    shiftCreated: onShift,
    /** A peer named a person, station or team. */
    named: onNamed,
    /** A peer changed what a roster shows (placements, acknowledgements, phone reports, stations, teams). */
    rosterChanged: onRoster,
    /** The campaign's roster, built from the database (and its aggregates) the first time it is asked for. */
    roster: (campaignId: number) => rosters.get(campaignId),
    /** A unit's roster view, if the roster and the aggregates are built (synchronous, for flushing). */
    rosterView(campaignId: number, unitId: number) {
      const aggregates = entries.get(campaignId)?.aggregates;
      return aggregates ? (rosters.built(campaignId)?.view(unitId, aggregates) ?? null) : null;
    },
    /** Nobody watches the campaign's roster any more. */
    forgetRoster: (campaignId: number) => rosters.forget(campaignId),
    resync,
    probe,
    /** The campaign's aggregates, built from the database the first time they are asked for. */
    aggregates(campaignId: number): Promise<CampaignAggregates | null> {
      let entry = entries.get(campaignId);
      if (!entry) {
        const ready = buildAggregates(db, campaignId);
        entry = { aggregates: null, chain: ready, ready, rebuildQueued: false };
        entries.set(campaignId, entry);
        const created = entry;
        void ready.then((a) => (created.aggregates = a)).catch(() => entries.delete(campaignId));
      }
      return entry.ready;
    },
    /**
     * The aggregates once they know `unitId`: a unit just created (here, or on another hub whose
     * news has not arrived yet) rebuilds them from the database first. Null when it does not exist.
     */
    async withUnit(campaignId: number, unitId: number): Promise<CampaignAggregates | null> {
      const aggregates = await this.aggregates(campaignId);
      if (!aggregates || aggregates.hasUnit(unitId)) return aggregates;
      const [unit] = await db.select({ id: schema.units.id }).from(schema.units).where(eq(schema.units.id, unitId));
      if (!unit) return aggregates;
      rebuild(campaignId);
      await entries.get(campaignId)?.chain;
      return entries.get(campaignId)?.aggregates ?? null;
    },
    /** The aggregates if already built (synchronous, for flushing). */
    built(campaignId: number): CampaignAggregates | null {
      return entries.get(campaignId)?.aggregates ?? null;
    },
    /** Resolves when every change queued so far is applied (tests, graceful close). */
    async settled(): Promise<void> {
      await Promise.all([...entries.values()].map((e) => e.chain));
    },
    /** Builds the aggregates of every campaign running now, so the first screen does not wait. */
    async warmUp(now = new Date()) {
      for (const c of await services.campaigns.list()) {
        if (new Date(c.startsAt) <= now && new Date(c.endsAt) >= now) await this.aggregates(c.id);
      }
    },
    close() {
      clearInterval(sweep);
      clearInterval(rosterRefresh);
      rosters.close();
      stopListening();
    },
  };
  return api;
}
export type LiveService = ReturnType<typeof createLiveService>;
