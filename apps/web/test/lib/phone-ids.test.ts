import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { newId, uuidFromBytes } from '../../src/phone/ids';

const test = suite('phone ids');
const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

test('a plain-HTTP page (no randomUUID) still gets a v4 UUID from getRandomValues', () => {
  const noRandomUuid = { getRandomValues: globalThis.crypto.getRandomValues.bind(globalThis.crypto) };
  const ids = new Set<string>();
  for (let i = 0; i < 2000; i++) {
    const id = newId(noRandomUuid);
    assert.match(id, V4);
    ids.add(id);
  }
  assert.is(ids.size, 2000, 'no repeats');
});

test('version and variant bits are forced whatever the random bytes', () => {
  assert.is(uuidFromBytes(new Uint8Array(16).fill(0xff)), 'ffffffff-ffff-4fff-bfff-ffffffffffff');
  assert.is(uuidFromBytes(new Uint8Array(16)), '00000000-0000-4000-8000-000000000000');
  assert.is(uuidFromBytes(Uint8Array.from({ length: 16 }, (_, i) => i)), '00010203-0405-4607-8809-0a0b0c0d0e0f');
  assert.throws(() => uuidFromBytes(new Uint8Array(8)));
});

test('randomUUID is used where it exists (secure contexts), lowercased', () => {
  const fake = { getRandomValues: () => assert.unreachable('not needed'), randomUUID: () => 'AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE' };
  assert.is(newId(fake as unknown as Crypto), 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee');
  assert.match(newId(), V4);
});

test.run();
