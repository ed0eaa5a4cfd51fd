import { randomUUID } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createTempPostgres, isPostgresAvailable, type OwnRedis, startOwnRedis, type TempPostgres } from '@xk/testing';
import { startStickyProxy } from '../../src/cluster/sticky-proxy';
import { connect, eventually, type LiveClientSocket, subscribe } from '../helpers/live-client';
import { freePort, freePortRange, type HubProcess, type ProcessAdmin, redeemPrintedLink, setUpAdmin, startHub, waitFor } from '../helpers/processes';

/**
 * The issue's own scene: a redis-server of the test's own, two real hub processes on one
 * PostgreSQL database, a sticky proxy in front. Writes through one hub, boards on the other; Redis
 * killed and restarted; a hub killed and restarted.
 */
const cluster = suite('two hub processes, one PostgreSQL, one Redis, a sticky proxy');

const hasPostgres = await isPostgresAvailable('two hub processes');
const redis: OwnRedis | null = hasPostgres ? await startOwnRedis('two hub processes') : null;
let pg: TempPostgres;
const hubs: Record<'A' | 'B', { port: number; url: string; process?: HubProcess }> = {
  A: { port: 0, url: '' },
  B: { port: 0, url: '' },
};
let proxy: ReturnType<typeof startStickyProxy>;
let proxyUrl: string;
const sockets: LiveClientSocket[] = [];
let scene: { rootId: number; communeId: number; campaignId: number; stationId: number; personId: number };

let admin: ProcessAdmin;
async function api(base: string, method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${base}/api/v1${path}`, { method, headers: { ...admin.headers, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  const json = await res.json();
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function startNode(name: 'A' | 'B') {
  const node = hubs[name];
  node.port ||= await freePort();
  node.url = `http://127.0.0.1:${node.port}`;
  // The database probe is slowed to a crawl: cross-node news must come through Redis (or a resync).
  node.process = startHub({ DATABASE_URL: pg.url, REDIS_URL: redis!.url, PORT: String(node.port), HOST: '127.0.0.1', XK_NODE_ID: name, XK_CLUSTER_PROBE_MS: '600000', XK_DATA_DIR: undefined });
  await waitFor(`${node.url}/readyz`, 60_000, node.process);
}

const entry = (fields: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  kind: 'assistance',
  campaignId: scene.campaignId,
  personId: scene.personId,
  stationId: scene.stationId,
  serviceCode: 'vneid_level2',
  occurredAt: new Date().toISOString(),
  ...fields,
});
const write = (base: string, n: number, quantity = 1) => api(base, 'POST', '/activity/batch', { items: Array.from({ length: n }, () => entry({ quantity })) });
const databaseTotal = async () => (await api(hubs.A.url, 'GET', `/campaigns/${scene.campaignId}/totals?unitId=${scene.rootId}`)).residents.total as number;

async function board(base: string, transports: Array<'websocket' | 'polling'> = ['websocket']) {
  const socket = await connect(base, admin, transports);
  sockets.push(socket);
  return subscribe(socket, { campaignId: scene.campaignId, scope: { kind: 'unit', id: scene.rootId } });
}
type Board = Awaited<ReturnType<typeof board>>;

/** Waits until the board shows the database's total, then checks it never applied an update twice. */
async function converges(b: Board, label: string) {
  const expected = await databaseTotal();
  await eventually(() => b.view().residents.total === expected, () => `${label}: board ${b.view().residents.total} ≠ database ${expected}`, 30_000);
  const seqs = b.counts.seqs;
  assert.ok(seqs.every((s, i) => i === 0 || s > seqs[i - 1]!), `${label}: sequence numbers only grow (${seqs})`);
}

