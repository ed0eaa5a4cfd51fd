import { randomUUID, webcrypto } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { queryRows } from '@xk/db';
import { defaultTarget } from '@xk/testing';
import { parsePosterToken } from '../../src/stations/poster-code';
import { createCampaign, createPerson, createStation, createUnit } from '../helpers/fixtures';
import { expectError, get } from '../helpers/requests';
import { type Caller, createTestApp, type TestApp } from '../helpers/test-app';

// Station poster codes: signed by the hub (ECDSA P-256, P1363 signatures a browser's WebCrypto
// verifies), checked again by the server on every check-in that carries one.

const test = suite('station poster codes');
let t: TestApp;
let unit: { id: number };
let campaign: { id: number };
let otherCampaign: { id: number };
let station: { id: number };
let otherStation: { id: number };
let foreignStation: { id: number };
let volunteer: Caller;

const poster = async (stationId: number, campaignId?: number) =>
  (await get(t, `/api/v1/stations/${stationId}/poster${campaignId ? `?campaignId=${campaignId}` : ''}`)) as { token: string; url: string };
const checkIn = (fields: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  kind: 'check_in',
  campaignId: campaign.id,
  personId: volunteer.personId,
  stationId: station.id,
  occurredAt: new Date().toISOString(),
  ...fields,
});
/** Sends check-ins as the volunteer's phone does (a batch) and returns the results. */
const sync = async (items: object[]) => {
  const res = await t.call({ method: 'POST', url: '/api/v1/activity/batch', payload: { items }, as: volunteer });
  assert.is(res.status, 200, JSON.stringify(res.body));
  return res.body.results as Array<{ id: string; status: string; field?: string; reason?: string }>;
};
const stored = async (ids: string[]) =>
  (await queryRows<{ id: string }>(t.app.database.db, sql`select id from activity where id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`)).map((r) => r.id);

test.before(async () => {
  t = await createTestApp(defaultTarget(), { publicUrl: 'https://xungkich.example.vn/' });
  const root = await createUnit(t, { name: 'Thành đoàn Thử' });
  unit = await createUnit(t, { parentId: root.id, name: 'Đoàn phường Thử' });
  campaign = await createCampaign(t, root.id);
  otherCampaign = await createCampaign(t, root.id);
  station = await createStation(t, campaign.id, unit.id);
  otherStation = await createStation(t, campaign.id, unit.id);
  foreignStation = await createStation(t, otherCampaign.id, unit.id);
  const person = await createPerson(t, unit.id);
  volunteer = await t.signInAs('volunteer', unit.id, person.id);
});
test.after(() => t.dispose());

test('the first poster makes the one key, even when asked for at once; the token and the URL its QR carries', async () => {
  const posters = await Promise.all([1, 2, 3, 4].map(() => poster(station.id, campaign.id)));
  const keys = await queryRows<{ id: number }>(t.app.database.db, sql`select id from poster_keys`);
  assert.is(keys.length, 1, 'one active key per deployment');
  const keyId = keys[0]!.id;
  for (const p of posters) {
    assert.match(p.token, new RegExp(`^XK1\\.${campaign.id}\\.${station.id}\\.${keyId}\\.[A-Za-z0-9_-]{86}$`));
    assert.is(p.url, `https://xungkich.example.vn/phone/#/checkin/${p.token}`, 'XK_PUBLIC_URL, without its trailing slash');
  }
  assert.equal(await poster(station.id).then((p) => p.token.split('.').slice(0, 4)), ['XK1', String(campaign.id), String(station.id), String(keyId)], 'campaignId may be left out');

  await expectError(t, 400, 'GET', `/api/v1/stations/${station.id}/poster?campaignId=${otherCampaign.id}`, undefined, 'query/campaignId');
  await expectError(t, 404, 'GET', '/api/v1/stations/2147483647/poster');
  const asVolunteer = await t.call({ method: 'GET', url: `/api/v1/stations/${station.id}/poster`, as: volunteer });
  assert.is(asVolunteer.status, 403, 'a coordinator prints posters');
});

