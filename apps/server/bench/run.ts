// pnpm bench — the hub started as its own process (src/server.ts, with an IPC channel for its
// figures) and driven from this one over HTTP and WebSocket, on the embedded PGlite (a fresh temp
// XK_DATA_DIR) and on PostgreSQL (a fresh temp database) when reachable. One JSON line per scenario
// on stdout, then a short summary. Exits non-zero only when a count is wrong.
//
// Scenarios (see README "Benchmarks"): fanout, ingest, e2e, roster, and twonode (two hubs on PostgreSQL
// linked by a redis-server the bench starts on a spare port); export (not run unless named: a
// million rows take minutes to insert and to export, see export.ts). Env:
//   XK_BENCH_SECONDS        measured seconds per phase (default 6)
//   XK_BENCH_DB             pglite | postgres | both (default both)
//   XK_BENCH_SCENARIOS      which to run (default fanout,ingest,e2e,roster,twonode)
//   XK_BENCH_ROSTER_PEOPLE  volunteers placed for the roster scenario (default 3000)
//   XK_BENCH_E2E_RATE       e2e writes/s (default 1000), XK_BENCH_E2E_BATCH items per request (default 10)
//   XK_BENCH_E2E_SOCKETS    sockets during e2e, probes included (default 2000)
//   XK_BENCH_FANOUT_SOCKETS raw sockets in fanout (default 5000), XK_BENCH_FANOUT_RATE its writes/s (default 1000)
//   XK_BENCH_TWONODE_SOCKETS raw sockets on hub B in twonode (default 1000)
//   XK_BENCH_EXPORT_ROWS    activity rows in the export scenario (default 1,000,000), XK_BENCH_EXPORT_WRITE_RATE writes/s meanwhile (default 50)
//   XK_BENCH_LOAD_WORKERS   child processes holding the raw sockets (default 1: the hub, not they, is the limit)
//   XK_BENCH_DEBUG=1        progress lines carry the monotonic clock (to slice a hub --cpu-prof)
//   XK_BENCH_HUB_ARGS       extra node flags for the hub, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
//   DATABASE_URL            PostgreSQL server to create the temp database on (else postgres://postgres@127.0.0.1:5432)
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { ActivityResult, LiveSubscribe, RosterView, UnitTotals } from '@xk/contract';
import { createLiveState } from '@xk/domain';
import { createTempPostgres, isPostgresAvailable, startOwnRedis } from '@xk/testing';
import { connect, eventually, type LiveClientSocket, subscribe } from '../test/helpers/live-client';
import { setUpAdmin } from '../test/helpers/processes';
import { createHttp, type Http } from './http';
import { runExportScenario } from './export';
import { cpuSecondsOfProcesses, type Hub, type HubStats, machineBusySeconds, startHub } from './hub';
import { startSocketLoad, type SocketLoad } from './socket-load';

const phaseSeconds = Number(process.env.XK_BENCH_SECONDS ?? 6);
const e2eRate = Number(process.env.XK_BENCH_E2E_RATE ?? 1000);
const e2eBatch = Number(process.env.XK_BENCH_E2E_BATCH ?? 10);
const e2eSockets = Number(process.env.XK_BENCH_E2E_SOCKETS ?? 2000);
const fanoutSockets = Number(process.env.XK_BENCH_FANOUT_SOCKETS ?? 5000);
const fanoutRate = Number(process.env.XK_BENCH_FANOUT_RATE ?? 1000);
const loadWorkers = Number(process.env.XK_BENCH_LOAD_WORKERS ?? 1);
const twoNodeSockets = Number(process.env.XK_BENCH_TWONODE_SOCKETS ?? 1000);
const exportRows = Number(process.env.XK_BENCH_EXPORT_ROWS ?? 1_000_000);
const exportWriteRate = Number(process.env.XK_BENCH_EXPORT_WRITE_RATE ?? 50);
const which = process.env.XK_BENCH_DB ?? 'both';
const scenarios = (process.env.XK_BENCH_SCENARIOS ?? 'fanout,ingest,e2e,roster,twonode').split(',');
const rosterPeople = Number(process.env.XK_BENCH_ROSTER_PEOPLE ?? 3000);
const hubArgs = (process.env.XK_BENCH_HUB_ARGS ?? '').split(/\s+/).filter(Boolean);
const unitCount = 20;
const peopleCount = 200;
const services = ['vneid_level2', 'public_service_account', 'cashless_payment', 'citizen_app', 'vssid'];

type DbName = 'pglite' | 'postgres';
type Row = { scenario: string; db: DbName } & Record<string, unknown>;
const rows: Row[] = [];
const failures: string[] = [];
const notes: string[] = [];

// XK_BENCH_DEBUG=1 prefixes the monotonic clock in µs: the same clock as the hub's --cpu-prof timestamps.
const log = (msg: string) => process.stderr.write(`bench${process.env.XK_BENCH_DEBUG ? ` ${process.hrtime.bigint() / 1000n}` : ''}: ${msg}\n`);
const round = (x: number, digits = 1) => Number(x.toFixed(digits));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
function pct(sorted: number[], p: number) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0;
}
function percentiles(xs: number[]) {
  const s = Array.from(Float64Array.from(xs).sort());
  return { p50: round(pct(s, 50)), p99: round(pct(s, 99)), max: round(s.length ? s[s.length - 1]! : 0) };
}
function fail(db: DbName, what: string) {
  failures.push(`${db}: ${what}`);
  log(`FAILURE ${db}: ${what}`);
}

interface Scene {
  campaignId: number;
  rootId: number;
  units: number[];
  /** Station i belongs to unit i. */
  stations: number[];
  /** Person i is a member of unit i % unitCount. */
  people: number[];
}

interface Ctx {
  db: DbName;
  hub: Hub;
  /** The admin's session secret (bearer for HTTP, auth token for sockets). */
  token: string;
  http: Http;
  scene: Scene;
  load: SocketLoad;
  /** Entries the hub acknowledged as accepted (all count 1 resident), over every scenario. */
  acknowledged: number;
  /** Entries sent whose answer never came (errors): they may or may not be stored. */
  unanswered: number;
  /** Entries other than the residents counted (a move's reassignment entry): they advance the campaign's seq too. */
  otherEntries: number;
  /** A full Socket.IO client on the campaign's root unit, held through every scenario. */
  rootProbe: Awaited<ReturnType<typeof subscribe>>;
  rootSocket: LiveClientSocket;
  probeSockets: LiveClientSocket[];
  next: number;
}

