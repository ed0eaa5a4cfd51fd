import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { canonicalJson } from '../src/canonical-json';

const canonical = suite('canonicalJson');

canonical('sorts keys recursively, without whitespace', () => {
  assert.is(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } }), '{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
});

canonical('the same body in another key order gives the same string', () => {
  const one = { stationId: 7, serviceCode: 'vneid_level2', delta: 1, meta: { client: 'a', at: '2025-10-10' } };
  const two = { meta: { at: '2025-10-10', client: 'a' }, delta: 1, serviceCode: 'vneid_level2', stationId: 7 };
  assert.is(canonicalJson(one), canonicalJson(two));
  assert.is.not(canonicalJson(one), canonicalJson({ ...two, delta: 2 }));
});

canonical('keeps array order', () => {
  assert.is(canonicalJson([3, 1, 2]), '[3,1,2]');
  assert.is.not(canonicalJson([1, 2]), canonicalJson([2, 1]));
});

canonical('drops undefined properties like JSON.stringify', () => {
  assert.is(canonicalJson({ a: undefined, b: 1, f: () => 1 }), '{"b":1}');
  assert.is(canonicalJson({ b: 1, a: undefined }), canonicalJson({ b: 1 }));
  assert.is(canonicalJson([undefined, () => 1, Symbol('s')]), '[null,null,null]');
});

canonical('agrees with JSON.stringify on scalars and escapes', () => {
  for (const value of ['Hoằng Hóa', 'a"b\\c\n\u2028', 0, -0, 1.5, -3e-7, 1e21, true, false, null, {}, []]) {
    assert.is(canonicalJson(value), JSON.stringify(value));
  }
  assert.is(canonicalJson({ 'key "q"': 1 }), '{"key \\"q\\"":1}');
  assert.is(canonicalJson([NaN, Infinity]), '[null,null]');
  assert.is(canonicalJson(undefined), 'null');
});

canonical('uses toJSON, so dates become ISO strings', () => {
  assert.is(canonicalJson({ at: new Date('2025-10-09T17:30:00Z') }), '{"at":"2025-10-09T17:30:00.000Z"}');
});

canonical('shared references are fine, cycles and BigInt throw', () => {
  const shared = { x: 1 };
  assert.is(canonicalJson({ a: shared, b: shared }), '{"a":{"x":1},"b":{"x":1}}');
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = cyclic;
  assert.throws(() => canonicalJson(cyclic), TypeError);
  assert.throws(() => canonicalJson({ n: 1n }), TypeError);
});

canonical.run();
