// pnpm bench — the write path measured through real HTTP on this machine, on the embedded PGlite
// (file-backed, as the hub runs it) and on PostgreSQL when reachable. Prints throughput, latency
// percentiles and event-loop delay, then checks that the totals equal what was acknowledged.
// Env: XK_BENCH_SECONDS (per scenario, default 5), DATABASE_URL (else the local default server).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createDb, type Database } from '@xk/db';
import { createTempPostgres, isPostgresAvailable } from '@xk/testing';
import { buildApp } from '../src/app';

const seconds = Number(process.env.XK_BENCH_SECONDS ?? 5);

interface Scene { base: string; campaignId: number; stationId: number; people: number[] }

async function post(url: string, body: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, json: await res.json() };
}

async function setUp(database: Database): Promise<{ scene: Scene; close: () => Promise<void> }> {
  const app = await buildApp({ database });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const unit = await post(`${base}/api/v1/units`, { code: 'BENCH', name: 'Thành đoàn Đo' });
  const campaign = await post(`${base}/api/v1/campaigns`, { code: 'BENCH-C', name: 'Đo tốc độ', startsAt: '2020-01-01T00:00:00Z', endsAt: '2040-01-01T00:00:00Z', scopeUnitId: unit.json.id });
  const station = await post(`${base}/api/v1/campaigns/${campaign.json.id}/stations`, { unitId: unit.json.id, code: 'BENCH-S', name: 'Điểm đo', kind: 'market' });
  const people: number[] = [];
  for (let i = 0; i < 200; i++) people.push((await post(`${base}/api/v1/people`, { name: `Tình nguyện viên ${i}`, phone: `09${String(10_000_000 + i)}` })).json.id);
  return { scene: { base, campaignId: campaign.json.id, stationId: station.json.id, people }, close: () => app.close() };
}

const entry = (s: Scene, i: number) => ({
  id: randomUUID(), kind: 'assistance', campaignId: s.campaignId, personId: s.people[i % s.people.length], stationId: s.stationId,
  serviceCode: 'vneid_level2', occurredAt: new Date().toISOString(),
});

const pct = (xs: number[], p: number) => (xs.length ? xs.sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]! : 0);

/** `clients` loops sending requests for `seconds`; returns entries acknowledged and request latencies. */
async function run(clients: number, send: (i: number) => Promise<number>) {
  const latencies: number[] = [];
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const deadline = Date.now() + seconds * 1000;
  let entries = 0;
  let n = 0;
  const started = Date.now();
  await Promise.all(Array.from({ length: clients }, async () => {
    while (Date.now() < deadline) {
      const t0 = performance.now();
      const got = await send(n++);
      entries += got;
      latencies.push(performance.now() - t0);
    }
  }));
  loop.disable();
  const elapsed = (Date.now() - started) / 1000;
  return { perSecond: entries / elapsed, requests: latencies.length, p50: pct(latencies, 50), p99: pct(latencies, 99), loopP99: loop.percentile(99) / 1e6, loopMax: loop.max / 1e6 };
}

async function scenarios(label: string, database: Database) {
  const { scene, close } = await setUp(database);
  let acknowledged = 0;
  const single = await run(50, async (i) => {
    const r = await post(`${scene.base}/api/v1/activity`, entry(scene, i));
    if (r.status !== 201) throw new Error(`single write answered ${r.status}: ${JSON.stringify(r.json)}`);
    acknowledged += 1;
    return 1;
  });
  const sent: object[][] = [];
  const batch = await run(8, async (i) => {
    const items = Array.from({ length: 100 }, (_, k) => entry(scene, i * 100 + k));
    const r = await post(`${scene.base}/api/v1/activity/batch`, { items });
    const accepted = r.json.results.filter((x: { status: string }) => x.status === 'accepted').length;
    if (accepted !== 100) throw new Error(`batch accepted ${accepted}/100`);
    if (sent.length < 50) sent.push(items);
    acknowledged += accepted;
    return accepted;
  });
  // Phones retrying batches that already landed: every item must come back duplicate, nothing counted twice.
  const retry = await run(8, async (i) => {
    const r = await post(`${scene.base}/api/v1/activity/batch`, { items: sent[i % sent.length] });
    if (r.json.results.some((x: { status: string }) => x.status !== 'duplicate')) throw new Error('a retried item was not a duplicate');
    return 100;
  });
  const totals = await (await fetch(`${scene.base}/api/v1/campaigns/${scene.campaignId}/totals`)).json();
  await close();
  const row = (name: string, r: Awaited<ReturnType<typeof run>>) =>
    console.log(`${label.padEnd(10)} ${name.padEnd(26)} ${Math.round(r.perSecond).toLocaleString('en').padStart(9)}/s  req p50 ${r.p50.toFixed(1).padStart(6)} ms  p99 ${r.p99.toFixed(1).padStart(7)} ms  loop p99 ${r.loopP99.toFixed(1).padStart(6)} ms  max ${r.loopMax.toFixed(0).padStart(4)} ms`);
  row('single writes, 50 clients', single);
  row('batches of 100, 8 clients', batch);
  row('retried batches (dups)', retry);
  const ok = totals.residents.total === acknowledged;
  console.log(`${label.padEnd(10)} totals ${totals.residents.total} = acknowledged ${acknowledged}: ${ok ? 'yes' : 'NO'}`);
  if (!ok) process.exitCode = 1;
}

console.log(`Write path over HTTP, ${seconds} s per scenario (node ${process.version})`);
const dir = mkdtempSync(join(tmpdir(), 'xk-bench-'));
const pglite = await createDb({ dataDir: dir });
await scenarios('pglite', pglite);
await pglite.close();
rmSync(dir, { recursive: true, force: true });
if (await isPostgresAvailable('PostgreSQL benchmark')) {
  const temp = await createTempPostgres();
  const pg = await createDb({ url: temp.url, poolSize: 10 });
  await scenarios('postgres', pg);
  await pg.close();
  await temp.drop();
}
