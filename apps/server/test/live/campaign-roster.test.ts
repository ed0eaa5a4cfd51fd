import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CampaignRoster } from '../../src/live/campaign-roster';
import type { RosterPersonRecord } from '../../src/live/roster-loader';

const record = (id: number, lastSeenAt: number | null): RosterPersonRecord => ({
  id,
  name: `Người ${id}`,
  phone: `+8491200000${id}`,
  unitIds: [1],
  assignment: null,
  pendingMove: null,
  phoneStatus: lastSeenAt === null ? null : { queueLength: lastSeenAt % 100, lastSeenAt: new Date(lastSeenAt) },
});

const roster = suite('CampaignRoster: what it keeps between reads');

roster('a phone report applied since a read began is newer than the read: kept, whole or partial', () => {
  const r = new CampaignRoster(1, '/1/');
  r.setPeople([record(1, 1_000), record(2, 1_000)], true);
  r.people.get(1)!.phoneStatus = { queueLength: 7, lastSeenAt: new Date(5_000) }; // a report, in memory
  r.setPeople([record(1, 2_000)], false); // a targeted read that began before it
  assert.equal(r.people.get(1)!.phoneStatus, { queueLength: 7, lastSeenAt: new Date(5_000) });
  r.setPeople([record(1, 9_000)], false); // a later report, read back
  assert.is(r.people.get(1)!.phoneStatus!.lastSeenAt.getTime(), 9_000);
  r.people.get(2)!.phoneStatus = { queueLength: 3, lastSeenAt: new Date(6_000) };
  r.setPeople([record(1, 9_000), record(2, null)], true); // a whole read: the report is kept, nobody else is
  assert.is(r.people.get(2)!.phoneStatus!.queueLength, 3);
  r.setPeople([record(3, null)], true);
  assert.equal([...r.people.keys()], [3], 'a whole read drops who it did not return');
});

roster.run();
