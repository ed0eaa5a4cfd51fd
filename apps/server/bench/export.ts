// The `export` scenario of pnpm bench (XK_BENCH_SCENARIOS=export): a hub whose database holds
// XK_BENCH_EXPORT_ROWS activity rows (default 1,000,000, bulk-inserted with generate_series while
// the hub is stopped), then the activity export streamed over HTTP as CSV and as XLSX while a
// board is subscribed and single entries are written at XK_BENCH_EXPORT_WRITE_RATE/s (default 50);
// then a slow reader (1 MB/s) that leaves after a few seconds; first, the JSON report over the same
// rows, for comparison. Measures rows/s, the hub's RSS
// sampled during each download against before it, its event-loop delay, and the latency of the
// concurrent writes.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { sql } from 'drizzle-orm';
import { createDb, pgArray } from '@xk/db';
import { connect, subscribe } from '../test/helpers/live-client';
import { setUpAdmin } from '../test/helpers/processes';
import { createHttp, type Http } from './http';
import { type Hub, startHub } from './hub';

export interface ExportBenchOptions {
  rows: number;
  writeRate: number;
  hubArgs: string[];
  log(message: string): void;
}

/** Where the hub keeps its data, for the bulk insert made while it is stopped. */
export type ExportTarget = { db: 'pglite'; dataDir: string } | { db: 'postgres'; url: string };

const unitCount = 20;
const peopleCount = 200;
const round = (x: number, digits = 1) => Number(x.toFixed(digits));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : 0;
};

async function setUpScene(api: Http) {
  const root = await api.create('/api/v1/units', { code: 'XB', name: 'Thành đoàn Xuất báo cáo', memberCount: 100 });
  const units: number[] = [];
  for (let i = 1; i <= unitCount; i++) units.push((await api.create('/api/v1/units', { code: `XB-${i}`, name: `Đoàn phường ${i}`, parentId: root.id, memberCount: 50 })).id);
  const campaign = await api.create('/api/v1/campaigns', { code: 'XB-C', name: 'Xuất báo cáo', startsAt: '2020-01-01T00:00:00Z', endsAt: '2040-01-01T00:00:00Z', scopeUnitId: root.id });
  const stations: number[] = [];
  for (let i = 0; i < unitCount; i++) stations.push((await api.create(`/api/v1/campaigns/${campaign.id}/stations`, { unitId: units[i], code: `XB-S${i + 1}`, name: `Điểm hỗ trợ ${i + 1}`, kind: 'market' })).id);
  const people: number[] = [];
  for (let i = 0; i < peopleCount; i++) people.push((await api.create('/api/v1/people', { name: `Tình nguyện viên Số ${i}`, phone: `09${20_000_000 + i}`, memberships: [{ unitId: units[i % unitCount], role: 'volunteer' }] })).id);
  return { rootId: root.id, campaignId: campaign.id, units, stations, people };
}
type Scene = Awaited<ReturnType<typeof setUpScene>>;

/** `rows` rows straight into the table, 100,000 per statement: mostly residents helped, a check-in every 20th, a session every 50th. */
async function bulkInsert(target: ExportTarget, scene: Scene, rows: number, log: (m: string) => void) {
  const database = await createDb(target.db === 'pglite' ? { dataDir: target.dataDir, migrate: false } : { url: target.url, migrate: false });
  try {
    const chunk = 100_000;
    for (let from = 1; from <= rows; from += chunk) {
      const to = Math.min(rows, from + chunk - 1);
      await database.db.execute(sql`
        insert into activity (id, campaign_id, seq, kind, person_id, unit_id, station_id, tally, service_code, beneficiary, session_kind, quantity, attendance, occurred_at, counted_at, body_hash)
        select md5('xb' || g)::uuid, ${scene.campaignId}, g, k.kind,
               (${pgArray(scene.people, 'int')})[1 + g % ${peopleCount}], (${pgArray(scene.units, 'int')})[1 + g % ${unitCount}], (${pgArray(scene.stations, 'int')})[1 + g % ${unitCount}],
               case k.kind when 'assistance' then 'assistance' when 'session' then 'session' end,
               case when k.kind = 'assistance' then (array['vneid_level2', 'public_service_account', 'cashless_payment', 'citizen_app', 'vssid'])[1 + g % 5] end,
               case when k.kind = 'assistance' then case when g % 7 = 0 then 'shop' else 'resident' end end,
               case when k.kind = 'session' then 'outreach' end,
               case when k.kind in ('assistance', 'session') then 1 else 0 end,
               case when k.kind = 'session' then 40 else 0 end,
               timestamptz '2025-10-10 06:00:00+07' + g * interval '250 milliseconds', timestamptz '2025-10-10 06:00:00+07' + g * interval '250 milliseconds', 'bench'
        from generate_series(${from}::int, ${to}::int) g
        cross join lateral (select case when g % 20 = 0 then 'check_in' when g % 50 = 1 then 'session' else 'assistance' end as kind) k`);
      log(`${target.db} export: inserted ${to.toLocaleString('en')} rows`);
    }
    await database.db.execute(sql`update campaigns set seq = ${rows} where id = ${scene.campaignId}`);
    await database.db.execute(sql`analyze activity`);
  } finally {
    await database.close();
  }
}

