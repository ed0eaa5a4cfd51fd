import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { queryRows } from '@xk/db';
import { defaultTarget } from '@xk/testing';
import { type CodeTransport, codeTransportNamed, setCodeTransport } from '../../src/auth/code-transport';
import { readEnv } from '../../src/env';
import { isTrivialPin } from '../../src/auth/volunteer-service';
import { assistance, code, createCampaign, createPerson, createStation, createUnit, phone } from '../helpers/fixtures';
import { created } from '../helpers/requests';
import { type Caller, createTestApp, signInAs, type TestApp } from '../helpers/test-app';

// Volunteers: invites, joining with a PIN, PIN sign-in and its lockout, PIN resets — on a hub
// whose log the test reads (no PIN or code may reach it, but for the log transport's own line).

const test = suite('volunteers: invites, joining, PINs');
let app: FastifyInstance;
let t: TestApp;
let logs = '';

let root: { id: number };
let unitA: { id: number };
let unitB: { id: number };
let campaign: { id: number };
let stationA: { id: number };
let teamA: { id: number };
let teamB: { id: number };
let coordA: Caller;
let coordB: Caller;

/** Every PIN and code the test sends, to look for afterwards in the database and the log. */
const pins = new Set<string>();
const codes = new Set<string>();
const secrets = new Set<string>();
const usePin = (pin: string) => (pins.add(pin), pin);

const later = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const cookiesOf = (res: { headers: Record<string, unknown> }) => [res.headers['set-cookie']].flat().filter(Boolean) as string[];

/** `app.inject` as a caller (null: signed out), with the parsed JSON body. */
async function call(method: InjectOptions['method'], url: string, payload?: object, as: Caller | null = null, headers: Record<string, string> = {}) {
  const response = await app.inject({ method, url, ...(payload ? { payload } : {}), headers: { ...(as ? as.headers : {}), ...headers } });
  const body = response.headers['content-type']?.toString().includes('json') ? response.json() : response.body;
  return { status: response.statusCode, body, headers: response.headers, response };
}

/** The phone that joined or signed in, as a caller: its session cookie and CSRF token. */
function callerOf(res: Awaited<ReturnType<typeof call>>): Caller {
  const secret = /xk_session=([^;]+)/.exec(cookiesOf(res).join('\n'))?.[1];
  assert.ok(secret, `no session cookie: ${JSON.stringify(res.body)}`);
  return { personId: res.body.person.id, secret: secret!, headers: { cookie: `xk_session=${secret}`, 'x-csrf-token': res.body.csrfToken } };
}

async function newInvite(fields: { teamId?: number; stationId?: number; maxUses?: number; expiresAt?: string; label?: string } = {}, as: Caller = coordA) {
  const res = await call('POST', `/api/v1/campaigns/${campaign.id}/invites`, { teamId: teamA.id, stationId: stationA.id, maxUses: 10, expiresAt: later(7), ...fields }, as);
  assert.is(res.status, 201, JSON.stringify(res.body));
  secrets.add(res.body.secret);
  return res.body as { id: number; secret: string; url: string; uses: number; maxUses: number };
}

const join = (secret: string, phoneNumber: string, pin: string, name = 'Nguyễn Văn Tình Nguyện') => call('POST', '/api/v1/auth/join', { secret, name, phone: phoneNumber, pin: usePin(pin) });
const pinSignIn = (phoneNumber: string, pin: string) => call('POST', '/api/v1/auth/pin', { phone: phoneNumber, pin: usePin(pin) });
const one = async <T>(query: ReturnType<typeof sql>) => (await queryRows<T>(app.database.db, query))[0];

test.before(async () => {
  const stream = new Writable({ write: (chunk, _enc, done) => ((logs += String(chunk)), done()) });
  t = await createTestApp(defaultTarget(), { logger: { level: 'info', stream } });
  app = t.app;
  root = await createUnit(t, { name: 'Tỉnh đoàn Thử' });
  unitA = await createUnit(t, { parentId: root.id, name: 'Đoàn xã A' });
  unitB = await createUnit(t, { parentId: root.id, name: 'Đoàn xã B' });
  campaign = await createCampaign(t, root.id);
  stationA = await createStation(t, campaign.id, unitA.id);
  teamA = (await created(t, '/api/v1/teams', { code: code('T'), name: 'Tổ công nghệ số cộng đồng A', unitId: unitA.id })) as { id: number };
  teamB = (await created(t, '/api/v1/teams', { code: code('T'), name: 'Tổ công nghệ số cộng đồng B', unitId: unitB.id })) as { id: number };
  coordA = await signInAs(app, 'coordinator', unitA.id);
  coordB = await signInAs(app, 'coordinator', unitB.id);
});
test.after(async () => {
  setCodeTransport(null);
  await t.dispose();
});

