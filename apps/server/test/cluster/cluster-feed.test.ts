import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startOwnRedis } from '@xk/testing';
import { type ClusterMessage, coalesce, decodeMessage, encodeMessage, outboxKey } from '../../src/cluster/cluster-messages';
import { closeRedis, openRedis, trackedRedis } from '../../src/cluster/redis-client';

const row = (seq: number) => ({
  seq, kind: 'assistance', tally: 'assistance', personId: 3, unitId: 2, stationId: 5, teamId: null, shiftId: null,
  serviceCode: 'vneid_level2', beneficiary: 'resident', sessionKind: null, quantity: 2, attendance: 0, countedAt: new Date('2026-10-10T02:03:04.005Z'), receivedAt: new Date('2026-10-10T02:03:05.000Z'),
});

const messages = suite('cluster messages');

messages('every kind survives encoding; rows travel as arrays and come back as rows', () => {
  const all: ClusterMessage[] = [
    { type: 'committed', campaignId: 1, seq: 12, rows: [row(11), row(12)] },
    { type: 'committed', campaignId: 1, seq: 900, rows: null },
    { type: 'tree-changed' },
    { type: 'targets-changed', campaignId: 4 },
    { type: 'shift-created', campaignId: 4, shiftId: 9, endsAt: 1_790_000_000_000 },
    { type: 'named', kind: 'person', id: 3, name: 'Nguyễn Thị Ánh' },
    { type: 'roster', change: { campaignId: 4, people: [3, 5], places: false, moves: true } },
    { type: 'roster', change: { campaignId: null, people: 'all', places: true, moves: false } },
  ];
  for (const m of all) assert.equal(decodeMessage(encodeMessage(m)), m);
  // A hub from before rows carried their arrival: countedAt stands in.
  const old = JSON.stringify({ type: 'committed', campaignId: 1, seq: 11, rows: [[11, 'assistance', 'assistance', 3, 2, 5, null, null, 'vneid_level2', 'resident', null, 2, 0, 1_790_000_000_000]] });
  const decoded = decodeMessage(old) as Extract<ClusterMessage, { type: 'committed' }>;
  assert.is(decoded.rows![0]!.receivedAt!.getTime(), 1_790_000_000_000);
  assert.ok(encodeMessage(all[0]!).length < JSON.stringify(all[0]).length * 0.6, 'rows as arrays are much smaller');
});

messages('anything malformed decodes to null, never throws', () => {
  for (const text of ['', 'nope', '{}', '{"type":"roster","change":{"campaignId":"x"}}', '{"type":"roster","change":{"campaignId":1,"people":["a"]}}', '{"type":"roster"}', '{"type":"committed","campaignId":0,"seq":1,"rows":null}', '{"type":"named","kind":"planet","id":1,"name":"x"}', '{"type":"committed","campaignId":1,"seq":1,"rows":5}']) {
    assert.is(decodeMessage(text), null, text);
  }
});

messages('the outbox keeps one entry per key: a campaign\'s commits collapse to its latest sequence number, without rows', () => {
  const first: ClusterMessage = { type: 'committed', campaignId: 7, seq: 10, rows: [row(10)] };
  const second: ClusterMessage = { type: 'committed', campaignId: 7, seq: 25, rows: [row(25)] };
  assert.is(outboxKey(first), outboxKey(second));
  assert.equal(coalesce(coalesce(undefined, first), second), { type: 'committed', campaignId: 7, seq: 25, rows: null });
  assert.equal(coalesce(second, first), { type: 'committed', campaignId: 7, seq: 25, rows: null }, 'a late older commit never lowers it');
  assert.is.not(outboxKey(first), outboxKey({ ...first, campaignId: 8 }));
});

messages('a campaign\'s roster changes wait as one: the union of their people, everyone past a thousand', () => {
  const a: ClusterMessage = { type: 'roster', change: { campaignId: 3, people: [1, 2], places: false, moves: true } };
  const b: ClusterMessage = { type: 'roster', change: { campaignId: 3, people: [2, 9], places: true, moves: false } };
  assert.is(outboxKey(a), outboxKey(b));
  assert.equal(coalesce(coalesce(undefined, a), b), { type: 'roster', change: { campaignId: 3, people: [1, 2, 9], places: true, moves: true } });
  const many: ClusterMessage = { type: 'roster', change: { campaignId: 3, people: Array.from({ length: 1001 }, (_, i) => i + 1) } };
  assert.equal(coalesce(a, many), { type: 'roster', change: { campaignId: 3, people: 'all', places: false, moves: true } });
});

messages.run();

const reads = suite('the adapter\'s stream reads');
const redis = await startOwnRedis('adapter stream reads');

reads('a read "from $" after an empty one still gets an entry added between the two (the adapter\'s first-message race)', async () => {
  const client = openRedis(redis!.url, { warn: () => {} });
  const tracked = trackedRedis(client);
  const copy = tracked.client.duplicate();
  await copy.connect();
  const writer = openRedis(redis!.url, { warn: () => {} });
  for (let i = 0; i < 50 && !writer.isReady; i++) await new Promise((r) => setTimeout(r, 20));
  await writer.xAdd('s', '*', { before: '1' }); // already there: not news
  assert.is(await copy.xRead({ key: 's', id: '$' }, { BLOCK: 50 }), null);
  await writer.xAdd('s', '*', { between: '1' }); // while nobody reads
  const reply = (await copy.xRead({ key: 's', id: '$' }, { BLOCK: 50 })) as Array<{ messages: Array<{ message: Record<string, string> }> }> | null;
  assert.equal(reply?.[0]?.messages.map((m) => m.message), [{ between: '1' }]);
  tracked.destroyAll();
  await closeRedis(writer);
  await closeRedis(client);
});

reads.after(() => redis?.kill());
if (redis) reads.run();
