import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ActivityResult } from '@xk/contract';
import { createDemoData } from '../../src/demo/demo-data';
import { loadDemo } from '../../src/demo/load-demo';
import { startSimulator } from '../../src/demo/simulator';
import { rng } from '../helpers/workload';
import { createTestApp, type TestApp } from '../helpers/test-app';

const test = suite('the demo simulator (src/demo/simulator.ts)');

// The simulator's clock runs at real speed but reads 10:00 in Hải Phòng when the test starts, so
// it is near the morning peak whatever the hour the test runs at, and never ahead of the server.
const HOUR = 3_600_000;
const VN = 7 * HOUR;
const sinceTen = (((Date.now() + VN - 10 * HOUR) % (24 * HOUR)) + 24 * HOUR) % (24 * HOUR);
const now = () => new Date(Date.now() - sinceTen);

let t: TestApp;
test.before(async () => {
  t = await createTestApp();
});
test.after(() => t.dispose());

async function until(what: string, ok: () => boolean, ms = 120_000) {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('volunteers check in, tap, sync offline batches and retry them; the hub counts exactly what was accepted', async () => {
  const services = t.app.services;
  const ids = await loadDemo(services, createDemoData({ now: now() }));
  const totals = async () => (await t.call({ method: 'GET', url: `/api/v1/campaigns/${ids.campaignId}/totals` })).body;
  const before = await totals();

  // Watch the one write path: every write, its items and their results, and how many run at once.
  const writes: Array<{ items: Array<Record<string, any>>; results: ActivityResult[]; sentAt: number }> = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const write = services.activity.write;
  services.activity.write = async (items: unknown[]) => {
    const sentAt = now().getTime();
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      const results = await write(items);
      writes.push({ items: items as Array<Record<string, any>>, results, sentAt });
      return results;
    } finally {
      inFlight--;
    }
  };
  const warnings: string[] = [];
  const sim = await startSimulator(services, ids.campaignId, {
    rate: 80,
    now,
    random: rng(2025).next,
    log: { info() {}, warn: (_obj, msg) => warnings.push(msg) },
  });
  const seen = (kind: string) => writes.some((w) => w.items.some((i) => i.kind === kind));
  try {
    await until('check-ins, taps, an offline batch retried, and a few hundred accepted entries', () => {
      const s = sim.stats();
      return s.accepted >= 300 && s.duplicates > 0 && seen('check_in') && seen('assistance');
    });
  } finally {
    await sim.stop();
    services.activity.write = write;
  }
  assert.is(inFlight, 0, 'stop() waits for the write in flight');
  assert.is(maxInFlight, 1, 'never two writes at once');

  const stats = sim.stats();
  assert.equal(warnings, [], 'nothing came back rejected');
  assert.is(stats.rejected, 0);
  assert.ok(stats.accepted > 0);
  assert.is(stats.sent, writes.reduce((n, w) => n + w.items.length, 0));

  // Every entry is fresh and in the past; an id sent twice is a retry of the very same entry, and
  // comes back as a duplicate.
  const first = new Map<string, string>();
  let residents = 0;
  let shops = 0;
  let retried = 0;
  const onDuty = new Map<number, number>(); // person → station, from the entries as sent
  for (const w of writes) {
    w.items.forEach((item, i) => {
      const result = w.results[i]!;
      assert.ok(Date.parse(item.occurredAt) <= w.sentAt, `${item.kind} ${item.occurredAt} is not in the future`);
      const body = JSON.stringify(item);
      const earlier = first.get(item.id);
      if (earlier !== undefined) {
        assert.is(body, earlier, 'a retry sends the same entry');
        assert.is(result.status, 'duplicate');
        retried++;
        return;
      }
      first.set(item.id, body);
      assert.is(result.status, 'accepted', `${body}: ${JSON.stringify(result)}`);
      if (item.kind === 'check_in') onDuty.set(item.personId, item.stationId);
      if (item.kind === 'check_out' || item.kind === 'reassignment') onDuty.delete(item.personId);
      if (item.kind === 'assistance') {
        assert.is(onDuty.get(item.personId), item.stationId, 'only volunteers checked in tap, at the station they are checked in at');
        const quantity = item.quantity ?? 1;
        assert.ok(Number.isInteger(quantity) && quantity >= 1 && quantity <= 5);
        if (item.beneficiary === 'shop') shops += quantity;
        else residents += quantity;
      }
      if (item.kind === 'session') assert.ok(item.attendance >= 20 && item.attendance <= 300);
    });
  }
  assert.ok(retried > 0, 'some offline batches were sent again');
  assert.is(stats.duplicates, retried);
  assert.is(stats.residents, residents);
  assert.is(stats.shops, shops);

  // The hub's totals moved by exactly what the simulator counted as accepted.
  const after = await totals();
  assert.is(after.residents.total - before.residents.total, stats.residents);
  assert.is(after.shops.total - before.shops.total, stats.shops);
  assert.ok(stats.residents > 0);
});

test.run();