test('a browser verifies a token with WebCrypto (ECDSA P-256, SHA-256, P1363) and the SPKI from /phone/today', async () => {
  const { token } = await poster(station.id, campaign.id);
  const today = await t.call({ method: 'GET', url: `/api/v1/phone/today?campaignId=${campaign.id}`, as: volunteer });
  assert.is(today.status, 200);
  const parsed = parsePosterToken(token)!;
  const spki = (today.body.posterKeys as Array<{ id: number; spki: string }>).find((k) => k.id === parsed.keyId)!.spki;
  const key = await webcrypto.subtle.importKey('spki', Buffer.from(spki, 'base64'), { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
  const [head, signature] = [token.slice(0, token.lastIndexOf('.')), token.slice(token.lastIndexOf('.') + 1)];
  const verify = (data: string, sig = signature) => webcrypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, Buffer.from(sig, 'base64url'), new TextEncoder().encode(data));
  assert.is(Buffer.from(signature, 'base64url').length, 64, 'r‖s, 32 bytes each');
  assert.ok(await verify(head), 'WebCrypto accepts the signature');
  assert.not.ok(await verify(head.replace(`.${station.id}.`, `.${otherStation.id}.`)), 'another station with the same signature');
  const flipped = `${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
  assert.not.ok(await verify(head, flipped), 'an altered signature');
});

test('the token is read out of whatever was scanned: bare, or the URL of the poster', () => {
  const token = `XK1.12.34.5.${'A'.repeat(86)}`;
  for (const text of [token, `https://hub.example/phone/#/checkin/${token}`, `  ${token}\n`]) {
    const parsed = parsePosterToken(text);
    assert.equal(parsed && { token: parsed.token, campaignId: parsed.campaignId, stationId: parsed.stationId, keyId: parsed.keyId }, { token, campaignId: 12, stationId: 34, keyId: 5 }, text);
  }
  for (const text of ['', 'XK1.12.34.5', 'XK2.12.34.5.abc', `XK1.0.34.5.${'A'.repeat(86)}`, `XK1.99999999999.34.5.${'A'.repeat(86)}`]) assert.is(parsePosterToken(text), null, text);
});

test('a check-in with a good poster code is accepted (the bare token or the poster URL); a retry is a duplicate', async () => {
  const { token, url } = await poster(station.id, campaign.id);
  const bare = checkIn({ posterCode: token });
  const fromUrl = checkIn({ posterCode: url, occurredAt: new Date(Date.now() + 1000).toISOString() });
  const results = await sync([bare, fromUrl]);
  assert.equal(results.map((r) => r.status), ['accepted', 'accepted'], JSON.stringify(results));
  assert.equal((await stored([bare.id, fromUrl.id])).sort(), [bare.id, fromUrl.id].sort());
  assert.is((await sync([bare]))[0]!.status, 'duplicate');
  const single = await t.call({ method: 'POST', url: '/api/v1/activity', payload: checkIn({ posterCode: token }), as: volunteer });
  assert.is(single.status, 201, JSON.stringify(single.body));
});

test('a bad poster code is rejected on posterCode with the reason, nothing of it is stored, and the rest of the batch is', async () => {
  const good = (await poster(station.id, campaign.id)).token;
  const parsed = parsePosterToken(good)!;
  const signature = good.slice(good.lastIndexOf('.') + 1);
  const ofOtherStation = (await poster(otherStation.id, campaign.id)).token;
  const ofOtherCampaign = (await poster(foreignStation.id, otherCampaign.id)).token;
  const cases: Array<[string, string, RegExp]> = [
    ['tampered signature', `${parsed.payload}.${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`, /signature does not match/],
    ['station id changed', good.replace(`.${station.id}.${parsed.keyId}.`, `.${otherStation.id}.${parsed.keyId}.`), /signature does not match/],
    ['truncated signature', good.slice(0, -10), /signature does not match/],
    ['unknown key', `XK1.${campaign.id}.${station.id}.999999.${signature}`, /key 999999, which this hub does not have/],
    ["another station's poster", ofOtherStation, new RegExp(`poster of station ${otherStation.id}, not of station ${station.id}`)],
    ["another campaign's poster", ofOtherCampaign, new RegExp(`poster of campaign ${otherCampaign.id}, not of campaign ${campaign.id}`)],
    ['not a poster code', 'https://zalo.me/g/abcdef', /not a station poster code/],
    ['too long', `${good}${'x'.repeat(300)}`, /./],
  ];
  const ok = checkIn();
  const items = [ok, ...cases.map(([, posterCode]) => checkIn({ posterCode }))];
  const results = await sync(items);
  assert.is(results[0]!.status, 'accepted');
  cases.forEach(([what, , reason], i) => {
    const r = results[i + 1]!;
    assert.equal([r.id, r.status, r.field], [items[i + 1]!.id, 'rejected', 'posterCode'], `${what}: ${JSON.stringify(r)}`);
    assert.match(r.reason!, reason, what);
  });
  assert.equal(await stored(items.map((i) => i.id)), [ok.id], 'only the good item is written');

  // One entry alone: a 400 naming the field, never a 500.
  const single = await t.call({ method: 'POST', url: '/api/v1/activity', payload: checkIn({ posterCode: ofOtherStation }), as: volunteer });
  assert.is(single.status, 400);
  assert.is(single.body.field, 'body/posterCode');
  assert.match(single.body.message, /poster of station/);
});

test.run();