async function setUpScene(http: Http): Promise<Scene> {
  const root = await http.create('/api/v1/units', { code: 'BENCH', name: 'Thành đoàn Đo tốc độ', memberCount: 100 });
  const units: number[] = [];
  for (let i = 1; i <= unitCount; i++) units.push((await http.create('/api/v1/units', { code: `BENCH-${i}`, name: `Đoàn phường ${i}`, parentId: root.id, memberCount: 50 })).id);
  const campaign = await http.create('/api/v1/campaigns', { code: 'BENCH-C', name: 'Đo tốc độ', startsAt: '2020-01-01T00:00:00Z', endsAt: '2040-01-01T00:00:00Z', scopeUnitId: root.id });
  const stations: number[] = [];
  for (let i = 0; i < unitCount; i++) {
    stations.push((await http.create(`/api/v1/campaigns/${campaign.id}/stations`, { unitId: units[i], code: `BENCH-S${i + 1}`, name: `Điểm hỗ trợ ${i + 1}`, kind: 'market' })).id);
  }
  const people: number[] = new Array(peopleCount);
  await Promise.all(
    Array.from({ length: 10 }, async (_, w) => {
      for (let i = w; i < peopleCount; i += 10) {
        people[i] = (await http.create('/api/v1/people', { name: `Tình nguyện viên Số ${i}`, phone: `09${10_000_000 + i}`, memberships: [{ unitId: units[i % unitCount], role: 'volunteer' }] })).id;
      }
    }),
  );
  return { campaignId: campaign.id, rootId: root.id, units, stations, people };
}

/** Entry `n`: one resident helped at station n % 20 (so in unit n % 20), by a member of that unit. */
function entry(scene: Scene, n: number) {
  return {
    id: randomUUID(),
    kind: 'assistance',
    campaignId: scene.campaignId,
    personId: scene.people[n % peopleCount],
    stationId: scene.stations[n % unitCount],
    serviceCode: services[Math.floor(n / unitCount) % services.length],
    occurredAt: new Date().toISOString(),
  };
}

const unitRooms = (scene: Scene): LiveSubscribe[] =>
  [scene.rootId, ...scene.units].map((id) => ({ campaignId: scene.campaignId, scope: { kind: 'unit', id }, tier: 'board' }));

/** Hub, driver and load-process figures over one measured stretch. */
async function measure(ctx: Ctx) {
  const driverLoop = monitorEventLoopDelay({ resolution: 5 });
  driverLoop.enable();
  const before = await ctx.hub.stats('reset');
  await ctx.load.reset();
  const hubCpu = ctx.hub.cpuSeconds();
  const driverCpu = process.cpuUsage();
  const machineCpu = machineBusySeconds();
  const dbCpu = ctx.db === 'postgres' ? cpuSecondsOfProcesses('postgres') : 0;
  const t0 = performance.now();
  return async () => {
    const seconds = (performance.now() - t0) / 1000;
    const hub = await ctx.hub.stats();
    const load = await ctx.load.stats();
    const used = process.cpuUsage(driverCpu);
    driverLoop.disable();
    const hubUsed = ctx.hub.cpuSeconds() - hubCpu;
    const driverUsed = (used.user + used.system) / 1e6;
    const dbUsed = ctx.db === 'postgres' ? cpuSecondsOfProcesses('postgres') - dbCpu : 0;
    const others = machineBusySeconds() - machineCpu - hubUsed - driverUsed - load.cpuSeconds - dbUsed;
    return {
      seconds,
      hub,
      load,
      rounds: hub.groupCommit.rounds - before.groupCommit.rounds,
      figures: {
        loopP99Ms: round(hub.loopP99Ms),
        loopMaxMs: round(hub.loopMaxMs),
        // Share of one core over the stretch (the machine has 2).
        hubCpu: round(hubUsed / seconds, 2),
        // PostgreSQL's own processes (a local server only; 0 on PGlite, which runs inside the hub).
        dbCpu: round(dbUsed / seconds, 2),
        driverCpu: round(driverUsed / seconds, 2),
        loadCpu: round(load.cpuSeconds / seconds, 2),
        // CPU used by anything else on the machine (another test run makes the figures meaningless).
        otherCpu: round(Math.max(0, others) / seconds, 2),
        driverLoopP99Ms: round(driverLoop.percentile(99) / 1e6),
      },
    };
  };
}

/** `clients` loops, each sending one request after another for `seconds`; `send` returns entries acknowledged. */
async function closedLoop(clients: number, seconds: number, send: (n: number) => Promise<number>) {
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  let n = 0;
  let entries = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline) {
        const t = performance.now();
        const got = await send(n++);
        entries += got;
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  const l = percentiles(latencies);
  return { entries, requests: latencies.length, elapsed, perSecond: entries / elapsed, reqP50Ms: l.p50, reqP99Ms: l.p99 };
}

/** Runs `send` over every element of `items` with `clients` in parallel. */
async function forEachParallel<T>(items: T[], clients: number, send: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: clients }, async () => {
    while (next < items.length) await send(items[next++]!);
  }));
}

async function postEntries(ctx: Ctx, items: object[], single: boolean): Promise<ActivityResult[]> {
  try {
    if (single) {
      const r = await ctx.http.post('/api/v1/activity', JSON.stringify(items[0]));
      const result = JSON.parse(r.body) as ActivityResult;
      return [r.status === 201 || r.status === 200 ? result : { id: null, status: 'rejected', reason: `HTTP ${r.status}: ${r.body.slice(0, 200)}` }];
    }
    const r = await ctx.http.post('/api/v1/activity/batch', JSON.stringify({ items }));
    if (r.status !== 200) throw new Error(`HTTP ${r.status}: ${r.body.slice(0, 200)}`);
    return (JSON.parse(r.body) as { results: ActivityResult[] }).results;
  } catch (err) {
    ctx.unanswered += items.length;
    return items.map(() => ({ id: null, status: 'rejected', reason: (err as Error).message }));
  }
}

/** Waits until the root probe's live total equals what was acknowledged (every write reached the board). */
async function probeCaughtUp(ctx: Ctx, ms = 20_000) {
  try {
    await eventually(() => ctx.rootProbe.view().residents.total >= ctx.acknowledged, () => `root probe shows ${ctx.rootProbe.view().residents.total}, acknowledged ${ctx.acknowledged}`, ms);
  } catch (err) {
    if (ctx.unanswered === 0) fail(ctx.db, (err as Error).message);
  }
}

