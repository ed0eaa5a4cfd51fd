import { generateKeyPairSync, sign } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parsePosterToken, type PosterKey, verifyPosterToken } from '../../src/phone/poster-code';

/** Station poster codes, signed here as the hub signs them (node:crypto, P1363) and checked with WebCrypto. */
const test = suite('poster codes');

function keyPair(id: number) {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const spki = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const token = (campaignId: number, stationId: number) => {
    const signed = `XK1.${campaignId}.${stationId}.${id}`;
    const sig = sign('sha256', Buffer.from(signed, 'ascii'), { key: privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url');
    return `${signed}.${sig}`;
  };
  return { key: { id, spki } satisfies PosterKey, token };
}

const hub = keyPair(3);
const other = keyPair(3);

test('reads a bare token and a poster URL', () => {
  const token = hub.token(12, 345);
  const sig = token.split('.')[4]!;
  assert.is(sig.length, 86, '64 bytes in base64url without padding');
  const expected = { token, campaignId: 12, stationId: 345, keyId: 3, signed: 'XK1.12.345.3', sig };
  assert.equal(parsePosterToken(token), expected);
  assert.equal(parsePosterToken(`  ${token}\n`), expected, 'surrounding whitespace');
  for (const url of [
    `https://xk.example.vn/phone/#/checkin/${token}`,
    `http://192.168.1.20:3000/phone/#/checkin/${token}/`,
    `https://xk.example.vn/phone/?zarsrc=30&utm_source=zalo#/checkin/${token}?fbclid=abc`,
    `https://xk.example.vn/phone/#/checkin/${token}&x=1`,
  ]) {
    assert.equal(parsePosterToken(url), expected, url);
  }
});

test('anything else is not a poster code', () => {
  const token = hub.token(12, 345);
  for (const text of [
    '',
    'hello',
    'https://xk.example.vn/phone/#/join/abcdef',
    `https://xk.example.vn/phone/#/checkin/`,
    token.replace('XK1', 'XK2'),
    token.replace('XK1.12', 'XK1.012'),
    token.replace('XK1.12', 'XK1.-12'),
    token.replace('XK1.12.345', 'XK1.12'),
    `${token}.extra`,
    `x${token}`,
    `${token}!`,
    `XK1.12.345.3.${'A'.repeat(300)}`,
    'XK1.1234567890123456.1.1.abc',
  ]) {
    assert.is(parsePosterToken(text), null, text);
  }
  assert.is(parsePosterToken(undefined as unknown as string), null);
});

test('a token signed by the hub is valid, from its text, its URL or parsed', async () => {
  const token = hub.token(7, 42);
  assert.is(await verifyPosterToken(token, [hub.key]), 'valid');
  assert.is(await verifyPosterToken(`https://xk.example.vn/phone/#/checkin/${token}`, [{ id: 1, spki: 'AAAA' }, hub.key]), 'valid');
  assert.is(await verifyPosterToken(parsePosterToken(token)!, [hub.key]), 'valid');
});

test('a tampered token is invalid', async () => {
  const token = hub.token(7, 42);
  const [, campaign, station, key, sig] = token.split('.') as [string, string, string, string, string];
  assert.is(await verifyPosterToken(`XK1.${campaign}.43.${key}.${sig}`, [hub.key]), 'invalid', 'another station');
  assert.is(await verifyPosterToken(`XK1.8.${station}.${key}.${sig}`, [hub.key]), 'invalid', 'another campaign');
  const flipped = (sig[10] === 'A' ? 'B' : 'A');
  assert.is(await verifyPosterToken(`XK1.${campaign}.${station}.${key}.${sig.slice(0, 10)}${flipped}${sig.slice(11)}`, [hub.key]), 'invalid', 'a changed signature');
  assert.is(await verifyPosterToken(`XK1.${campaign}.${station}.${key}.${sig.slice(0, 80)}`, [hub.key]), 'invalid', 'a truncated signature');
  assert.is(await verifyPosterToken(token, [other.key]), 'invalid', 'another hub’s key with the same id');
  assert.is(await verifyPosterToken('not a poster', [hub.key]), 'invalid');
});

test('a key the phone does not know, or no WebCrypto, leaves the decision to the server', async () => {
  const token = hub.token(7, 42);
  assert.is(await verifyPosterToken(token, []), 'unknown-key');
  assert.is(await verifyPosterToken(token, [{ id: 4, spki: hub.key.spki }]), 'unknown-key');
  assert.is(await verifyPosterToken(token, [{ id: 3, spki: 'bm90IGEga2V5' }]), 'unverifiable', 'a cached key that does not import');

  // An insecure context (a hub on plain HTTP over the hall's Wi-Fi) has no crypto.subtle.
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'crypto')!;
  Object.defineProperty(globalThis, 'crypto', { value: { getRandomValues: crypto.getRandomValues.bind(crypto) }, configurable: true });
  try {
    assert.is(await verifyPosterToken(token, [hub.key]), 'unverifiable');
    assert.is(await verifyPosterToken('garbage', [hub.key]), 'invalid', 'still parsed');
  } finally {
    Object.defineProperty(globalThis, 'crypto', descriptor);
  }
  assert.is(await verifyPosterToken(token, [hub.key]), 'valid');
});

test.run();
