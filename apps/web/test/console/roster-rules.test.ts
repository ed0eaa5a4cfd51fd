import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { RosterPerson, RosterView } from '@xk/contract';
import { attentionRank, byName, defaultSettings, expectedOf, flagsOf, freshnessOf, matchesFilter, matchesQuery, membersOf, searchFields, shortfallOf, withPartners } from '../../src/console/roster-rules';

const now = Date.parse('2026-10-10T03:00:00Z');
const ago = (minutes: number) => new Date(now - minutes * 60_000).toISOString();
const person = (id: number, fields: Partial<RosterPerson> = {}): RosterPerson => ({ id, name: `Người ${id}`, phone: `+8491234${String(id).padStart(4, '0')}`, unitId: 1, duty: 'not_arrived', helpedToday: 0, ...fields });
const roster = (people: RosterPerson[]): RosterView => ({
  campaignId: 1,
  unitId: 1,
  today: '2026-10-10',
  people: Object.fromEntries(people.map((p) => [p.id, p])),
  stations: { 5: { id: 5, code: 'S5', name: 'Chợ Hàng Kênh không dùng tiền mặt', kind: 'market', unitId: 1, peopleNeeded: 4, onDutyNow: 1, residentsToday: 0 } },
  teams: { 7: { id: 7, code: 'T7', name: 'Đội thanh niên xung kích phường Lê Chân', kind: 'xung_kich', unitId: 1, onDutyNow: 0 } },
  moves: {},
});

const rules = suite('console roster rules');

rules('flags: an unacknowledged move is overdue after the setting; idle and quiet count only on duty', () => {
  const s = defaultSettings;
  assert.equal(flagsOf(person(1, { pendingMove: { id: 'm', at: ago(3) } }), now, s), { ackPendingMinutes: 3, isAckOverdue: false, idleMinutes: null, quietMinutes: null, unsent: 0 });
  assert.is(flagsOf(person(1, { pendingMove: { id: 'm', at: ago(5) } }), now, s).isAckOverdue, true);
  const busy = person(2, { duty: 'on_duty', checkedInAt: ago(90), lastActionAt: ago(45), lastHeardAt: ago(2), queueLength: 0 });
  assert.equal([flagsOf(busy, now, s).idleMinutes, flagsOf(busy, now, s).quietMinutes], [45, null], 'idle, but the phone is heard: truly idle');
  const offline = person(3, { duty: 'on_duty', checkedInAt: ago(90), lastActionAt: ago(40), lastHeardAt: ago(40), queueLength: 12 });
  assert.equal([flagsOf(offline, now, s).quietMinutes, flagsOf(offline, now, s).unsent], [40, 12], 'a quiet phone holding 12 actions: busy offline, not idle');
  const gone = person(4, { duty: 'checked_out', lastActionAt: ago(300) });
  assert.equal([flagsOf(gone, now, s).idleMinutes, flagsOf(gone, now, s).quietMinutes], [null, null]);
  assert.is(flagsOf(person(5, { duty: 'on_duty', checkedInAt: ago(31) }), now, s).idleMinutes, 31, 'no action since the check-in');
  assert.ok(attentionRank(flagsOf(person(1, { pendingMove: { id: 'm', at: ago(9) } }), now, s)) < attentionRank(flagsOf(busy, now, s)));
});

rules('search: without diacritics, any order, word starts within one field; digits anywhere in a phone', () => {
  const r = roster([]);
  const unit = (id: number) => (id === 1 ? 'Đoàn xã Hoằng Hóa' : undefined);
  const anh = searchFields(person(1, { name: 'Nguyễn Thanh Anh' }), r, unit);
  const quynh = searchFields(person(2, { name: 'Nguyễn Khánh Quỳnh', teamId: 7, stationId: 5 }), r, unit);
  assert.ok(matchesQuery(anh, 'nguyen thanh anh'));
  assert.not.ok(matchesQuery(quynh, 'nguyen thanh anh'), 'three words scattered over name and team are not a match');
  assert.ok(matchesQuery(anh, 'hoang hoa') && matchesQuery(anh, 'hoa hoang'), 'the unit, in any order');
  assert.ok(matchesQuery(quynh, 'cho hang kenh'), 'the station');
  assert.ok(matchesQuery(quynh, 'QUỲNH'));
  assert.not.ok(matchesQuery(quynh, 'uynh'), 'a word’s start, not its middle');
  assert.ok(matchesQuery(searchFields(person(9), r, unit), '0912340009') && matchesQuery(searchFields(person(9), r, unit), '0009'));
  assert.ok(matchesQuery(quynh, '  '));
});

rules('moves: partners come along once; a team is its placed people; expected names what the console shows', () => {
  const r = roster([person(1, { partnerId: 2, assignmentId: 11, teamId: 7 }), person(2, { partnerId: 1, assignmentId: 12 }), person(3, { partnerId: 99, teamId: 7 })]);
  assert.equal(withPartners(r, [1, 3], true), [1, 2, 3], 'a partner outside the roster is not moved');
  assert.equal(withPartners(r, [1, 2], true), [1, 2]);
  assert.equal(withPartners(r, [1], false), [1]);
  assert.equal(membersOf(r, 7), [1, 3]);
  assert.equal(expectedOf(r, [1, 3]), [{ personId: 1, assignmentId: 11 }, { personId: 3, assignmentId: null }]);
});

rules('filters, short-handed stations, Vietnamese order by given name', () => {
  const flags = flagsOf(person(1), now, defaultSettings);
  assert.ok(matchesFilter(person(1), flags, 'unplaced') && !matchesFilter(person(1, { stationId: 5 }), flags, 'unplaced'));
  assert.ok(matchesFilter(person(1, { duty: 'on_duty' }), flags, 'on_duty'));
  assert.is(shortfallOf(roster([]).stations[5]!), 3);
  const names = ['Trần Văn Bình', 'Nguyễn Thị An', 'Lê Ánh', 'Phạm Văn An'].map((name) => ({ name })).sort(byName).map((n) => n.name);
  assert.equal(names, ['Nguyễn Thị An', 'Phạm Văn An', 'Lê Ánh', 'Trần Văn Bình']);
});

rules('a station’s freshness: the latest phone heard, and what its phones hold unsent', () => {
  const people = [person(1, { lastHeardAt: ago(12), queueLength: 5 }), person(2, { lastHeardAt: ago(3) }), person(3, { queueLength: 7 })];
  assert.equal(freshnessOf(people, now), { heardMinutes: 3, unsent: 12, phonesWaiting: 2 });
  assert.equal(freshnessOf([person(4)], now), { heardMinutes: null, unsent: 0, phonesWaiting: 0 });
});

rules.run();