test('a coordinator invites to a team or station of the campaign in their units; the secret is shown once', async () => {
  const invite = await newInvite({ label: 'Buổi sáng', maxUses: 5 });
  assert.type(invite.secret, 'string');
  assert.ok(invite.secret.length >= 40);
  assert.is(invite.url, `http://localhost:80/phone/#/join/${invite.secret}`, 'the link to print, on the address the request came to');

  const listA = await call('GET', `/api/v1/campaigns/${campaign.id}/invites`, undefined, coordA);
  assert.is(listA.status, 200);
  const mine = listA.body.find((i: { id: number }) => i.id === invite.id);
  assert.equal({ ...mine, createdAt: 'x' }, { id: invite.id, campaignId: campaign.id, teamId: teamA.id, stationId: stationA.id, label: 'Buổi sáng', maxUses: 5, uses: 0, expiresAt: mine.expiresAt, createdAt: 'x', revokedAt: null });
  assert.not.ok(JSON.stringify(listA.body).includes(invite.secret), 'never the secret again');
  const listB = await call('GET', `/api/v1/campaigns/${campaign.id}/invites`, undefined, coordB);
  assert.is(listB.status, 200, 'a coordinator of B reads the province campaign…');
  assert.not.ok(listB.body.some((i: { id: number }) => i.id === invite.id), "…without A's invites");
  const volunteer = await signInAs(app, 'volunteer', unitA.id);
  assert.is((await call('GET', `/api/v1/campaigns/${campaign.id}/invites`, undefined, volunteer)).status, 403);

  const post = (payload: object, as: Caller = coordA) => call('POST', `/api/v1/campaigns/${campaign.id}/invites`, { maxUses: 3, expiresAt: later(7), ...payload }, as);
  assert.is((await post({ teamId: teamB.id })).status, 403, "B's team is outside A's units");
  assert.is((await post({ teamId: teamA.id }, volunteer)).status, 403, 'volunteers invite nobody');
  const neither = await post({});
  assert.is(neither.status, 400);
  assert.is(neither.body.field, 'body/teamId');
  const past = await post({ teamId: teamA.id, expiresAt: later(-1) });
  assert.is(past.status, 400);
  assert.is(past.body.field, 'body/expiresAt');
  const tooFar = await post({ teamId: teamA.id, expiresAt: later(91) });
  assert.is(tooFar.status, 400);
  assert.is(tooFar.body.field, 'body/expiresAt');
  assert.is((await post({ teamId: teamA.id, expiresAt: later(89) })).status, 201);

  // A campaign over A only: B's team is outside its scope, and another campaign's station is not its own.
  const small = await createCampaign(t, unitA.id);
  const otherTeam = await call('POST', `/api/v1/campaigns/${small.id}/invites`, { teamId: teamB.id, maxUses: 1, expiresAt: later(1) }, t.admin);
  assert.is(otherTeam.status, 400);
  assert.is(otherTeam.body.field, 'body/teamId');
  const otherStation = await call('POST', `/api/v1/campaigns/${small.id}/invites`, { stationId: stationA.id, maxUses: 1, expiresAt: later(1) }, t.admin);
  assert.is(otherStation.status, 400);
  assert.is(otherStation.body.field, 'body/stationId');
  assert.is((await call('POST', '/api/v1/campaigns/2147483647/invites', { teamId: teamA.id, maxUses: 1, expiresAt: later(1) }, t.admin)).status, 404);

  const audited = await one<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'invite.create' and target = ${`invite:${invite.id}`} and actor_person_id = ${coordA.personId}`);
  assert.is(audited!.n, 1);
});

test('peek shows where an invite leads; an unknown, expired, used-up or revoked invite answers 404 saying which', async () => {
  const invite = await newInvite();
  const peek = await call('POST', '/api/v1/auth/invites/peek', { secret: invite.secret });
  assert.is(peek.status, 200, JSON.stringify(peek.body));
  assert.equal({ ...peek.body, expiresAt: 'x' }, { campaignName: 'Ngày Chuyển đổi số quốc gia 10/10', teamName: 'Tổ công nghệ số cộng đồng A', stationName: 'Điểm hỗ trợ thử', unitName: 'Đoàn xã A', expiresAt: 'x' });

  const unknown = await call('POST', '/api/v1/auth/invites/peek', { secret: 'z'.repeat(43) });
  assert.is(unknown.status, 404);
  assert.match(unknown.body.message, /not valid/);

  // An invite past its expiry: peeking and joining both refuse it.
  const expired = await newInvite();
  await app.database.db.execute(sql`update sign_in_links set expires_at = now() - interval '1 minute' where id = ${expired.id}`);
  const expiredPeek = await call('POST', '/api/v1/auth/invites/peek', { secret: expired.secret });
  assert.is(expiredPeek.status, 404);
  assert.match(expiredPeek.body.message, /expired/);
  assert.is(expiredPeek.body.reason, 'invite-expired');
  const expiredJoin = await join(expired.secret, phone(), '480712');
  assert.is(expiredJoin.status, 404);
  assert.match(expiredJoin.body.message, /expired/);
  assert.is((await one<{ uses: number }>(sql`select uses from sign_in_links where id = ${expired.id}`))!.uses, 0);
});

test('joining creates the person, a volunteer membership and grant, the placement, a PIN and a 180-day phone session', async () => {
  const invite = await newInvite({ maxUses: 5 });
  const number = phone();
  const res = await join(invite.secret, number.replace(/^0(\d{3})(\d{3})(\d{3})$/, '0$1 $2 $3'), '480712', '  Trần Thị Hoa  ');
  assert.is(res.status, 200, JSON.stringify(res.body));
  assert.is(res.body.kind, 'person');
  assert.is(res.body.person.name, 'Trần Thị Hoa');
  assert.equal(res.body.grants, [{ role: 'volunteer', unitId: unitA.id }]);
  const session = cookiesOf(res).find((c) => c.startsWith('xk_session='))!;
  assert.match(session, /HttpOnly/);
  assert.ok(Number(/Max-Age=(\d+)/.exec(session)![1]) > 179 * 86_400, session);
  const me = callerOf(res);

  const id = me.personId;
  const person = await one<{ phone: string }>(sql`select phone from people where id = ${id}`);
  assert.is(person!.phone, `+84${number.slice(1)}`, 'the phone is stored normalised');
  const membership = await one<{ unit_id: number; role: string }>(sql`select unit_id, role from memberships where person_id = ${id}`);
  assert.equal(membership, { unit_id: unitA.id, role: 'volunteer' });
  const placement = await one<{ team_id: number; station_id: number; role: string }>(sql`select team_id, station_id, role from assignments where person_id = ${id} and campaign_id = ${campaign.id} and ends_at is null`);
  assert.equal(placement, { team_id: teamA.id, station_id: stationA.id, role: 'volunteer' });
  const cred = await one<{ pin_hash: string; password_hash: string | null }>(sql`select pin_hash, password_hash from credentials where person_id = ${id}`);
  assert.match(cred!.pin_hash, /^\$argon2id\$/);
  assert.is(cred!.password_hash, null);
  assert.is((await one<{ kind: string }>(sql`select kind from sessions where person_id = ${id}`))!.kind, 'phone');
  assert.is((await one<{ uses: number }>(sql`select uses from sign_in_links where id = ${invite.id}`))!.uses, 1);
  assert.is((await one<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'join' and target = ${`person:${id}`}`))!.n, 1);

  // The phone's session writes the volunteer's own activity (with the CSRF header), not another's.
  const scene = { campaign, person: { id }, station: stationA };
  assert.is((await call('POST', '/api/v1/activity', assistance(scene), me)).status, 201);
  assert.is((await call('POST', '/api/v1/activity', assistance(scene), null, { cookie: me.headers.cookie })).status, 403, 'no CSRF header');
  const other = await createPerson(t, unitA.id);
  assert.is((await call('POST', '/api/v1/activity', assistance(scene, { personId: other.id }), me)).status, 403);
  assert.is((await call('GET', '/api/v1/auth/me', undefined, me)).body.person.id, id);

  // The same phone again, however written: 409, and the invite keeps its use.
  const again = await join(invite.secret, `+84 ${number.slice(1)}`, '592046');
  assert.is(again.status, 409);
  assert.is(again.body.message, 'this phone number already has an account: sign in with your PIN');
  assert.is((await one<{ uses: number }>(sql`select uses from sign_in_links where id = ${invite.id}`))!.uses, 1, 'a refused join burns no use');
});

