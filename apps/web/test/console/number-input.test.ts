import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseCount, parsePercent } from '../../src/console/setup/number-input';

test('a count typed the Vietnamese way: 5.000 is five thousand, not five', () => {
  assert.is(parseCount('5000'), 5000);
  assert.is(parseCount('5.000'), 5000);
  assert.is(parseCount(' 1.234.567 '), 1_234_567);
  assert.is(parseCount('70 000'), 70_000);
  assert.is(parseCount('1,081'), 1081);
  assert.is(parseCount('0'), 0);
});

test('anything else is not a count', () => {
  for (const bad of ['', '5.5', '5,00', '1.234,567', '-3', '12a', '1.000.00', '1.000,000']) assert.is(parseCount(bad), null, bad);
});

test('a percentage with either decimal mark, with or without %', () => {
  assert.is(parsePercent('80'), 80);
  assert.is(parsePercent('80,5'), 80.5);
  assert.is(parsePercent('80.5 %'), 80.5);
  assert.is(parsePercent('100%'), 100);
  for (const bad of ['', 'abc', '-5', '1.000,5', '80,']) assert.is(parsePercent(bad), null, bad);
});

test.run();