/** The database's totals (the REST read, not the live view) against what was acknowledged. */
async function checkTotals(ctx: Ctx, when: string) {
  const totals = await ctx.http.json<UnitTotals>(`/api/v1/campaigns/${ctx.scene.campaignId}/totals`);
  const stored = totals.residents.total;
  const ok = ctx.unanswered === 0 ? stored === ctx.acknowledged && totals.seq === ctx.acknowledged + ctx.otherEntries : stored >= ctx.acknowledged && stored <= ctx.acknowledged + ctx.unanswered;
  if (!ok) fail(ctx.db, `${when}: stored ${stored} residents (seq ${totals.seq}) but ${ctx.acknowledged} acknowledged (${ctx.unanswered} unanswered)`);
  const live = ctx.rootProbe.view().residents.total;
  if (live !== stored) fail(ctx.db, `${when}: the live view shows ${live}, the database ${stored}`);
  return { stored, ok: ok && live === stored };
}

// ---------------------------------------------------------------------------------------------
// ingest: closed-loop single-entry requests, then batched requests, then every request replayed.

async function ingest(ctx: Ctx): Promise<Row> {
  const singleClients = 64;
  const batchClients = 8;
  const batchSize = 100;
  const singles: string[] = [];
  const batches: string[] = [];
  const phase = async <T extends object>(run: () => Promise<T>) => {
    const done = await measure(ctx);
    const result = await run();
    const m = await done();
    return { ...result, ...m.figures, groupCommitRounds: m.rounds };
  };

  log(`${ctx.db} ingest: single-entry requests, ${singleClients} clients`);
  let errors = 0;
  const single = await phase(() =>
    closedLoop(singleClients, phaseSeconds, async () => {
      const body = JSON.stringify(entry(ctx.scene, ctx.next++));
      try {
        const r = await ctx.http.post('/api/v1/activity', body);
        if (r.status !== 201) throw new Error(`HTTP ${r.status}: ${r.body.slice(0, 200)}`);
        singles.push(body);
        ctx.acknowledged++;
        return 1;
      } catch (err) {
        if (errors++ === 0) log(`single write failed: ${(err as Error).message}`);
        ctx.unanswered++;
        return 0;
      }
    }),
  );

  log(`${ctx.db} ingest: batches of ${batchSize}, ${batchClients} clients`);
  const batched = await phase(() =>
    closedLoop(batchClients, phaseSeconds, async () => {
      const items = Array.from({ length: batchSize }, () => entry(ctx.scene, ctx.next++));
      const body = JSON.stringify({ items });
      try {
        const r = await ctx.http.post('/api/v1/activity/batch', body);
        if (r.status !== 200) throw new Error(`HTTP ${r.status}: ${r.body.slice(0, 200)}`);
        const accepted = (JSON.parse(r.body) as { results: ActivityResult[] }).results.filter((x) => x.status === 'accepted').length;
        if (accepted !== batchSize) throw new Error(`${accepted}/${batchSize} accepted`);
        batches.push(body);
        ctx.acknowledged += accepted;
        return accepted;
      } catch (err) {
        if (errors++ === 0) log(`batch write failed: ${(err as Error).message}`);
        ctx.unanswered += batchSize;
        return 0;
      }
    }),
  );

  log(`${ctx.db} ingest: batches done`);
  log(`${ctx.db} ingest: replaying ${singles.length} single and ${batches.length} batched requests`);
  let duplicates = 0;
  let nonDuplicates = 0;
  let replayErrors = 0;
  const replay = await phase(async () => {
    const t0 = performance.now();
    await forEachParallel(singles, singleClients, async (body) => {
      try {
        const r = await ctx.http.post('/api/v1/activity', body);
        if (r.status >= 500) replayErrors++;
        else if (r.status === 200 && (JSON.parse(r.body) as ActivityResult).status === 'duplicate') duplicates++;
        else nonDuplicates++;
      } catch {
        replayErrors++;
      }
    });
    await forEachParallel(batches, batchClients, async (body) => {
      try {
        const r = await ctx.http.post('/api/v1/activity/batch', body);
        if (r.status !== 200) {
          replayErrors += batchSize;
          return;
        }
        for (const x of (JSON.parse(r.body) as { results: ActivityResult[] }).results) {
          if (x.status === 'duplicate') duplicates++;
          else nonDuplicates++;
        }
      } catch {
        replayErrors += batchSize;
      }
    });
    return { requests: singles.length + batches.length, items: duplicates + nonDuplicates, elapsed: (performance.now() - t0) / 1000 };
  });
  if (nonDuplicates > 0) fail(ctx.db, `ingest replay: ${nonDuplicates} replayed items were not answered duplicate`);
  if (replayErrors > 0) log(`${ctx.db} ingest: ${replayErrors} replayed items got no answer (errors, not counted either way)`);

  await probeCaughtUp(ctx);
  const totals = await checkTotals(ctx, 'after ingest');
  const stats = await ctx.hub.stats();
  const phaseRow = (p: typeof single | typeof batched, extra: object) => ({
    ...extra, requests: p.requests, eventsPerSec: Math.round(p.perSecond), reqP50Ms: p.reqP50Ms, reqP99Ms: p.reqP99Ms,
    loopP99Ms: p.loopP99Ms, loopMaxMs: p.loopMaxMs, hubCpu: p.hubCpu, dbCpu: p.dbCpu, driverCpu: p.driverCpu, otherCpu: p.otherCpu, groupCommitRounds: p.groupCommitRounds,
  });
  return {
    scenario: 'ingest',
    db: ctx.db,
    singleEventsPerSec: Math.round(single.perSecond),
    batchedEventsPerSec: Math.round(batched.perSecond),
    batchSize,
    replayedRequests: replay.requests,
    replayedItems: replay.items,
    replayDuplicates: duplicates,
    replayNonDuplicates: nonDuplicates,
    replayErrors,
    acknowledged: ctx.acknowledged,
    stored: totals.stored,
    countsMatch: totals.ok,
    errors,
    // The worst of the three phases; each phase's own figures below.
    loopP99Ms: Math.max(single.loopP99Ms, batched.loopP99Ms, replay.loopP99Ms),
    loopMaxMs: Math.max(single.loopMaxMs, batched.loopMaxMs, replay.loopMaxMs),
    rssBytes: stats.rssBytes,
    single: phaseRow(single, { clients: singleClients }),
    batched: phaseRow(batched, { clients: batchClients, batchSize }),
    replay: { requests: replay.requests, itemsPerSec: Math.round(replay.items / replay.elapsed), loopP99Ms: replay.loopP99Ms, loopMaxMs: replay.loopMaxMs, hubCpu: replay.hubCpu, otherCpu: replay.otherCpu },
  };
}

// ---------------------------------------------------------------------------------------------
// Paced writes (open loop) for fanout and e2e.