test('a coordinator’s imported person joins as themself; staff accounts cannot be taken over by an invite', async () => {
  const invite = await newInvite({ teamId: teamA.id, stationId: undefined as never });
  const imported = (await call('POST', '/api/v1/people', { name: 'Lê Văn Nhập', phone: phone(), memberships: [{ unitId: unitA.id, role: 'member' }] }, coordA)).body as { id: number; phone: string };
  assert.type(imported.id, 'number');
  const res = await join(invite.secret, imported.phone, '592046', 'Tên khác');
  assert.is(res.status, 200, JSON.stringify(res.body));
  assert.is(res.body.person.id, imported.id, 'the same person');
  assert.is(res.body.person.name, 'Lê Văn Nhập', 'the name a coordinator entered stays');
  const placement = await one<{ team_id: number; station_id: number | null }>(sql`select team_id, station_id from assignments where person_id = ${imported.id} and ends_at is null`);
  assert.equal(placement, { team_id: teamA.id, station_id: null });

  const staff = await signInAs(app, 'coordinator', unitA.id);
  const staffPhone = (await one<{ phone: string }>(sql`select phone from people where id = ${staff.personId}`))!.phone;
  const takeover = await join(invite.secret, staffPhone, '592046');
  assert.is(takeover.status, 409);
  assert.match(takeover.body.message, /staff account/);
  const withPassword = (await call('POST', '/api/v1/people', { name: 'Cán bộ có mật khẩu', phone: phone() }, t.admin)).body as { id: number; phone: string };
  await app.auth.setPassword(withPassword.id, 'một mật khẩu dài dài');
  const passwordJoin = await join(invite.secret, withPassword.phone, '592046');
  assert.is(passwordJoin.status, 409);
  assert.match(passwordJoin.body.message, /password/);
  assert.is(passwordJoin.body.reason, 'account-password');
});

