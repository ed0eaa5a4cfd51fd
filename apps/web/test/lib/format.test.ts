import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatNumber, formatPercent } from '../../src/lib/format';

test('percentages are whole and floored, without floating-point slips (0.29 is 29 %, not 28 %)', () => {
  const pct = (n: number) => formatPercent(n).replace(/\s/g, '');
  assert.is(pct(0.29), '29%');
  assert.is(pct(0.57), '57%');
  assert.is(pct(0.58), '58%');
  assert.is(pct(0.6499), '64%');
  assert.is(pct(1), '100%');
  assert.is(pct(1.25), '125%');
  assert.is(pct(0), '0%');
});

test('numbers in the Vietnamese format', () => {
  assert.is(formatNumber(1081), '1.081');
  assert.is(formatNumber(1_234_567), '1.234.567');
});

test.run();