/** Single entries at `rate`/s (one POST each), timed, until stopped. */
function startWriter(api: Http, scene: Scene, rate: number) {
  const latencies: number[] = [];
  let sent = 0;
  let failed = 0;
  const inFlight = new Set<Promise<void>>();
  const t0 = performance.now();
  const timer = setInterval(() => {
    const due = Math.floor(((performance.now() - t0) / 1000) * rate);
    while (sent < due) {
      const n = sent++;
      const body = JSON.stringify({ id: randomUUID(), kind: 'assistance', campaignId: scene.campaignId, personId: scene.people[n % peopleCount], stationId: scene.stations[n % unitCount], serviceCode: 'vneid_level2', occurredAt: new Date().toISOString() });
      const t = performance.now();
      const p = api.post('/api/v1/activity', body).then(
        (r) => {
          if (r.status === 201) latencies.push(performance.now() - t);
          else failed++;
        },
        () => void failed++,
      ).finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
  }, 5);
  return {
    async stop() {
      clearInterval(timer);
      await Promise.all(inFlight);
      const seconds = (performance.now() - t0) / 1000;
      return { writesPerSec: round(latencies.length / seconds), failedWrites: failed, writeP50Ms: round(pct(latencies, 50)), writeP99Ms: round(pct(latencies, 99)), writeMaxMs: round(Math.max(0, ...latencies)) };
    },
  };
}

/** The hub's RSS and heap every 100 ms (over IPC) until stopped: their peaks. */
function sampleMemory(hub: Hub) {
  const peak = { rss: 0, heap: 0 };
  let running = true;
  const loop = (async () => {
    while (running) {
      const s = await hub.stats();
      peak.rss = Math.max(peak.rss, s.rssBytes);
      peak.heap = Math.max(peak.heap, s.heapUsedBytes);
      await sleep(100);
    }
  })();
  return async () => {
    running = false;
    await loop;
    return peak;
  };
}

interface Download {
  status: number;
  totalRows: number;
  bytes: number;
  lines: number;
  seconds: number;
}

/**
 * GETs `path`, reading at full speed, or at `bytesPerSec` for `leaveAfterMs` and then leaving.
 * `onHeaders` runs when the answer starts: the export has read its cut by then.
 */
function download(base: string, token: string, path: string, onHeaders: () => void, slow?: { bytesPerSec: number; leaveAfterMs: number }): Promise<Download> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let bytes = 0;
    let lines = 0;
    const req = http.get(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } }, (res) => {
      onHeaders();
      const done = () => resolve({ status: res.statusCode ?? 0, totalRows: Number(res.headers['x-total-rows']), bytes, lines, seconds: (performance.now() - t0) / 1000 });
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
        if (slow) {
          res.pause();
          setTimeout(() => res.resume(), (chunk.length / slow.bytesPerSec) * 1000);
        }
      });
      res.on('end', done);
      if (slow) {
        setTimeout(() => {
          req.destroy();
          done();
        }, slow.leaveAfterMs);
      }
    });
    req.on('error', (err) => (slow ? undefined : reject(err)));
  });
}

