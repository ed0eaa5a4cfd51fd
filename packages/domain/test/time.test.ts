import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { formatDateVi, formatNumberVi, fromZonedInput, localDay, toZonedInput } from '../src/time';

const VN = 'Asia/Ho_Chi_Minh';

const day = suite('localDay');

day('is the calendar day in the given zone, not the host zone', () => {
  assert.is(localDay('2025-10-09T17:30:00Z', VN), '2025-10-10');
  assert.is(localDay('2025-10-09T16:30:00Z', VN), '2025-10-09');
  assert.is(localDay('2025-10-09T16:59:59.999Z', VN), '2025-10-09');
  assert.is(localDay('2025-10-09T17:00:00Z', VN), '2025-10-10');
  assert.is(localDay(new Date('2025-10-09T17:30:00Z'), 'UTC'), '2025-10-09');
  assert.is(localDay(new Date('2025-10-09T17:30:00Z'), 'America/Los_Angeles'), '2025-10-09');
});

day('pads months and days and crosses years', () => {
  assert.is(localDay('2024-12-31T17:00:00Z', VN), '2025-01-01');
  assert.is(localDay('2025-03-01T00:00:00+07:00', VN), '2025-03-01');
});

day('rejects invalid instants and zones', () => {
  assert.throws(() => localDay('not a date', VN), RangeError);
  assert.throws(() => localDay(new Date(Number.NaN), VN), RangeError);
  assert.throws(() => localDay('2025-10-09T17:30:00Z', 'Mars/Olympus'), RangeError);
});

day.run();

const date = suite('formatDateVi');

date('is dd/mm/yyyy in the given zone', () => {
  assert.is(formatDateVi('2025-10-09T17:30:00Z', VN), '10/10/2025');
  assert.is(formatDateVi('2025-10-09T16:30:00Z', VN), '09/10/2025');
  assert.is(formatDateVi(new Date('2025-03-01T02:00:00Z'), VN), '01/03/2025');
  assert.is(formatDateVi('2024-12-31T17:00:00Z', 'UTC'), '31/12/2024');
});

date.run();

const number = suite('formatNumberVi');

number('groups thousands with dots', () => {
  assert.is(formatNumberVi(1081), '1.081');
  assert.is(formatNumberVi(70000), '70.000');
  assert.is(formatNumberVi(4980), '4.980');
  assert.is(formatNumberVi(1234567), '1.234.567');
  assert.is(formatNumberVi(999), '999');
  assert.is(formatNumberVi(0), '0');
});

number('uses a decimal comma and a plain minus', () => {
  assert.is(formatNumberVi(1234.5), '1.234,5');
  assert.is(formatNumberVi(-1081), '-1.081');
  assert.is(formatNumberVi(-0), '0');
});

number.run();

const zoned = suite('toZonedInput / fromZonedInput');

zoned('a campaign’s wall clock, whatever the host’s zone', () => {
  assert.is(toZonedInput('2025-10-10T00:30:00Z', VN), '2025-10-10T07:30');
  assert.is(toZonedInput('2025-10-09T17:00:00Z', VN), '2025-10-10T00:00');
  assert.is(toZonedInput(new Date('2025-10-10T00:30:00Z'), 'UTC'), '2025-10-10T00:30');
  assert.is(fromZonedInput('2025-10-10T07:30', VN)!.toISOString(), '2025-10-10T00:30:00.000Z');
  assert.is(fromZonedInput('2025-10-10T00:00', VN)!.toISOString(), '2025-10-09T17:00:00.000Z');
  assert.is(fromZonedInput('2025-10-10T00:00:30', 'UTC')!.toISOString(), '2025-10-10T00:00:30.000Z');
});

zoned('round trips, across a DST change too', () => {
  for (const iso of ['2025-03-09T09:59:00Z', '2025-03-09T10:00:00Z', '2025-11-02T08:30:00Z', '2025-07-01T12:00:00Z']) {
    const zone = 'America/Los_Angeles';
    assert.is(fromZonedInput(toZonedInput(iso, zone), zone)!.toISOString(), new Date(iso).toISOString(), iso);
  }
  // 02:30 does not exist on 9 March 2025 in Los Angeles: read with the offset after the change.
  assert.is(fromZonedInput('2025-03-09T02:30', 'America/Los_Angeles')!.toISOString(), '2025-03-09T09:30:00.000Z');
});

zoned('anything else is null, never a wrong instant', () => {
  for (const bad of ['', '2025-10-10', '10/10/2025 07:00', '2025-13-01T00:00', '2025-02-31T00:00', '2025-10-10T24:00', '2025-10-10T07:60']) {
    assert.is(fromZonedInput(bad, VN), null, bad);
  }
  assert.throws(() => toZonedInput('nope', VN), RangeError);
});

zoned.run();