test('reuse limits: an invite for 2 takes two volunteers, the third is refused; a refused join burns no use', async () => {
  const invite = await newInvite({ maxUses: 2 });
  const trivial = await join(invite.secret, phone(), '111111');
  assert.is(trivial.status, 400);
  assert.is(trivial.body.field, 'body/pin');
  assert.is((await join(invite.secret, 'not a phone', '592046')).status, 400);
  assert.is((await join(invite.secret, phone(), '592046')).status, 200);
  assert.is((await join(invite.secret, phone(), '592046')).status, 200);
  const third = await join(invite.secret, phone(), '592046');
  assert.is(third.status, 404);
  assert.match(third.body.message, /used up \(2 of 2\)/);
  assert.is((await one<{ uses: number }>(sql`select uses from sign_in_links where id = ${invite.id}`))!.uses, 2);
});

test('revocation: only a coordinator over its units revokes an invite; idempotent and audited; a revoked invite keeps saying so (no lockout), a made-up one locks after 5 tries', async () => {
  const invite = await newInvite();
  const url = `/api/v1/invites/${invite.id}/revoke`;
  assert.is((await call('POST', url, undefined, coordB)).status, 403);
  const first = await call('POST', url, undefined, coordA);
  assert.is(first.status, 200);
  assert.type(first.body.revokedAt, 'string');
  const second = await call('POST', url, undefined, coordA);
  assert.is(second.status, 200);
  assert.is(second.body.revokedAt, first.body.revokedAt, 'revoking again changes nothing');
  assert.is((await call('POST', '/api/v1/invites/2147483647/revoke', undefined, t.admin)).status, 404);
  assert.is((await one<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'invite.revoke' and target = ${`invite:${invite.id}`}`))!.n, 1);

  const refused = await join(invite.secret, phone(), '592046');
  assert.is(refused.status, 404);
  assert.match(refused.body.message, /revoked/);
  assert.is(refused.body.reason, 'invite-revoked');
  // A hall of phones scanning a revoked poster must read "revoked", not "wait".
  for (let i = 0; i < 6; i++) assert.is((await join(invite.secret, phone(), '592046')).status, 404);
  const madeUp = 'q'.repeat(43); // never tried before in this file
  for (let i = 0; i < 5; i++) assert.is((await join(madeUp, phone(), '592046')).status, 404);
  const locked = await join(madeUp, phone(), '592046');
  assert.is(locked.status, 429);
  assert.ok(Number(locked.headers['retry-after']) > 0, String(locked.headers['retry-after']));
  assert.is((await call('POST', '/api/v1/auth/invites/peek', { secret: madeUp })).status, 429, 'peeking waits too');
  assert.is((await join((await newInvite()).secret, phone(), '592046')).status, 200, 'other invites are not locked');
});

test('PIN sign-in: same answer for an unknown phone and a wrong PIN; 5 wrong PINs lock that phone, not the others on the same address', async () => {
  const invite = await newInvite();
  const x = phone();
  const y = phone();
  assert.is((await join(invite.secret, x, '730164')).status, 200);
  assert.is((await join(invite.secret, y, '815027')).status, 200);
  const ok = await pinSignIn(x, '730164');
  assert.is(ok.status, 200, JSON.stringify(ok.body));
  assert.is((await call('GET', '/api/v1/auth/me', undefined, callerOf(ok))).status, 200);

  const wrong = await pinSignIn(x, '730165');
  const unknown = await pinSignIn(phone(), '730164');
  assert.is(wrong.status, 401);
  assert.equal(wrong.body, unknown.body);
  const hall = { 'x-forwarded-for': '198.51.100.20' };
  for (let i = 0; i < 4; i++) assert.is((await call('POST', '/api/v1/auth/pin', { phone: x, pin: usePin(`73016${6 + i}`) }, null, hall)).status, 401);
  const locked = await call('POST', '/api/v1/auth/pin', { phone: x.replace(/^0/, '+84'), pin: '730164' }, null, hall);
  assert.is(locked.status, 429, 'even the right PIN waits, however the number is written');
  assert.is(locked.body.error, 'rate_limited');
  const wait = Number(locked.headers['retry-after']);
  assert.ok(wait > 0 && wait <= 30, String(wait));
  assert.is((await call('POST', '/api/v1/auth/pin', { phone: y, pin: '815027' }, null, hall)).status, 200, 'another phone in the same hall signs in');
  const actions = (await queryRows<{ action: string }>(app.database.db, sql`select action from audit_log where action like 'sign-in.pin%'`)).map((r) => r.action);
  assert.ok(actions.includes('sign-in.pin') && actions.includes('sign-in.pin.failed'), actions.join(','));
});

test('trivial PINs are refused wherever a PIN is set', async () => {
  for (const pin of ['000000', '777777', '123456', '654321', '890123', '098765']) assert.ok(isTrivialPin(pin), pin);
  for (const pin of ['480712', '112233', '123455', '135790']) assert.not.ok(isTrivialPin(pin), pin);
  const invite = await newInvite();
  for (const pin of ['999999', '234567', '543210']) {
    const res = await join(invite.secret, phone(), pin);
    assert.is(res.status, 400, pin);
    assert.is(res.body.field, 'body/pin');
  }
  const me = callerOf(await join(invite.secret, phone(), '480712'));
  const set = await call('PUT', '/api/v1/auth/pin', { pin: usePin('456789') }, me);
  assert.is(set.status, 400);
  assert.is(set.body.field, 'body/pin');
  const reset = await call('POST', '/api/v1/auth/pin/reset', { phone: phone(), code: '000000', pin: usePin('111111') });
  assert.is(reset.status, 400);
  assert.is(reset.body.field, 'body/pin');
});

/** Waits until `found` returns something (a code reaches the transport just after the 202). */
async function eventually<T>(found: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = found();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

test('a forgotten PIN is reset with a code from the transport (always 202; one code a minute; one use)', async () => {
  const invite = await newInvite();
  const x = phone();
  const normal = `+84${x.slice(1)}`;
  assert.is((await join(invite.secret, x, '730164')).status, 200);

  // The built-in transport: the code in the server log, at warn level.
  assert.is((await call('POST', '/api/v1/auth/pin/code', { phone: x })).status, 202);
  const line = await eventually(() => logs.split('\n').find((l) => l.includes(`code for ${normal} : `)), 'the log transport line');
  assert.is(JSON.parse(line).level, 40, 'warn');
  const logged = /\b(\d{6})\b/.exec(line.slice(line.indexOf('code for')))![1]!;
  codes.add(logged);
  assert.is((await call('POST', '/api/v1/auth/pin/code', { phone: phone() })).status, 202, 'an unknown phone: the same answer');
  assert.is((await call('POST', '/api/v1/auth/pin/code', { phone: 'not a phone' })).status, 202);

  // A transport plugged in (SMS, Zalo): here one that keeps what it is given.
  const sent: Array<{ phone: string; text: string }> = [];
  const capture: CodeTransport = { send: async (to, text) => void sent.push({ phone: to, text }) };
  setCodeTransport(capture);
  try {
    assert.is((await call('POST', '/api/v1/auth/pin/code', { phone: x })).status, 202);
    await new Promise((r) => setTimeout(r, 100));
    assert.is(sent.length, 0, 'at most one code a minute per phone');
    const y = phone();
    const joined = await join(invite.secret, y, '815027');
    assert.is(joined.status, 200);
    assert.is((await call('POST', '/api/v1/auth/pin/code', { phone: y })).status, 202);
    const message = await eventually(() => sent[0], 'a code through the plugged transport');
    assert.is(message.phone, `+84${y.slice(1)}`);
    const code = /\b(\d{6})\b/.exec(message.text)![1]!;
    codes.add(code);
    const reset = await call('POST', '/api/v1/auth/pin/reset', { phone: y, code, pin: usePin('604931') });
    assert.is(reset.status, 200, JSON.stringify(reset.body));
    assert.is((await call('GET', '/api/v1/auth/me', undefined, callerOf(joined))).status, 401, 'the sessions from before the reset are ended (a lost phone)');
    assert.is((await pinSignIn(y, '604931')).status, 200);
  } finally {
    setCodeTransport(null);
  }

  const wrongCode = await call('POST', '/api/v1/auth/pin/reset', { phone: x, code: logged === '999998' ? '999997' : '999998', pin: usePin('604931') });
  assert.is(wrongCode.status, 401);
  const reset = await call('POST', '/api/v1/auth/pin/reset', { phone: x, code: logged, pin: usePin('604931') });
  assert.is(reset.status, 200, JSON.stringify(reset.body));
  assert.is((await call('GET', '/api/v1/auth/me', undefined, callerOf(reset))).status, 200, 'and the phone is signed in');
  assert.is((await pinSignIn(x, '730164')).status, 401, 'the old PIN is gone');
  assert.is((await pinSignIn(x, '604931')).status, 200);
  assert.is((await call('POST', '/api/v1/auth/pin/reset', { phone: x, code: logged, pin: usePin('604932') })).status, 401, 'a code is used once');

  // Guessing codes locks the phone's codes (not its PIN sign-in).
  for (let i = 0; i < 4; i++) assert.is((await call('POST', '/api/v1/auth/pin/reset', { phone: x, code: `99999${i}`, pin: usePin('604931') })).status, 401);
  const locked = await call('POST', '/api/v1/auth/pin/reset', { phone: x, code: '999995', pin: usePin('604931') });
  assert.is(locked.status, 429);
  assert.is((await pinSignIn(x, '604931')).status, 200);
});

test("a coordinator resets a volunteer's PIN with a one-time sign-in link; the phone then sets its PIN", async () => {
  const invite = await newInvite();
  const x = phone();
  const joined = await join(invite.secret, x, '730164');
  const id = joined.body.person.id as number;
  const url = `/api/v1/people/${id}/pin-reset`;
  assert.is((await call('POST', url, undefined, coordB)).status, 403, 'outside their units');
  assert.is((await call('POST', url, undefined, callerOf(joined))).status, 403, 'not the volunteer themself');
  const link = await call('POST', url, undefined, coordA);
  assert.is(link.status, 201, JSON.stringify(link.body));
  secrets.add(link.body.secret);
  assert.is((await one<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'pin.reset-link' and target = ${`person:${id}`} and actor_person_id = ${coordA.personId}`))!.n, 1);

  const redeemed = await call('POST', '/api/v1/auth/links/redeem', { secret: link.body.secret });
  assert.is(redeemed.status, 200);
  const phoneCaller = callerOf(redeemed);
  assert.is((await call('PUT', '/api/v1/auth/pin', { pin: usePin('604931') }, null, { cookie: phoneCaller.headers.cookie })).status, 403, 'CSRF applies');
  assert.is((await call('PUT', '/api/v1/auth/pin', { pin: usePin('604931') }, phoneCaller)).status, 204);
  assert.is((await pinSignIn(x, '604931')).status, 200);
  assert.is((await pinSignIn(x, '730164')).status, 401);
  assert.is((await call('POST', '/api/v1/auth/links/redeem', { secret: link.body.secret })).status, 401, 'the link works once');

  // A staff account is not reset this way by a coordinator.
  const staff = await signInAs(app, 'coordinator', unitA.id);
  await app.database.db.execute(sql`insert into memberships (person_id, unit_id, role) values (${staff.personId}, ${unitA.id}, 'coordinator')`);
  assert.is((await call('POST', `/api/v1/people/${staff.personId}/pin-reset`, undefined, coordA)).status, 403);
  assert.is((await call('POST', `/api/v1/people/${staff.personId}/pin-reset`, undefined, t.admin)).status, 201);
  assert.is((await call('POST', '/api/v1/people/2147483647/pin-reset', undefined, t.admin)).status, 404);
});