interface PacedWriter {
  /** Send time (performance.now) of every entry sent, in order, overall and per unit index. */
  sends: number[];
  sendsByUnit: number[][];
  stop(): Promise<{ sent: number; acknowledged: number; seconds: number; skipped: number; reqP50Ms: number; reqP99Ms: number }>;
}

function startPacedWriter(ctx: Ctx, rate: number, batch: number, maxInFlight = 2000): PacedWriter {
  const sends: number[] = [];
  const sendsByUnit: number[][] = ctx.scene.units.map(() => []);
  const latencies: number[] = [];
  const inFlight = new Set<Promise<void>>();
  let requests = 0;
  let acknowledged = 0;
  let skipped = 0;
  const t0 = performance.now();
  const tick = () => {
    const due = Math.floor(((performance.now() - t0) / 1000) * (rate / batch));
    while (requests < due) {
      requests++;
      if (inFlight.size >= maxInFlight) {
        skipped++;
        continue;
      }
      const items: object[] = [];
      const t = performance.now();
      for (let k = 0; k < batch; k++) {
        const n = ctx.next++;
        items.push(entry(ctx.scene, n));
        sends.push(t);
        sendsByUnit[n % unitCount]!.push(t);
      }
      const p = postEntries(ctx, items, batch === 1).then((results) => {
        latencies.push(performance.now() - t);
        const accepted = results.filter((r) => r.status === 'accepted').length;
        acknowledged += accepted;
        ctx.acknowledged += accepted;
        inFlight.delete(p);
      });
      inFlight.add(p);
    }
  };
  const timer = setInterval(tick, 5);
  return {
    sends,
    sendsByUnit,
    async stop() {
      clearInterval(timer);
      const seconds = (performance.now() - t0) / 1000;
      await Promise.all(inFlight);
      const l = percentiles(latencies);
      return { sent: sends.length, acknowledged, seconds, skipped, reqP50Ms: l.p50, reqP99Ms: l.p99 };
    },
  };
}

async function openSockets(ctx: Ctx, count: number) {
  const before = await ctx.hub.stats('gc');
  const t0 = performance.now();
  const opened = await ctx.load.open(ctx.hub.url, ctx.token, count, unitRooms(ctx.scene), 128);
  const connectSeconds = (performance.now() - t0) / 1000;
  if (opened.subscribed !== count) throw new Error(`${ctx.db}: only ${opened.subscribed}/${count} sockets subscribed: ${opened.errors.join('; ')}`);
  await sleep(1000);
  const after = await ctx.hub.stats('gc');
  return { connectSeconds, before, after };
}

// ---------------------------------------------------------------------------------------------
// fanout: N raw sockets over the root and 20 unit rooms, writes touching every room every flush.

async function fanout(ctx: Ctx): Promise<Row> {
  const rate = fanoutRate;
  const batch = 10;
  const rooms = unitRooms(ctx.scene).length;
  log(`${ctx.db} fanout: opening ${fanoutSockets} sockets over ${rooms} rooms`);
  const { connectSeconds, before, after } = await openSockets(ctx, fanoutSockets);
  const writer = startPacedWriter(ctx, rate, batch);
  await sleep(1000);
  const done = await measure(ctx);
  await sleep(phaseSeconds * 1000);
  const m = await done();
  const w = await writer.stop();
  await probeCaughtUp(ctx);
  await ctx.load.closeSockets();
  const perSocket = (a: HubStats, b: HubStats, k: 'rssBytes' | 'heapUsedBytes') => Math.round((b[k] - a[k]) / fanoutSockets);
  const deliveriesPerSec = m.load.deltas / m.seconds;
  return {
    scenario: 'fanout',
    db: ctx.db,
    sockets: fanoutSockets,
    rooms,
    writesPerSec: rate,
    writeMode: `${rate / batch} batches/s of ${batch}`,
    seconds: round(m.seconds),
    deliveriesPerSec: Math.round(deliveriesPerSec),
    // Each room is flushed at most 10 times a second: the most deliveries the design sends.
    ceilingDeliveriesPerSec: fanoutSockets * 10,
    bytesPerDelivery: Math.round(m.load.bytes / Math.max(1, m.load.deltas)),
    minPerSocket: m.load.minPerSocket,
    maxPerSocket: m.load.maxPerSocket,
    lost: m.load.lost,
    connectSeconds: round(connectSeconds),
    rssPerSocketBytes: perSocket(before, after, 'rssBytes'),
    heapPerSocketBytes: perSocket(before, after, 'heapUsedBytes'),
    rssBytes: m.hub.rssBytes,
    acknowledged: w.acknowledged,
    ...m.figures,
    loadLoopP99Ms: round(m.load.loopP99Ms),
  };
}

// ---------------------------------------------------------------------------------------------
// e2e: writes at a fixed rate while sockets are subscribed; probes (full Socket.IO clients) time
// when each write shows on their board.

interface BoardProbe {
  /** The unit the probe's board shows. */
  id: number;
  /** Which hub it is connected to (for two-node runs). */
  node: string;
  socket: LiveClientSocket;
  probe: Awaited<ReturnType<typeof subscribe>>;
}

/** Probes (full Socket.IO clients) on the root and three units, on the hub at `url`. */
async function unitProbesOn(ctx: Ctx, url: string, node: string): Promise<BoardProbe[]> {
  const probeUnits = [ctx.scene.units[0]!, ctx.scene.units[7]!, ctx.scene.units[14]!];
  return Promise.all(
    probeUnits.map(async (id) => {
      const socket = await connect(url, { secret: ctx.token });
      ctx.probeSockets.push(socket);
      const probe = await subscribe(socket, { campaignId: ctx.scene.campaignId, scope: { kind: 'unit', id }, tier: 'board' });
      return { id, node, socket, probe };
    }),
  );
}

/**
 * Writes at `e2eRate` through ctx's hub for 1.5 phases while `probes` watch their boards: for every
 * write, the time from its send to the delta that shows it, per probe's node. Every acknowledged
 * write must reach every probe.
 */