export async function runExportScenario(target: ExportTarget, env: Record<string, string | undefined>, options: ExportBenchOptions) {
  const { log } = options;
  const db = target.db;
  let hub = await startHub(env, options.hubArgs);
  const token = (await setUpAdmin(hub.url, hub)).secret;
  let api = createHttp(hub.url, token);
  const scene = await setUpScene(api);
  api.close();
  await hub.stop();

  log(`${db} export: inserting ${options.rows.toLocaleString('en')} rows with the hub stopped`);
  const insertStarted = performance.now();
  await bulkInsert(target, scene, options.rows, log);
  const insertSeconds = (performance.now() - insertStarted) / 1000;

  hub = await startHub(env, options.hubArgs);
  api = createHttp(hub.url, token);
  const socket = await connect(hub.url, { secret: token });
  try {
    // A board on the campaign, as in a hall: the hub loads the campaign's live state (all the rows) before the measuring starts.
    const board = await subscribe(socket, { campaignId: scene.campaignId, scope: { kind: 'unit', id: scene.rootId }, tier: 'board' });
    log(`${db} export: the board shows ${board.view().residents.total.toLocaleString('en')} residents`);
    const phases: Record<string, unknown> = {};
    const problems: string[] = [];
    // The JSON report over the same rows (aggregate queries, not streamed), for comparison.
    {
      await hub.stats('reset');
      const writer = startWriter(api, scene, options.writeRate);
      const t0 = performance.now();
      const res = await api.get(`/api/v1/campaigns/${scene.campaignId}/report`);
      const seconds = (performance.now() - t0) / 1000;
      const writes = await writer.stop();
      const after = await hub.stats();
      if (res.status !== 200) problems.push(`report: HTTP ${res.status}`);
      phases.report = { seconds: round(seconds, 2), bytes: res.body.length, loopP99Ms: round(after.loopP99Ms), loopMaxMs: round(after.loopMaxMs), ...writes };
      console.error(`bench: ${db} export report: ${JSON.stringify(phases.report)}`);
    }
    for (const [name, path, slow] of [
      ['csv', `/api/v1/campaigns/${scene.campaignId}/activity/export.csv`, undefined],
      ['xlsx', `/api/v1/campaigns/${scene.campaignId}/activity/export.xlsx`, undefined],
      ['slowCsv', `/api/v1/campaigns/${scene.campaignId}/activity/export.csv`, { bytesPerSec: 1_000_000, leaveAfterMs: 8000 }],
    ] as const) {
      // Every row written so far (the earlier phases' writes too) is in this export's cut.
      const expectedRows = (await api.json<{ seq: number }>(`/api/v1/campaigns/${scene.campaignId}`)).seq;
      const before = await hub.stats('gc');
      await hub.stats('reset');
      const cpu0 = hub.cpuSeconds();
      const peakOf = sampleMemory(hub);
      let writer: ReturnType<typeof startWriter> | undefined;
      log(`${db} export: ${name}${slow ? ` (reading ${slow.bytesPerSec / 1e6} MB/s, leaving after ${slow.leaveAfterMs / 1000} s)` : ''}`);
      // The writes start once the export has its cut: they must not be in it.
      const got = await download(hub.url, token, path, () => (writer = startWriter(api, scene, options.writeRate)), slow);
      const writes = await writer!.stop();
      const peak = await peakOf();
      const after = await hub.stats();
      const afterGc = await hub.stats('gc');
      const seconds = got.seconds;
      if (got.status !== 200) problems.push(`${name}: HTTP ${got.status}`);
      if (got.totalRows !== expectedRows) problems.push(`${name}: X-Total-Rows ${got.totalRows}, expected ${expectedRows}`);
      // CSV: a header line and a line per row (no field holds a line break here).
      if (name === 'csv' && got.lines !== expectedRows + 1) problems.push(`csv: ${got.lines - 1} rows received, expected ${expectedRows}`);
      phases[name] = {
        rows: name === 'slowCsv' ? undefined : got.totalRows,
        seconds: round(seconds),
        rowsPerSec: name === 'slowCsv' ? undefined : Math.round(got.totalRows / seconds),
        bytes: got.bytes,
        rssBeforeBytes: before.rssBytes,
        rssPeakBytes: peak.rss,
        rssAfterGcBytes: afterGc.rssBytes,
        heapBeforeBytes: before.heapUsedBytes,
        heapPeakBytes: peak.heap,
        heapAfterGcBytes: afterGc.heapUsedBytes,
        loopP99Ms: round(after.loopP99Ms),
        loopMaxMs: round(after.loopMaxMs),
        hubCpu: round((hub.cpuSeconds() - cpu0) / seconds, 2),
        ...writes,
      };
      console.error(`bench: ${db} export ${name}: ${JSON.stringify(phases[name])}`);
      await sleep(500);
    }
    return { row: { scenario: 'export', db, rows: options.rows, insertSeconds: round(insertSeconds), ...phases }, problems };
  } finally {
    socket.close();
    api.close();
    await hub.stop();
  }
}
