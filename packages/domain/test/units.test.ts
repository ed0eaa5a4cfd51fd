import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { idsOfPath, isWithin, parentIdOfPath, pathOf } from '../src/units';

const pathOfSuite = suite('pathOf');

pathOfSuite('joins ids from the root with slashes on both ends', () => {
  assert.is(pathOf([1, 5, 23]), '/1/5/23/');
  assert.is(pathOf([1]), '/1/');
  assert.is(pathOf([]), '/');
});

pathOfSuite('rejects ids that are not non-negative integers', () => {
  assert.throws(() => pathOf([1, 2.5]), RangeError);
  assert.throws(() => pathOf([-1]), RangeError);
  assert.throws(() => pathOf([Number.NaN]), RangeError);
});

pathOfSuite.run();

const ids = suite('idsOfPath');

ids('parses a path back to its ids', () => {
  assert.equal(idsOfPath('/1/5/23/'), [1, 5, 23]);
  assert.equal(idsOfPath('/1/'), [1]);
  assert.equal(idsOfPath('/'), []);
  assert.equal(idsOfPath(pathOf([7, 70, 700])), [7, 70, 700]);
});

ids('rejects malformed paths', () => {
  for (const bad of ['', '1/5/', '/1/5', '//', '/1//5/', '/a/', '/1/05/', '/-1/', ' /1/']) {
    assert.throws(() => idsOfPath(bad), RangeError, JSON.stringify(bad));
  }
});

ids.run();

const within = suite('isWithin');

within('the scope itself and everything below it', () => {
  assert.ok(isWithin('/1/5/', '/1/5/'));
  assert.ok(isWithin('/1/5/23/', '/1/5/'));
  assert.ok(isWithin('/1/5/23/99/', '/1/'));
  assert.ok(isWithin('/1/5/', '/'));
});

within('respects whole segments', () => {
  assert.not.ok(isWithin('/1/5/', '/1/50/'));
  assert.not.ok(isWithin('/1/50/', '/1/5/'));
  assert.not.ok(isWithin('/1/50/2/', '/1/5/'));
  assert.not.ok(isWithin('/11/', '/1/'));
});

within('nothing above or beside the scope', () => {
  assert.not.ok(isWithin('/1/', '/1/5/'));
  assert.not.ok(isWithin('/2/5/', '/1/5/'));
});

within('fails closed on malformed paths', () => {
  assert.not.ok(isWithin('/1/5/', ''));
  assert.not.ok(isWithin('', '/'));
  assert.not.ok(isWithin('/1/5', '/1/'));
  assert.not.ok(isWithin('/1/5/', '/1'));
});

within.run();

const parent = suite('parentIdOfPath');

parent('is the next-to-last id, or null at the top', () => {
  assert.is(parentIdOfPath('/1/5/23/'), 5);
  assert.is(parentIdOfPath('/1/5/'), 1);
  assert.is(parentIdOfPath('/1/'), null);
  assert.is(parentIdOfPath('/'), null);
  assert.throws(() => parentIdOfPath('1/5'), RangeError);
});

parent.run();