async function timeWritesToBoards(ctx: Ctx, probes: BoardProbe[]) {
  const warmUpMs = 1000;
  const samples: Record<string, number[]> = {};
  let unseen = 0;
  let writer: PacedWriter | null = null;
  const listeners = probes.map((p) => {
    const baseline = p.probe.view().residents.total;
    const unitIndex = ctx.scene.units.indexOf(p.id);
    const into = (samples[p.node] ??= []);
    let seen = 0;
    let measureFrom = Infinity;
    const onDelta = () => {
      if (!writer) return;
      const sends = unitIndex < 0 ? writer.sends : writer.sendsByUnit[unitIndex]!;
      const total = p.probe.view().residents.total - baseline;
      const now = performance.now();
      for (let k = seen; k < total; k++) {
        const t = sends[k];
        if (t !== undefined && t >= measureFrom) into.push(now - t);
      }
      seen = Math.max(seen, total);
    };
    p.socket.on('live:changed', onDelta);
    return {
      start: (from: number) => (measureFrom = from),
      seen: () => seen,
      expected: () => (unitIndex < 0 ? writer!.sends.length : writer!.sendsByUnit[unitIndex]!.length),
      stop: () => p.socket.off('live:changed', onDelta),
    };
  });

  writer = startPacedWriter(ctx, e2eRate, e2eBatch);
  await sleep(warmUpMs);
  const from = performance.now();
  for (const l of listeners) l.start(from);
  const done = await measure(ctx);
  await sleep(phaseSeconds * 1000 * 1.5);
  const m = await done();
  const w = await writer.stop();
  try {
    await eventually(() => listeners.every((l) => l.seen() >= l.expected()), () => listeners.map((l) => `${l.seen()}/${l.expected()}`).join(', '), 20_000);
  } catch (err) {
    unseen = listeners.reduce((n, l) => n + Math.max(0, l.expected() - l.seen()), 0);
    if (ctx.unanswered === 0) fail(ctx.db, `writes never shown on a probe's board: ${(err as Error).message}`);
  }
  for (const l of listeners) l.stop();
  return { samples, unseen, m, w };
}

async function e2e(ctx: Ctx): Promise<Row> {
  // Probes: the root one held since the start, and three more on units (a unit's board sees 1/20 of the writes).
  const raw = e2eSockets - 4;
  log(`${ctx.db} e2e: ${raw} raw sockets + 4 probes, ${e2eRate} writes/s`);
  const { connectSeconds } = await openSockets(ctx, raw);
  // Every earlier write is on the boards before the probes subscribe: their snapshots are the baselines.
  await probeCaughtUp(ctx);
  const unitProbes = await unitProbesOn(ctx, ctx.hub.url, 'A');
  const probes = [{ id: ctx.scene.rootId, node: 'A', socket: ctx.rootSocket, probe: ctx.rootProbe }, ...unitProbes];
  const { samples, unseen, m, w } = await timeWritesToBoards(ctx, probes);
  for (const p of unitProbes) p.socket.close();
  await ctx.load.closeSockets();
  const achieved = w.sent / w.seconds;
  return {
    scenario: 'e2e',
    db: ctx.db,
    writesPerSec: e2eRate,
    achievedWritesPerSec: Math.round(achieved),
    writeMode: e2eBatch === 1 ? 'single-entry requests' : `${e2eRate / e2eBatch} requests/s of ${e2eBatch}`,
    sockets: raw + probes.length,
    probes: probes.length,
    rooms: unitRooms(ctx.scene).length,
    seconds: round(m.seconds),
    samples: samples.A?.length ?? 0,
    ...(({ p50, p99, max }) => ({ latencyP50Ms: p50, latencyP99Ms: p99, latencyMaxMs: max }))(percentiles(samples.A ?? [])),
    unseen,
    reqP50Ms: w.reqP50Ms,
    reqP99Ms: w.reqP99Ms,
    skippedRequests: w.skipped,
    deliveriesPerSec: Math.round(m.load.deltas / m.seconds),
    bytesPerDelivery: Math.round(m.load.bytes / Math.max(1, m.load.deltas)),
    connectSeconds: round(connectSeconds),
    rssBytes: m.hub.rssBytes,
    ...m.figures,
    loadLoopP99Ms: round(m.load.loopP99Ms),
  };
}

// ---------------------------------------------------------------------------------------------
// roster: coordinators' rosters over thousands of placed volunteers while writes flow and people
// are moved: what a flush of every roster costs the hub, and how soon a move shows on a roster.

/** A roster subscription that calls `onView` with the view after every snapshot and delta applied. */
async function rosterClient(url: string, token: string, campaignId: number, unitId: number, onView: (view: RosterView) => void) {
  const socket = await connect(url, { secret: token });
  const state = createLiveState<RosterView, never>(0);
  const counts = { deltas: 0, bytes: 0, gaps: 0 };
  let room = '';
  const resync = async () => {
    const t0 = performance.now();
    const ack = await socket.emitWithAck('roster:subscribe', { campaignId, unitId });
    if ('error' in ack) throw new Error(`roster:subscribe ${unitId}: ${ack.message}`);
    room = ack.data.room;
    state.snapshot({ ...ack.data, feed: [] });
    onView(state.get()!.view);
    return performance.now() - t0;
  };
  socket.on('live:changed', (delta) => {
    if (delta.room !== room) return;
    counts.deltas++;
    counts.bytes += JSON.stringify(delta.patch).length;
    if (state.delta({ ...delta, feed: [] }) === 'gap') {
      counts.gaps++;
      void resync();
    }
    onView(state.get()!.view);
  });
  const snapshotMs = await resync();
  return { socket, view: () => state.get()!.view, counts, snapshotMs };
}