test('the code transport is chosen by XK_CODE_TRANSPORT: log by default, an unknown one stops the hub at start', () => {
  const lines: string[] = [];
  const log = { warn: (m: string) => void lines.push(m) };
  void codeTransportNamed(undefined, log as never).send('+84912345678', '135790');
  assert.equal(lines, ['code for +84912345678 : 135790']);
  assert.is(readEnv({}).codeTransport, 'log');
  assert.ok(codeTransportNamed(readEnv({ XK_CODE_TRANSPORT: 'log' }).codeTransport, log as never));
  assert.throws(() => codeTransportNamed(readEnv({ XK_CODE_TRANSPORT: 'sms' }).codeTransport, log as never), /XK_CODE_TRANSPORT must be one of: log \(got "sms"\)/);
});

test('no PIN, code or invite secret in plain text in the database; in the log only the log transport’s own line holds a code', async () => {
  const bare = (value: string) => new RegExp(`(?<![0-9A-Za-z.+/_-])${value}(?![0-9A-Za-z.+/_-])`);
  for (const table of ['credentials', 'sign_in_links', 'sessions', 'audit_log', 'people', 'grants', 'sign_in_attempts']) {
    const text = JSON.stringify(await queryRows<Record<string, unknown>>(app.database.db, sql.raw(`select * from ${table}`)));
    for (const value of [...pins, ...codes]) assert.not.match(text, bare(value), `${table} holds ${value}`);
    for (const secret of secrets) assert.not.ok(text.includes(secret), `${table} holds an invite or link secret`);
  }
  const pinHashes = await queryRows<{ pin_hash: string }>(app.database.db, sql`select pin_hash from credentials where pin_hash is not null`);
  assert.ok(pinHashes.length > 5);
  for (const row of pinHashes) assert.match(row.pin_hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);

  assert.ok(logs.includes('/api/v1/auth/join') && logs.includes('/api/v1/auth/pin'), 'requests are logged');
  const lines = logs.split('\n');
  for (const pin of pins) assert.not.ok(lines.some((l) => bare(pin).test(l) && !l.includes('code for ')), `PIN ${pin} in the log`);
  for (const value of codes) {
    const holding = lines.filter((l) => bare(value).test(l));
    assert.ok(holding.every((l) => l.includes('code for ')), `code ${value} outside the transport line:\n${holding.join('\n')}`);
  }
  for (const secret of secrets) assert.not.ok(logs.includes(secret), 'an invite or link secret in the log');
});

test.run();