cluster.before(async () => {
  pg = await createTempPostgres();
  await startNode('A');
  admin = await setUpAdmin(hubs.A.url, hubs.A.process!);
  await startNode('B');
  proxy = startStickyProxy({ port: 0, host: '127.0.0.1', upstreams: [{ host: '127.0.0.1', port: hubs.A.port }, { host: '127.0.0.1', port: hubs.B.port }] });
  await proxy.listening;
  proxyUrl = `http://127.0.0.1:${proxy.address().port}`;
  const code = () => randomUUID().slice(0, 8);
  const root = await api(hubs.A.url, 'POST', '/units', { code: `R-${code()}`, name: 'Tỉnh đoàn', memberCount: 10 });
  const commune = await api(hubs.B.url, 'POST', '/units', { code: `C-${code()}`, name: 'Đoàn phường', parentId: root.id, memberCount: 20 });
  const now = Date.now();
  const campaign = await api(hubs.A.url, 'POST', '/campaigns', { code: `K-${code()}`, name: 'Ngày Chuyển đổi số', scopeUnitId: root.id, startsAt: new Date(now - 86_400_000).toISOString(), endsAt: new Date(now + 86_400_000).toISOString() });
  const station = await api(hubs.B.url, 'POST', `/campaigns/${campaign.id}/stations`, { unitId: commune.id, code: `S-${code()}`, name: 'Chợ Sắt', kind: 'market' });
  const person = await api(hubs.A.url, 'POST', '/people', { name: 'Trần Thị Bình', phone: `09${String(now).slice(-8)}`, memberships: [{ unitId: commune.id, role: 'volunteer' }] });
  scene = { rootId: root.id, communeId: commune.id, campaignId: campaign.id, stationId: station.id, personId: person.id };
});

cluster.after(async () => {
  for (const s of sockets.splice(0)) s.close();
  await proxy?.close();
  for (const node of Object.values(hubs)) {
    if (node.process && node.process.child.exitCode === null) {
      node.process.child.kill('SIGTERM');
      await node.process.exited;
    }
  }
  await pg?.drop();
});

cluster('a subscriber that joins B after writes on A sees them; later writes on A reach it once each', async () => {
  await write(hubs.A.url, 5, 2);
  const onB = await board(hubs.B.url);
  assert.is(onB.view().residents.total, await databaseTotal());
  for (let i = 0; i < 10; i++) await write(hubs.A.url, 3);
  await converges(onB, 'B');
  assert.is(onB.counts.gaps, 0, 'no gap: every delta followed the one before');
  assert.is(onB.counts.deltas, onB.counts.seqs.length, 'every delta was applied: none was a duplicate or stale');
});

cluster('boards on both nodes agree with the database while both take writes', async () => {
  const onA = await board(hubs.A.url);
  const onB = await board(hubs.B.url);
  await Promise.all(Array.from({ length: 20 }, (_, i) => write(i % 2 ? hubs.A.url : hubs.B.url, 2, 1 + (i % 3))));
  await converges(onA, 'A');
  await converges(onB, 'B');
  assert.is(onA.counts.deltas, onA.counts.seqs.length);
  assert.is(onB.counts.deltas, onB.counts.seqs.length);
});

cluster('writes on A while Redis is down reach B after Redis returns; totals on both equal the database', async () => {
  const onA = await board(hubs.A.url);
  const onB = await board(hubs.B.url);
  await converges(onB, 'B before');
  const before = onB.view().residents.total;
  await redis!.kill();
  await eventually(async () => (await fetch(`${hubs.A.url}/readyz`)).status === 503, () => 'A still reports Redis ready');
  for (let i = 0; i < 10; i++) await write(hubs.A.url, 2, 3);
  assert.is(await databaseTotal(), before + 60, 'A accepted every write with Redis down');
  await converges(onA, 'A (its own writes, Redis down)');
  await new Promise((r) => setTimeout(r, 1000));
  assert.is(onB.view().residents.total, before, 'B cannot know yet');

  await redis!.restart();
  await converges(onB, 'B after Redis returned');
  await converges(onA, 'A after Redis returned');
  // Cross-node delivery goes on: a write after the restart reaches B through the feed.
  await write(hubs.A.url, 1, 5);
  await converges(onB, 'B, next write');
  assert.is(onB.counts.deltas, onB.counts.seqs.length, 'B received no update twice');
});