async function rosterScenario(ctx: Ctx): Promise<Row> {
  const { scene, http } = ctx;
  log(`${ctx.db} roster: placing ${rosterPeople} volunteers at the 20 stations`);
  const people = [...scene.people];
  await Promise.all(
    Array.from({ length: 16 }, async (_, w) => {
      for (let i = peopleCount + w; i < rosterPeople; i += 16) {
        people[i] = (await http.create('/api/v1/people', { name: `Tình nguyện viên Điều phối ${i}`, phone: `08${10_000_000 + i}`, memberships: [{ unitId: scene.units[i % unitCount], role: 'volunteer' }] })).id;
      }
    }),
  );
  await forEachParallel(people.map((id, i) => [id, i] as const), 16, async ([personId, i]) => {
    await http.create(`/api/v1/campaigns/${scene.campaignId}/assignments`, { personId, stationId: scene.stations[i % unitCount] });
  });
  // A second station per unit, to move people to and fro.
  const spare: number[] = [];
  for (let i = 0; i < unitCount; i++) spare.push((await http.create(`/api/v1/campaigns/${scene.campaignId}/stations`, { unitId: scene.units[i], code: `BENCH-R${i + 1}`, name: `Điểm dự phòng ${i + 1}`, kind: 'other' })).id);

  // Who waits to see what: a move sent at t, for person p, to station s, seen on the root roster and its unit's.
  const waiting: Array<{ personId: number; stationId: number; unit: number; t: number; root?: number; own?: number }> = [];
  const check = (which: 'root' | 'own') => (v: RosterView) => {
    for (const w of waiting) if (w[which] === undefined && (which === 'root' || w.unit === v.unitId) && v.people[w.personId]?.stationId === w.stationId) w[which] = performance.now() - w.t;
  };
  const root = await rosterClient(ctx.hub.url, ctx.token, scene.campaignId, scene.rootId, check('root'));
  const units = [];
  for (const unitId of scene.units) units.push(await rosterClient(ctx.hub.url, ctx.token, scene.campaignId, unitId, check('own')));
  const shown = Object.keys(root.view().people).length;
  if (shown < rosterPeople) fail(ctx.db, `roster: the root roster shows ${shown} people, ${rosterPeople} were placed`);

  log(`${ctx.db} roster: ${unitCount + 1} rosters open (${shown} people on the widest); ${e2eRate} writes/s and a move every 250 ms`);
  const writer = startPacedWriter(ctx, e2eRate, e2eBatch);
  await sleep(1000);
  const done = await measure(ctx);
  const deltasBefore = root.counts.deltas + units.reduce((n, u) => n + u.counts.deltas, 0);
  const bytesBefore = root.counts.bytes + units.reduce((n, u) => n + u.counts.bytes, 0);
  const moveLatencies: number[] = [];
  let moveErrors = 0;
  const deadline = performance.now() + phaseSeconds * 1000;
  for (let k = 0; performance.now() < deadline; k++) {
    const i = (k * 37) % people.length;
    const personId = people[i]!;
    const unit = i % unitCount;
    const current = root.view().people[personId];
    const to = current?.stationId === spare[unit] ? scene.stations[unit]! : spare[unit]!;
    const t = performance.now();
    waiting.push({ personId, stationId: to, unit: scene.units[unit]!, t });
    const r = await http.post(`/api/v1/campaigns/${scene.campaignId}/moves`, JSON.stringify({ id: randomUUID(), personIds: [personId], toStationId: to, expected: [{ personId, assignmentId: current?.assignmentId ?? null }] }));
    if (r.status !== 201) moveErrors++;
    else ctx.otherEntries++;
    moveLatencies.push(performance.now() - t);
    await sleep(Math.max(0, 250 - (performance.now() - t)));
  }
  const m = await done();
  const w = await writer.stop();
  await eventually(() => waiting.every((x) => x.root !== undefined && x.own !== undefined), () => `${waiting.filter((x) => x.root === undefined || x.own === undefined).length} moves never shown`, 20_000).catch((err: Error) => fail(ctx.db, `roster: ${err.message}`));
  await probeCaughtUp(ctx);
  const deltas = root.counts.deltas + units.reduce((n, u) => n + u.counts.deltas, 0) - deltasBefore;
  const bytes = root.counts.bytes + units.reduce((n, u) => n + u.counts.bytes, 0) - bytesBefore;
  const gaps = root.counts.gaps + units.reduce((n, u) => n + u.counts.gaps, 0);
  if (gaps) fail(ctx.db, `roster: ${gaps} gaps in roster deltas`);
  for (const c of [root, ...units]) c.socket.close();
  const toRoot = percentiles(waiting.flatMap((x) => (x.root === undefined ? [] : [x.root])));
  const toOwn = percentiles(waiting.flatMap((x) => (x.own === undefined ? [] : [x.own])));
  return {
    scenario: 'roster',
    db: ctx.db,
    people: shown,
    rosters: unitCount + 1,
    writesPerSec: e2eRate,
    achievedWritesPerSec: Math.round(w.sent / w.seconds),
    moves: waiting.length,
    moveErrors,
    moveReqP50Ms: percentiles(moveLatencies).p50,
    moveToRootRosterP50Ms: toRoot.p50,
    moveToRootRosterP99Ms: toRoot.p99,
    moveToUnitRosterP50Ms: toOwn.p50,
    moveToUnitRosterP99Ms: toOwn.p99,
    rootSnapshotMs: round(root.snapshotMs),
    rosterDeltasPerSec: Math.round(deltas / m.seconds),
    bytesPerRosterDelta: Math.round(bytes / Math.max(1, deltas)),
    rssBytes: m.hub.rssBytes,
    ...m.figures,
  };
}

// ---------------------------------------------------------------------------------------------
// twonode: two hubs on one PostgreSQL, linked by a Redis of the bench's own. Writes go to hub A;
// boards watch on hub B (and one on A, for comparison in the same run): cross-node write → board
// latency at e2eRate, then how fast B's boards follow A's closed-loop batched ingest.

