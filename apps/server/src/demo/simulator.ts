// Volunteers at work, for the demo: check-ins as the day starts, taps at the daily rhythm of a
// ward's support stations, offline phones catching up (and retrying), outreach sessions and the
// odd move to a short-handed station. Everything goes through the one write path, as a phone's
// entries would, so the screens move exactly as they would on the day.

import { randomUUID } from 'node:crypto';
import type { ActivityResult, Station } from '@xk/contract';
import type { Services } from '../services';

export interface SimulatorOptions {
  /** Mean taps per second at the daily peak; default 8. */
  rate?: number;
  now?: () => Date;
  random?: () => number;
  log?: { info(msg: string): void; warn(obj: unknown, msg: string): void };
}

export interface SimulatorStats {
  /** Entries handed to the write path, retries included. */
  sent: number;
  accepted: number;
  /** Rejected or conflicting entries: either is a bug of the simulator, and is logged. */
  rejected: number;
  /** Retried entries recognised as already stored. */
  duplicates: number;
  /** Residents and shops helped, summed over the accepted assistance entries. */
  residents: number;
  shops: number;
}

export interface Simulator {
  stop(): Promise<void>;
  stats(): SimulatorStats;
}

type Entry = { id: string; kind: string; campaignId: number; personId: number; occurredAt: string } & Record<string, unknown>;

interface Volunteer {
  personId: number;
  /** Where the volunteer is placed (changes with a reassignment). */
  homeStationId: number;
  /** Where the volunteer is checked in now; null when not on duty. */
  stationId: number | null;
  checkedInAt: number;
  /** The check-in this volunteer will make next: after the launch ramp, a break, a visit or a move. */
  next: { at: number; stationId: number } | null;
}

const TICK_MS = 250;
/** Placed volunteers who are not on duty yet check in over these first minutes (front-loaded). */
const RAMP_MS = 4 * 60_000;
const NO_SHOW = 0.08;
/** Even at night a tap at least this often, so the demo never looks dead. */
const MAX_QUIET_MS = 3_000;
const FLOOR_PER_SEC = 0.4;
const MAX_TAPS_PER_TICK = 24;
const MAX_CHECK_INS_PER_TICK = 12;

/** Services a volunteer helps with, by kind of station (weights); filtered to the campaign's active services. */
const SERVICE_MIX: Record<Station['kind'], Record<string, number>> = {
  public_service_centre: { vneid_level2: 4, public_service_account: 3, online_filing: 3, vssid: 1, chip_id_card: 1, ehealth_book: 1 },
  market: { cashless_payment: 6, ecommerce_listing: 2, citizen_app: 1, vneid_level2: 1 },
  digital_street: { cashless_payment: 3, citizen_app: 3, vneid_level2: 2, safe_social_media: 1, ecommerce_listing: 1 },
  residential: { vneid_level2: 3, public_service_account: 2, vssid: 2, citizen_app: 2, ehealth_book: 1, safe_social_media: 1 },
  school: { vneid_level2: 3, citizen_app: 2, safe_social_media: 3, public_service_account: 1 },
  other: { vneid_level2: 2, public_service_account: 1, cashless_payment: 1, citizen_app: 1 },
};
const AGE_BANDS = { '60_plus': 4, '36_59': 3, '18_35': 2, under_18: 1 } as const;

/**
 * Starts simulated volunteers on a campaign: loads its stations, placements, people and services
 * once, then every 250 ms sends what happened since through `services.activity.write` — one small
 * write at a time, a tick skipped while the previous write is still running.
 */
