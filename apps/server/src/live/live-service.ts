import { EventEmitter } from 'node:events';
import type { Db } from '@xk/db';
import type { CommittedBatch } from '../activity/activity-service';
import type { ActivityInsert } from '../activity/activity-rows';
import type { Services } from '../services';
import type { AggregateRow, CampaignAggregates } from './campaign-aggregates';
import { buildAggregates, loadTargets, readRows } from './load-aggregates';

interface Entry {
  aggregates: CampaignAggregates | null;
  /** Every change to this campaign's aggregates runs on this chain, one after another, in order. */
  chain: Promise<unknown>;
  ready: Promise<CampaignAggregates | null>;
  /** A rebuild is queued and has not started: more tree changes join it (an import makes thousands). */
  rebuildQueued: boolean;
}

const toAggregateRow = (r: ActivityInsert): AggregateRow => ({
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
});

export interface LiveServiceOptions {
  /** How often duties are checked for ended shifts and the day for midnight (ms). */
  sweepMs?: number;
  log?: { warn(obj: unknown, msg: string): void };
}

/**
 * The live aggregates of every campaign someone watches, kept in step with the commits of this
 * process: a committed batch is applied in sequence order; a batch that skips sequence numbers
 * (written elsewhere) first reads what it missed from the database; a change to the tree or the
 * day rebuilds from the database. Emits 'changed' with the scope keys that moved ('all': every one).
 */
export function createLiveService(db: Db, services: Services, options: LiveServiceOptions = {}) {
  const entries = new Map<number, Entry>();
  const events = new EventEmitter<{ changed: [campaignId: number, keys: Set<string> | 'all'] }>();

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

  function onCommitted(batch: CommittedBatch) {
    const entry = entries.get(batch.campaignId);
    if (!entry) return; // nobody watches it: it is built from the database when someone does
    const rows = batch.rows.map(toAggregateRow);
    void enqueue(entry, async (aggregates) => {
      const first = rows[0]?.seq ?? 0;
      if (first > aggregates.appliedSeq + 1) await catchUp(batch.campaignId, aggregates, first - 1);
      const changed = aggregates.apply(rows);
      events.emit('changed', batch.campaignId, changed);
      if (aggregates.unknownUnits > 0) rebuild(batch.campaignId);
    });
  }

  services.activity.events.on('committed', onCommitted);
  const onTree = () => {
    for (const id of entries.keys()) rebuild(id);
  };
  services.units.events.on('tree-changed', onTree);
  const onTargets = (campaignId: number) => {
    const entry = entries.get(campaignId);
    if (entry) void enqueue(entry, async (a) => {
      a.setTargets(await loadTargets(db, campaignId));
      events.emit('changed', campaignId, 'all');
    });
  };
  services.targets.events.on('changed', onTargets);
  const onShift = (campaignId: number, shiftId: number, endsAt: Date) => {
    const entry = entries.get(campaignId);
    if (entry) void enqueue(entry, (a) => void a.context.shiftEnds.set(shiftId, endsAt.getTime()));
  };
  services.stations.events.on('shift-created', onShift);

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

  return {
    events,
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
      services.activity.events.off('committed', onCommitted);
      services.units.events.off('tree-changed', onTree);
      services.targets.events.off('changed', onTargets);
      services.stations.events.off('shift-created', onShift);
    },
  };
}
export type LiveService = ReturnType<typeof createLiveService>;