async function twoNode(ctx: Ctx, b: Hub): Promise<Row> {
  const raw = twoNodeSockets;
  log(`${ctx.db} twonode: ${raw} raw sockets on B + 4 probes on B, 1 on A; ${e2eRate} writes/s to A`);
  const opened = await ctx.load.open(b.url, ctx.token, raw, unitRooms(ctx.scene), 128);
  if (opened.subscribed !== raw) throw new Error(`twonode: only ${opened.subscribed}/${raw} sockets subscribed on B: ${opened.errors.join('; ')}`);
  await probeCaughtUp(ctx);
  const rootOnB = await (async () => {
    const socket = await connect(b.url, { secret: ctx.token });
    ctx.probeSockets.push(socket);
    const probe = await subscribe(socket, { campaignId: ctx.scene.campaignId, scope: { kind: 'unit', id: ctx.scene.rootId }, tier: 'board' });
    return { id: ctx.scene.rootId, node: 'B', socket, probe };
  })();
  const unitProbes = await unitProbesOn(ctx, b.url, 'B');
  const probes = [{ id: ctx.scene.rootId, node: 'A', socket: ctx.rootSocket, probe: ctx.rootProbe }, rootOnB, ...unitProbes];
  await b.stats('reset');
  const bCpu = b.cpuSeconds();
  const { samples, unseen, m, w } = await timeWritesToBoards(ctx, probes);
  const bStats = await b.stats();
  const bCpuShare = (b.cpuSeconds() - bCpu) / m.seconds;

  // Throughput: A ingests batches of 100 from 8 clients as fast as it can; B's root board follows.
  const startOnB = rootOnB.probe.view().residents.total;
  const t0 = performance.now();
  const loop = await closedLoop(8, phaseSeconds, async () => {
    const items = Array.from({ length: 100 }, () => entry(ctx.scene, ctx.next++));
    const results = await postEntries(ctx, items, false);
    const accepted = results.filter((r) => r.status === 'accepted').length;
    ctx.acknowledged += accepted;
    return accepted;
  });
  const phaseEnd = performance.now();
  const shownOnBDuringPhase = rootOnB.probe.view().residents.total - startOnB;
  let caughtUpMs = -1;
  try {
    await eventually(() => rootOnB.probe.view().residents.total >= ctx.acknowledged, () => `B shows ${rootOnB.probe.view().residents.total}, acknowledged ${ctx.acknowledged}`, 30_000);
    caughtUpMs = performance.now() - phaseEnd;
  } catch (err) {
    if (ctx.unanswered === 0) fail(ctx.db, `twonode: B's board never caught up: ${(err as Error).message}`);
  }
  const onB = rootOnB.probe;
  const duplicates = onB.counts.deltas - onB.counts.seqs.length;
  if (duplicates !== 0 || onB.counts.gaps !== 0) fail(ctx.db, `twonode: B's root board got ${duplicates} stale or duplicate deltas and ${onB.counts.gaps} gaps`);
  for (const p of [rootOnB, ...unitProbes]) p.socket.close();
  await ctx.load.closeSockets();
  const latency = (node: string) => percentiles(samples[node] ?? []);
  return {
    scenario: 'twonode',
    db: ctx.db,
    writesPerSec: e2eRate,
    achievedWritesPerSec: Math.round(w.sent / w.seconds),
    writeMode: `${e2eRate / e2eBatch} requests/s of ${e2eBatch} to hub A`,
    socketsOnB: raw + 4,
    crossNodeP50Ms: latency('B').p50,
    crossNodeP99Ms: latency('B').p99,
    crossNodeMaxMs: latency('B').max,
    sameNodeP50Ms: latency('A').p50,
    sameNodeP99Ms: latency('A').p99,
    samplesOnB: samples.B?.length ?? 0,
    unseen,
    ingestOnAEventsPerSec: Math.round(loop.perSecond),
    shownOnBPerSec: Math.round(shownOnBDuringPhase / ((phaseEnd - t0) / 1000)),
    bCaughtUpAfterMs: Math.round(caughtUpMs),
    bDeltas: onB.counts.deltas,
    bStaleOrDuplicate: duplicates,
    loopP99Ms: round(m.hub.loopP99Ms),
    bLoopP99Ms: round(bStats.loopP99Ms),
    hubCpu: m.figures.hubCpu,
    bHubCpu: round(bCpuShare, 2),
    otherCpu: m.figures.otherCpu,
  };
}

// ---------------------------------------------------------------------------------------------

/** Runs the one-hub scenarios on a hub with `env`; with `second`, a second hub on it too and twonode alone. */
async function runOn(db: DbName, env: Record<string, string | undefined>, second?: Record<string, string | undefined>) {
  log(`${db}: starting the hub${second ? 's' : ''}`);
  const hub = await startHub(env, hubArgs);
  const b = second ? await startHub(second, hubArgs).catch(async (err: unknown) => (await hub.stop(), Promise.reject(err))) : null;
  // The bench signs in as a newcomer would: through the set-up link the fresh hub printed.
  const token = (await setUpAdmin(hub.url, hub)).secret;
  const http = createHttp(hub.url, token);
  const load = await startSocketLoad(loadWorkers);
  const probeSockets: LiveClientSocket[] = [];
  try {
    const scene = await setUpScene(http);
    const rootSocket = await connect(hub.url, { secret: token });
    probeSockets.push(rootSocket);
    const rootProbe = await subscribe(rootSocket, { campaignId: scene.campaignId, scope: { kind: 'unit', id: scene.rootId }, tier: 'board' });
    const ctx: Ctx = { db, hub, token, http, scene, load, acknowledged: 0, unanswered: 0, otherEntries: 0, rootProbe, rootSocket, probeSockets, next: 0 };
    // fanout first: its RSS per socket is measured on a hub not yet churning through ingest's garbage.
    const byName = { fanout, ingest, e2e, roster: rosterScenario };
    const chosen = b ? [(c: Ctx) => twoNode(c, b)] : (Object.keys(byName) as Array<keyof typeof byName>).filter((name) => scenarios.includes(name)).map((name) => byName[name]);
    for (const scenario of chosen) {
      const row = await scenario(ctx);
      rows.push(row);
      console.log(JSON.stringify(row));
      await sleep(500);
    }
    await probeCaughtUp(ctx);
    await checkTotals(ctx, 'at the end');
  } catch (err) {
    log(`${db}: hub output:\n${hub.output()}${b ? `\nhub B output:\n${b.output()}` : ''}`);
    throw err;
  } finally {
    for (const s of probeSockets) s.close();
    await load.stop();
    http.close();
    await hub.stop();
    await b?.stop();
  }
}

