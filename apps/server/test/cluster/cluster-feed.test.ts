import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startOwnRedis } from '@xk/testing';
import { type ClusterMessage, coalesce, decodeMessage, encodeMessage, outboxKey } from '../../src/cluster/cluster-messages';
import { closeRedis, openRedis, trackedRedis } from '../../src/cluster/redis-client';

const row = (seq: number) => ({
  seq, kind: 'assistance', tally: 'assistance', personId: 3, unitId: 2, stationId: 5, teamId: null, shiftId: null,
  serviceCode: 'vneid_level2', beneficiary: 'resident', sessionKind: null, quantity: 2, attendance: 0, countedAt: new Date('2026-10-10T02:03:04.005Z'),
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
  ];
  for (const m of all) assert.equal(decodeMessage(encodeMessage(m)), m);
  assert.ok(encodeMessage(all[0]!).length < JSON.stringify(all[0]).length * 0.6, 'rows as arrays are much smaller');
});

messages('anything malformed decodes to null, never throws', () => {
  for (const text of ['', 'nope', '{}', '{"type":"committed","campaignId":0,"seq":1,"rows":null}', '{"type":"named","kind":"planet","id":1,"name":"x"}', '{"type":"committed","campaignId":1,"seq":1,"rows":5}']) {
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
