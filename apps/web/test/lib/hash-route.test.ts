import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseHash } from '../../src/lib/hash-route';

const test = suite('parseHash');

test('reads the one-time links the hub prints', () => {
  assert.equal(parseHash('#/setup/abcDEF_123-xyz'), { kind: 'setup', secret: 'abcDEF_123-xyz' });
  assert.equal(parseHash('#/link/abcDEF_123-xyz'), { kind: 'link', secret: 'abcDEF_123-xyz' });
  assert.equal(parseHash('#/link/abc/'), { kind: 'link', secret: 'abc' }, 'a trailing slash from a chat app');
});

test('reads board links and volunteers’ invites', () => {
  assert.equal(parseHash('#/board/abcDEF_123-xyz'), { kind: 'board', secret: 'abcDEF_123-xyz' });
  assert.equal(parseHash('#/join/abcDEF_123-xyz/'), { kind: 'join', secret: 'abcDEF_123-xyz' });
});

test('anything else is the home page', () => {
  for (const hash of ['', '#', '#/', '#/link/', '#/link', '#/other/abc', '#/link/a/b', '#/board/', '#/join', '#/board/%E0%A4%A']) assert.equal(parseHash(hash), { kind: 'home' }, hash);
});

test.run();
