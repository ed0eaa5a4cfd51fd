import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ApiProblem } from '../../src/lib/api';
import { authVi } from '../../src/lib/i18n-auth';
import { authEn } from '../../src/lib/i18n-auth-en';
import { pinVi } from '../../src/lib/i18n-pin';
import { pinEn } from '../../src/lib/i18n-pin-en';
import { existingAccount, inviteProblemText, pinProblemField, pinProblemText } from '../../src/lib/pin-problem-text';

const test = suite('pinProblemText');
const http = (status: number, extra: Partial<Extract<ApiProblem, { kind: 'http' }>> = {}): ApiProblem => ({
  kind: 'http',
  status,
  code: status === 401 ? 'unauthorized' : status === 404 ? 'not_found' : status === 409 ? 'conflict' : status === 429 ? 'rate_limited' : 'validation',
  message: 'english detail',
  ...extra,
});

test('a wrong PIN names the phone and the PIN, in Vietnamese first and in English', () => {
  assert.is(pinProblemText(http(401), pinVi, authVi, 'pin-sign-in'), 'Số điện thoại hoặc mã PIN không đúng.');
  assert.is(pinProblemText(http(401), pinEn, authEn, 'pin-sign-in'), 'Wrong phone number or PIN.');
});

test('a refused PIN when choosing one is a PIN too easy to guess; the field is the PIN’s', () => {
  const trivial = http(400, { field: 'body/pin', message: 'this PIN is too easy to guess' });
  assert.is(pinProblemField(trivial), 'pin');
  assert.match(pinProblemText(trivial, pinVi, authVi, 'join'), /^Mã PIN này quá dễ đoán/);
  assert.match(pinProblemText(trivial, pinVi, authVi, 'pin-reset'), /^Mã PIN này quá dễ đoán/);
});

test('a locked phone says how many seconds to wait', () => {
  assert.is(pinProblemText(http(429, { retryAfter: 30 }), pinVi, authVi, 'pin-sign-in'), 'Bạn đã thử quá nhiều lần. Thử lại sau 30 giây.');
  assert.is(pinProblemText(http(429, { retryAfter: 30 }), pinEn, authEn, 'join'), 'Too many attempts. Try again in 30 seconds.');
});

test('joining with a phone that has an account leads to the right sign-in, by what the hub said', () => {
  const pin = http(409, { field: 'body/phone', message: 'this phone number already has an account: sign in with your PIN' });
  const password = http(409, { field: 'body/phone', message: 'this phone number already has an account: sign in with your password' });
  const staff = http(409, { field: 'body/phone', message: 'this phone number belongs to a staff account: ask a coordinator for a sign-in link' });
  assert.is(existingAccount(pin), 'pin');
  assert.is(existingAccount(password), 'password');
  assert.is(existingAccount(staff), 'none');
  assert.is(pinProblemField(pin), undefined, 'a 409 is the form’s message, with its button, not a field’s');
  assert.match(pinProblemText(pin, pinVi, authVi, 'join'), /Hãy đăng nhập bằng mã PIN/);
  assert.match(pinProblemText(password, pinVi, authVi, 'join'), /đăng nhập bằng mật khẩu/);
  assert.match(pinProblemText(staff, pinVi, authVi, 'join'), /liên kết đăng nhập/);
});

test('the hub’s reason decides, whatever its message says', () => {
  assert.is(existingAccount(http(409, { message: 'đã có tài khoản', reason: 'account-staff' })), 'none');
  assert.is(existingAccount(http(409, { message: '—', reason: 'account-password' })), 'password');
  assert.is(inviteProblemText(http(404, { message: '—', reason: 'invite-used-up' }), pinVi, authVi), inviteProblemText(http(404, { message: 'This invite has been used up (3 of 3)' }), pinVi, authVi));
  assert.is(inviteProblemText(http(404, { message: 'expired? no', reason: 'invite-revoked' }), pinVi, authVi), inviteProblemText(http(404, { message: 'This invite was revoked' }), pinVi, authVi));
});

test('a dead invite says why, from the hub’s 404 message', () => {
  const dead = (message: string) => http(404, { message });
  assert.is(inviteProblemText(dead('This invite expired on 2026-01-01T00:00:00.000Z: ask your coordinator for a new one'), pinVi, authVi), 'Lời mời này đã hết hạn.');
  assert.is(inviteProblemText(dead('This invite has been used up (3 of 3): ask your coordinator for a new one'), pinVi, authVi), 'Lời mời này đã đủ số người tham gia.');
  assert.is(inviteProblemText(dead('This invite was revoked: ask your coordinator for a new one'), pinVi, authVi), 'Lời mời này đã bị thu hồi.');
  assert.match(inviteProblemText(dead('This invite link is not valid: check that it was copied whole'), pinVi, authVi), /không còn dùng được/);
  assert.is(pinProblemText(dead('This invite was revoked: ask'), pinEn, authEn, 'join'), 'This invite has been revoked.', 'revoked between opening and joining');
});

test('a wrong or expired reset code asks for a new one', () => {
  assert.match(pinProblemText(http(401, { message: 'Wrong or expired code' }), pinVi, authVi, 'pin-reset'), /^Mã xác nhận không đúng hoặc đã hết hạn/);
});

test('no answer is a network problem', () => {
  assert.is(pinProblemText({ kind: 'unreachable' }, pinVi, authVi, 'pin-sign-in'), 'Không kết nối được tới máy chủ. Kiểm tra mạng rồi thử lại.');
  assert.is(inviteProblemText({ kind: 'unreachable' }, pinVi, authVi), 'Không kết nối được tới máy chủ. Kiểm tra mạng rồi thử lại.');
});

test.run();