cluster('a hub that dies with writes untold (Redis down): the others resync from the database when Redis returns', async () => {
  const onB = await board(hubs.B.url);
  await converges(onB, 'B before');
  await redis!.kill();
  await write(hubs.A.url, 3, 2);
  hubs.A.process!.child.kill('SIGKILL'); // its outbox dies with it: nobody will announce these writes
  await hubs.A.process!.exited;
  await redis!.restart();
  const expected = (await api(hubs.B.url, 'GET', `/campaigns/${scene.campaignId}/totals?unitId=${scene.rootId}`)).residents.total;
  await eventually(() => onB.view().residents.total === expected, () => `B ${onB.view().residents.total} ≠ database ${expected}`, 30_000);
  await startNode('A');
});

cluster('a hub killed (SIGKILL) and restarted resyncs; its board reconnects by itself to the exact totals', async () => {
  const onB = await board(hubs.B.url);
  await converges(onB, 'B before');
  hubs.B.process!.child.kill('SIGKILL');
  await hubs.B.process!.exited;
  for (let i = 0; i < 5; i++) await write(hubs.A.url, 4);
  await startNode('B');
  await converges(onB, 'B after restart');
  assert.ok(onB.counts.snapshots >= 2, 'the board took a fresh snapshot after reconnecting');
  await write(hubs.A.url, 2, 2);
  await converges(onB, 'B, next write');
});

cluster('through the sticky proxy: long-polling only clients keep their session; writes through it land once', async () => {
  const polling = await board(proxyUrl, ['polling']);
  const ws = await board(proxyUrl, ['polling', 'websocket']);
  for (let i = 0; i < 10; i++) await write(proxyUrl, 2); // round-robin over both hubs
  await converges(polling, 'polling via proxy');
  await converges(ws, 'websocket via proxy');
  assert.is(polling.counts.gaps, 0);
  const res = await fetch(`${proxyUrl}/api/v1/campaigns/${scene.campaignId}/totals?unitId=${scene.rootId}`, { headers: admin.headers });
  assert.match(res.headers.get('set-cookie') ?? '', /xk_node=\d/, 'the proxy pins a browser with a cookie');
});

if (redis) cluster.run();

const script = suite('pnpm cluster (run-cluster.ts): the same topology for users without Docker');

script('starts two hubs and the sticky proxy on the given database and Redis, and stops them all on SIGTERM', async () => {
  const { spawn } = await import('node:child_process');
  const { fileURLToPath } = await import('node:url');
  const db = await createTempPostgres();
  const port = await freePortRange(3); // the proxy, then one port per hub
  const entry = fileURLToPath(new URL('../../src/cluster/run-cluster.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', entry, '--demo'], {
    env: { ...process.env, DATABASE_URL: db.url, REDIS_URL: redis!.url, PORT: String(port), XK_NODES: '2', LOG_LEVEL: 'warn', XK_SIMULATOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    await eventually(() => out.includes('sticky proxy on'), () => `no proxy yet: ${out}`, 180_000);
    for (const p of [port + 1, port + 2]) {
      const ready = await (await fetch(`http://127.0.0.1:${p}/readyz`)).json();
      assert.equal(ready.checks, { database: { ok: true }, redis: { ok: true } }, `hub on ${p}`);
    }
    const { headers } = await redeemPrintedLink(`http://127.0.0.1:${port}`, { output: () => out }, 'admin');
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/campaigns`, { headers });
    const campaigns = await res.json();
    assert.is(campaigns[0]?.name, 'Ngày Chuyển đổi số quốc gia 10/10', 'the first hub loaded the demo');
    assert.match(res.headers.get('set-cookie') ?? '', /xk_node=[01]/);
  } catch (err) {
    // Whatever failed first is the story; the cluster's own output tells why.
    child.kill('SIGTERM');
    await exited;
    await db.drop();
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n--- pnpm cluster printed:\n${out}`);
  }
  child.kill('SIGTERM');
  const code = await exited;
  await db.drop();
  assert.is(code, 0, `pnpm cluster exits cleanly on SIGTERM; it printed:\n${out}`);
  for (const p of [port, port + 1, port + 2]) {
    assert.ok(await fetch(`http://127.0.0.1:${p}/healthz`).then(() => false, () => true), `nothing answers on ${p} after SIGTERM`);
  }
});

script.after(() => redis?.kill());
if (redis) script.run();