const started = performance.now();
log(`${phaseSeconds} s per measured phase, node ${process.version}`);
const oneHubScenarios = ['fanout', 'ingest', 'e2e', 'roster'].some((x) => scenarios.includes(x));
if (oneHubScenarios && (which === 'both' || which === 'pglite')) {
  const dataDir = mkdtempSync(join(tmpdir(), 'xk-bench-'));
  try {
    await runOn('pglite', { DATABASE_URL: undefined, REDIS_URL: undefined, XK_DATA_DIR: dataDir });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
if (oneHubScenarios && (which === 'both' || which === 'postgres')) {
  if (await isPostgresAvailable('PostgreSQL benchmark')) {
    const temp = await createTempPostgres();
    try {
      await runOn('postgres', { DATABASE_URL: temp.url, REDIS_URL: undefined });
    } finally {
      await temp.drop();
    }
  } else notes.push('PostgreSQL skipped: not reachable (see the SKIP line)');
}
if ((which === 'both' || which === 'postgres') && scenarios.includes('twonode') && (await isPostgresAvailable('two-node benchmark'))) {
  const redis = await startOwnRedis('two-node benchmark');
  if (redis) {
    const temp = await createTempPostgres();
    try {
      const env = { DATABASE_URL: temp.url, REDIS_URL: redis.url };
      await runOn('postgres', { ...env, XK_NODE_ID: 'A' }, { ...env, XK_NODE_ID: 'B' });
    } finally {
      await temp.drop();
      await redis.kill();
    }
  } else notes.push('twonode skipped: no redis-server to run (see the SKIP line)');
}

if (scenarios.includes('export')) {
  const exportOn = async (target: Parameters<typeof runExportScenario>[0], env: Record<string, string | undefined>) => {
    const { row, problems } = await runExportScenario(target, env, { rows: exportRows, writeRate: exportWriteRate, hubArgs, log });
    for (const p of problems) fail(target.db, `export ${p}`);
    rows.push(row as Row);
    console.log(JSON.stringify(row));
  };
  if (which === 'both' || which === 'pglite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'xk-bench-export-'));
    try {
      await exportOn({ db: 'pglite', dataDir }, { DATABASE_URL: undefined, REDIS_URL: undefined, XK_DATA_DIR: dataDir });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  if ((which === 'both' || which === 'postgres') && (await isPostgresAvailable('export benchmark'))) {
    const temp = await createTempPostgres();
    try {
      await exportOn({ db: 'postgres', url: temp.url }, { DATABASE_URL: temp.url, REDIS_URL: undefined });
    } finally {
      await temp.drop();
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Summary, with the floors this machine class must meet.

const find = (scenario: string, db: DbName) => rows.find((r) => r.scenario === scenario && r.db === db) as Record<string, number> | undefined;
const floors: Array<[string, boolean | undefined]> = [];
const pgIngest = find('ingest', 'pglite');
if (pgIngest) floors.push([`batched ingest on PGlite ≥ 5,000 events/s: ${pgIngest.batchedEventsPerSec}`, pgIngest.batchedEventsPerSec! >= 5000]);
if (pgIngest) floors.push([`event-loop delay p99 during ingest on PGlite ≤ 50 ms: ${pgIngest.loopP99Ms}`, pgIngest.loopP99Ms! <= 50]);
for (const db of ['pglite', 'postgres'] as const) {
  const e = find('e2e', db);
  if (e) floors.push([`${db} e2e p99 ≤ 250 ms at ${e.writesPerSec} writes/s, ${e.sockets} sockets: ${e.latencyP99Ms} ms`, e.latencyP99Ms! <= 250 && e.achievedWritesPerSec! >= 0.95 * e.writesPerSec!]);
  const r = find('roster', db);
  if (r) floors.push([`${db} a move on every roster ≤ 1 s (p99) at ${r.writesPerSec} writes/s over ${r.people} people: ${r.moveToRootRosterP99Ms} ms`, r.moveToRootRosterP99Ms! <= 1000 && r.moveToUnitRosterP99Ms! <= 1000]);
}
console.log('');
console.log(`Summary (${round((performance.now() - started) / 1000, 0)} s):`);
for (const r of rows as Array<Record<string, any>>) {
  if (r.scenario === 'ingest') console.log(`  ${r.db.padEnd(8)} ingest  single ${r.singleEventsPerSec}/s, batched ${r.batchedEventsPerSec}/s (×${r.batchSize}); replay ${r.replayedRequests} requests, ${r.replayNonDuplicates} not duplicate; loop p99 ${r.loopP99Ms} ms, max ${r.loopMaxMs} ms`);
  if (r.scenario === 'fanout') console.log(`  ${r.db.padEnd(8)} fanout  ${r.deliveriesPerSec} deliveries/s to ${r.sockets} sockets in ${r.rooms} rooms (ceiling ${r.ceilingDeliveriesPerSec}); ${r.rssPerSocketBytes} B RSS/socket; loop p99 ${r.loopP99Ms} ms, max ${r.loopMaxMs} ms`);
  if (r.scenario === 'twonode') console.log(`  ${r.db.padEnd(8)} twonode write on A → board on B p50 ${r.crossNodeP50Ms} ms, p99 ${r.crossNodeP99Ms} ms (same node p99 ${r.sameNodeP99Ms} ms) at ${r.achievedWritesPerSec} writes/s; A ingests ${r.ingestOnAEventsPerSec}/s, B shows ${r.shownOnBPerSec}/s, caught up ${r.bCaughtUpAfterMs} ms after; loop p99 A ${r.loopP99Ms} / B ${r.bLoopP99Ms} ms`);
  if (r.scenario === 'export') {
    if (r.report) console.log(`  ${r.db.padEnd(8)} export  report  JSON over ${r.rows} rows in ${r.report.seconds} s; loop max ${r.report.loopMaxMs} ms; writes meanwhile p99 ${r.report.writeP99Ms} ms`);
    for (const phase of ['csv', 'xlsx', 'slowCsv'] as const) {
      const p = r[phase];
      if (!p) continue;
      const mb = (b: number) => round(b / 1e6, 0);
      console.log(`  ${r.db.padEnd(8)} export  ${phase.padEnd(7)} ${p.rowsPerSec ? `${p.rowsPerSec} rows/s, ${p.rows} rows in ${p.seconds} s` : `${mb(p.bytes)} MB read in ${p.seconds} s, then left`}; RSS ${mb(p.rssBeforeBytes)} → peak ${mb(p.rssPeakBytes)} MB (heap ${mb(p.heapBeforeBytes)} → ${mb(p.heapPeakBytes)}); loop p99 ${p.loopP99Ms} ms; writes meanwhile p99 ${p.writeP99Ms} ms (${p.writesPerSec}/s)`);
    }
  }
  if (r.scenario === 'roster') console.log(`  ${r.db.padEnd(8)} roster  move→roster p50 ${r.moveToRootRosterP50Ms} ms, p99 ${r.moveToRootRosterP99Ms} ms (widest, ${r.people} people; its unit's p99 ${r.moveToUnitRosterP99Ms} ms), ${r.moves} moves at ${r.achievedWritesPerSec} writes/s with ${r.rosters} rosters open; snapshot ${r.rootSnapshotMs} ms; hub CPU ${r.hubCpu}, loop p99 ${r.loopP99Ms} ms`);
  if (r.scenario === 'e2e') console.log(`  ${r.db.padEnd(8)} e2e     write→board p50 ${r.latencyP50Ms} ms, p99 ${r.latencyP99Ms} ms at ${r.achievedWritesPerSec} writes/s (${r.writeMode}), ${r.sockets} sockets; loop p99 ${r.loopP99Ms} ms, max ${r.loopMaxMs} ms`);
}
for (const [what, ok] of floors) console.log(`  floor ${ok ? 'met   ' : 'MISSED'} ${what}`);
const busy = rows.filter((r) => Number(r.otherCpu ?? 0) > 0.25 || ['single', 'batched'].some((k) => Number((r[k] as { otherCpu?: number } | undefined)?.otherCpu ?? 0) > 0.25));
if (busy.length) notes.push(`other processes used > 0.25 of a core during ${busy.map((r) => `${r.db} ${r.scenario}`).join(', ')} (otherCpu): those figures understate the hub; run again on a quiet machine`);
for (const n of notes) console.log(`  note: ${n}`);
if (failures.length) {
  console.log(`  FAILED (counts wrong):`);
  for (const f of failures) console.log(`    ${f}`);
  process.exitCode = 1;
} else console.log('  counts: every acknowledged entry stored once and shown live; every replay answered duplicate');