export async function startSimulator(services: Services, campaignId: number, options: SimulatorOptions = {}): Promise<Simulator> {
  const rate = Math.max(0, options.rate ?? 8);
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const log = options.log;

  // ---- what the campaign looks like, read once ----------------------------------------------
  const campaign = await services.campaigns.get(campaignId);
  const stations = new Map((await services.stations.list(campaignId)).map((s) => [s.id, s]));
  const assignments = await services.assignments.list(campaignId, {});
  const active = new Set((await services.campaigns.services(campaignId)).filter((s) => s.isActive).map((s) => s.code));
  const roles = new Map<number, Set<string>>();
  for (let afterId = 0; ; ) {
    const page = await services.people.list({ limit: 1000, afterId });
    for (const p of page) roles.set(p.id, new Set(p.memberships.map((m) => m.role)));
    if (page.length < 1000) break;
    afterId = page[page.length - 1]!.id;
  }
  const latest = await latestCheckEvents(services, campaignId);

  const localClock = createLocalClock(campaign.timezone);
  const start = now().getTime();
  let today = localClock(start).day;

  const volunteers: Volunteer[] = [];
  for (const a of assignments) {
    if (a.stationId === null || !stations.has(a.stationId)) continue;
    const r = roles.get(a.personId);
    if (r && r.size > 0 && !r.has('volunteer')) continue;
    const v: Volunteer = { personId: a.personId, homeStationId: a.stationId, stationId: null, checkedInAt: 0, next: null };
    const last = latest.get(a.personId);
    if (last?.kind === 'check_in' && last.stationId !== null && stations.has(last.stationId) && localClock(last.at).day === today) {
      v.stationId = last.stationId;
      v.checkedInAt = last.at;
      // Helping out at another station: back home in a few minutes.
      if (v.stationId !== v.homeStationId) v.next = { at: start + minutes(1, 5), stationId: v.homeStationId };
    }
    volunteers.push(v);
  }
  const alreadyOn = volunteers.filter((v) => v.stationId !== null).length;
  scheduleRamp(start);

  // Sessions are run by cadres with their team, else by volunteers at their station.
  const organisers = assignments.filter((a) => a.teamId !== null && a.stationId === null && !roles.get(a.personId)?.has('volunteer'));
  const sessionPool = organisers.length ? organisers : assignments.filter((a) => a.teamId !== null || a.stationId !== null);

  log?.info(
    `simulator: ${volunteers.length} placed volunteers at ${stations.size} stations (${alreadyOn} already on duty), ` +
      `${rate} taps/s at the peak — turn it off with --no-simulator or XK_SIMULATOR=0`,
  );

  // ---- state of the run -------------------------------------------------------------------------
  const stats: SimulatorStats = { sent: 0, accepted: 0, rejected: 0, duplicates: 0, residents: 0, shops: 0 };
  const retries: Array<{ at: number; items: Entry[] }> = [];
  const reported = new Set<string>();
  let inflight: Promise<void> | null = null;
  let stopped = false;
  let lastTapAt = start;
  let burst = { until: 0, factor: 1 };
  let writeFailures = 0;

  function minutes(lo: number, hi: number): number {
    return Math.round((lo + random() * (hi - lo)) * 60_000);
  }
  function pick<T>(list: readonly T[]): T | undefined {
    return list.length ? list[Math.floor(random() * list.length)] : undefined;
  }
  function weighted(weights: Record<string, number>): string | undefined {
    const entries = Object.entries(weights).filter(([, w]) => w > 0);
    let r = random() * entries.reduce((n, [, w]) => n + w, 0);
    for (const [k, w] of entries) if ((r -= w) < 0) return k;
    return entries[entries.length - 1]?.[0];
  }
  /** Knuth's method: fine for the small means of one tick. */
  function poisson(mean: number): number {
    const limit = Math.exp(-mean);
    let k = 0;
    for (let p = random(); p > limit; p *= random()) k++;
    return k;
  }
  const chance = (perSecond: number) => random() < perSecond * (TICK_MS / 1000);
  /** Breaks, moves, sessions and offline phones grow with the tap rate (the default rate is the scale's 1). */
  const scale = rate / 8;

  function scheduleRamp(from: number) {
    for (const v of volunteers) {
      if (v.stationId !== null || v.next !== null || random() < NO_SHOW) continue;
      const u = random();
      v.next = { at: from + Math.round(RAMP_MS * u * u), stationId: v.homeStationId };
    }
  }

  const envelope = (kind: string, v: { personId: number }, at: number): Entry => ({
    id: randomUUID(),
    kind,
    campaignId,
    personId: v.personId,
    occurredAt: new Date(at).toISOString(),
  });

  function tap(v: Volunteer, at: number): Entry | null {
    const station = v.stationId !== null ? stations.get(v.stationId) : undefined;
    if (!station) return null;
    const mix = Object.fromEntries(Object.entries(SERVICE_MIX[station.kind] ?? {}).filter(([code]) => active.has(code)));
    const serviceCode = weighted(mix) ?? pick([...active]);
    if (!serviceCode) return null;
    const shop = serviceCode === 'cashless_payment' && random() < (station.kind === 'market' ? 0.7 : 0.35);
    const quantity = random() < 0.85 ? 1 : 2 + Math.floor(random() * 4);
    const ageBand = !shop && random() < 0.3 ? weighted(AGE_BANDS) : undefined;
    return {
      ...envelope('assistance', v, at),
      stationId: station.id,
      serviceCode,
      ...(shop ? { beneficiary: 'shop' } : {}),
      ...(quantity > 1 ? { quantity } : {}),
      ...(ageBand ? { tags: { ageBand } } : {}),
    };
  }

  /** How busy the stations are at this local hour: peaks mid-morning and late afternoon, a lunch dip, quiet at night. */
  function rhythm(hour: number): number {
    const bump = (mu: number, sigma: number) => Math.exp(-0.5 * ((hour - mu) / sigma) ** 2);
    return Math.min(1, 0.03 + Math.max(bump(9.75, 1.6), 0.85 * bump(16.5, 1.4), 0.25 * bump(19.5, 1.2)));
  }

  // ---- one tick: what happened in the last 250 ms ------------------------------------------------
  function build(t: number): Entry[] {
    const items: Entry[] = [];
    const clock = localClock(t);
    if (clock.day !== today) {
      // A new local day: yesterday's check-ins no longer count, everyone starts again.
      today = clock.day;
      for (const v of volunteers) {
        v.stationId = null;
        v.next = null;
      }
      scheduleRamp(t);
    }
    const busy = rhythm(clock.hour);

    // Check-ins that are due: the launch ramp, back from a break or a visit, arrived after a move.
    let checkIns = 0;
    for (const v of volunteers) {
      if (!v.next || v.next.at > t || checkIns >= MAX_CHECK_INS_PER_TICK) continue;
      items.push({ ...envelope('check_in', v, t), stationId: v.next.stationId });
      v.stationId = v.next.stationId;
      v.checkedInAt = t;
      v.next = null;
      checkIns++;
    }
    const onDuty = volunteers.filter((v) => v.stationId !== null);
    const settled = onDuty.filter((v) => v.next === null);

    // A break: check out, back in a few minutes.
    if (chance(scale / 20)) {
      const v = pick(settled);
      if (v) {
        items.push(envelope('check_out', v, t));
        v.next = { at: t + minutes(1, 5), stationId: v.stationId! };
        v.stationId = null;
      }
    }
    // Helping out at another station of the ward for a while.
    if (chance(scale / 60)) {
      const v = pick(settled);
      const other = v && pick(neighbours(v.stationId!));
      if (v && other) {
        items.push({ ...envelope('check_in', v, t), stationId: other.id });
        v.stationId = other.id;
        v.checkedInAt = t;
        v.next = { at: t + minutes(2, 6), stationId: v.homeStationId };
      }
    }
    // The coordinator moves someone to a short-handed station; they check in there once they arrive.
    if (chance(scale / 120)) {
      const v = pick(settled.filter((x) => x.stationId === x.homeStationId));
      const to = v && pick(neighbours(v.homeStationId));
      if (v && to) {
        items.push({ ...envelope('reassignment', v, t), stationId: v.homeStationId, toStationId: to.id, reason: `${to.name} cần thêm người` });
        v.homeStationId = to.id;
        v.stationId = null;
        v.next = { at: t + Math.round((15 + random() * 45) * 1000), stationId: to.id };
      }
    }
    // An outreach session or a training, now and then (mostly in the daytime).
    if (chance(Math.max((scale * busy) / 40, 1 / 180))) {
      const a = pick(sessionPool);
      if (a) {
        const training = random() < 0.35;
        items.push({
          ...envelope('session', a, t),
          ...(a.teamId !== null ? { teamId: a.teamId } : { stationId: a.stationId! }),
          sessionKind: training ? 'training' : 'outreach',
          attendance: training ? 20 + Math.floor(random() * 61) : 30 + Math.floor(random() * 271),
        });
      }
    }

    // Live taps: Poisson arrivals at the daily rhythm, with bursts (a queue forms at the centre).
    if (t >= burst.until) {
      // Bursts of 5–20 s at 1.8–3.2× about every 45 s, 0.6× in between: about 1× on average.
      burst = chance(1 / 45) ? { until: t + Math.round((5 + random() * 15) * 1000), factor: 1.8 + random() * 1.4 } : { until: 0, factor: 0.6 };
    }
    // Only volunteers still on duty after this tick's breaks and moves tap, at the station they are checked in at.
    const taps = onDuty.filter((v) => v.stationId !== null);
    if (taps.length) {
      const perSecond = Math.max(rate * busy * burst.factor, Math.min(rate, FLOOR_PER_SEC));
      let n = Math.min(MAX_TAPS_PER_TICK, poisson((perSecond * TICK_MS) / 1000));
      if (n === 0 && t - lastTapAt >= MAX_QUIET_MS && rate > 0) n = 1;
      for (let k = 0; k < n; k++) {
        const e = tap(pick(taps)!, t);
        if (e) items.push(e);
      }
      if (n > 0) lastTapAt = t;
    }

    // A phone back online: its entries of the past minutes at once — sometimes sent again (a retry).
    const due = retries.findIndex((r) => r.at <= t);
    if (due >= 0) {
      items.push(...retries.splice(due, 1)[0]!.items);
    } else if (chance(Math.max((scale * busy) / 10, 1 / 60))) {
      const v = pick(settled.filter((x) => x.stationId !== null && x.next === null));
      if (v) {
        const span = Math.min(10 * 60_000, Math.max(5_000, t - v.checkedInAt));
        const batch: Entry[] = [];
        const count = 5 + Math.floor(random() * 16);
        const times = Array.from({ length: count }, () => t - 1_000 - Math.floor(random() * span)).sort((a, b) => a - b);
        for (const at of times) {
          const e = tap(v, at);
          if (e) batch.push(e);
        }
        items.push(...batch);
        if (batch.length && random() < 0.4) retries.push({ at: t + Math.round((0.5 + random() * 4.5) * 1000), items: batch });
      }
    }
    return items;
  }

  function neighbours(stationId: number): Station[] {
    const unitId = stations.get(stationId)?.unitId;
    return [...stations.values()].filter((s) => s.unitId === unitId && s.id !== stationId);
  }

  function record(items: Entry[], results: ActivityResult[]) {
    results.forEach((r, i) => {
      const item = items[i]!;
      if (r.status === 'accepted') {
        stats.accepted++;
        if (item.kind === 'assistance') {
          const q = typeof item.quantity === 'number' ? item.quantity : 1;
          if (item.beneficiary === 'shop') stats.shops += q;
          else stats.residents += q;
        }
      } else if (r.status === 'duplicate') {
        stats.duplicates++;
      } else {
        stats.rejected++;
        const key = `${r.status}:${item.kind}:${r.field}`;
        if (!reported.has(key)) {
          reported.add(key);
          log?.warn({ entry: item, result: r }, `simulator: a ${item.kind} entry came back ${r.status} (${r.field}: ${r.reason}) — a bug of the simulator`);
        }
      }
    });
  }

  function tick() {
    if (stopped || inflight) return;
    let items: Entry[];
    try {
      items = build(now().getTime());
    } catch (err) {
      log?.warn({ err }, 'simulator: tick failed');
      return;
    }
    if (!items.length) return;
    stats.sent += items.length;
    inflight = services.activity
      .write(items)
      .then(
        (results) => record(items, results),
        (err: unknown) => {
          if (writeFailures++ === 0 && !stopped) log?.warn({ err }, 'simulator: write failed');
        },
      )
      .finally(() => {
        inflight = null;
      });
  }

  const timer = setInterval(tick, TICK_MS);
  timer.unref();

  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await inflight;
    },
    stats: () => ({ ...stats }),
  };
}

/** Each person's latest check-in or check-out in the campaign, by device time then sequence. */
async function latestCheckEvents(services: Services, campaignId: number) {
  const latest = new Map<number, { kind: string; stationId: number | null; at: number; seq: number }>();
  for (const kind of ['check_in', 'check_out'] as const) {
    for (let afterSeq = 0; ; ) {
      const page = await services.activity.list(campaignId, { kind, afterSeq, limit: 1000 });
      for (const r of page) {
        const at = new Date(r.occurredAt).getTime();
        const prev = latest.get(r.personId);
        if (!prev || at > prev.at || (at === prev.at && r.seq > prev.seq)) latest.set(r.personId, { kind: r.kind, stationId: r.stationId, at, seq: r.seq });
      }
      if (page.length < 1000) break;
      afterSeq = page[page.length - 1]!.seq;
    }
  }
  return latest;
}

/** The local day and fractional hour of an instant in the campaign's time zone. */
function createLocalClock(timeZone: string) {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  } catch {
    format = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  }
  return (ms: number) => {
    const parts = Object.fromEntries(format.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
    return { day: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) + Number(parts.minute) / 60 };
  };
}
