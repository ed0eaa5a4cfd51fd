import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ApiProblem } from '../../src/lib/api';
import { authVi } from '../../src/lib/i18n-auth';
import { authEn } from '../../src/lib/i18n-auth-en';
import { problemText } from '../../src/lib/problem-text';

const test = suite('problemText');
const http = (status: number, extra: Partial<Extract<ApiProblem, { kind: 'http' }>> = {}): ApiProblem => ({
  kind: 'http',
  status,
  code: status === 401 ? 'unauthorized' : status === 403 ? 'forbidden' : status === 429 ? 'rate_limited' : 'validation',
  message: 'english detail',
  ...extra,
});

test('a 401 on the sign-in form is a wrong login, in Vietnamese first and in English', () => {
  assert.is(problemText(http(401), authVi, 'sign-in'), 'Số điện thoại/e-mail hoặc mật khẩu không đúng.');
  assert.is(problemText(http(401), authEn, 'sign-in'), 'Wrong phone number/e-mail or password.');
});

test('a 401 elsewhere names what ended: the link, the set-up link, the session', () => {
  assert.match(problemText(http(401), authVi, 'link'), /^Liên kết đăng nhập này không còn dùng được/);
  assert.match(problemText(http(401), authVi, 'setup'), /^Liên kết thiết lập không còn dùng được/);
  assert.is(problemText(http(401), authVi, 'other'), 'Phiên đăng nhập đã kết thúc. Vui lòng đăng nhập lại.');
});

test('a 403 is outside the caller’s units', () => {
  assert.is(problemText(http(403), authVi, 'other'), 'Ngoài phạm vi đơn vị của bạn.');
});

test('a 429 says how long to wait when the hub said so', () => {
  assert.is(problemText(http(429, { retryAfter: 42 }), authVi, 'sign-in'), 'Bạn đã thử quá nhiều lần. Thử lại sau 42 giây.');
  assert.match(problemText(http(429), authVi, 'sign-in'), /đợi một lát/);
});

test('no answer is a network problem, not a wrong password', () => {
  assert.is(problemText({ kind: 'unreachable' }, authVi, 'sign-in'), 'Không kết nối được tới máy chủ. Kiểm tra mạng rồi thử lại.');
});

test('a refused field gets the form’s own words; anything else keeps the server’s detail', () => {
  assert.is(problemText(http(400, { field: 'body/phone' }), authVi, 'setup'), 'Số điện thoại chưa đúng (ví dụ: 0912 345 678).');
  assert.is(problemText(http(409, { code: 'conflict', field: 'body/phone' }), authVi, 'setup'), 'Số điện thoại này đã thuộc về một người khác.');
  assert.is(problemText(http(500, { code: 'internal' }), authVi, 'other'), 'Máy chủ báo lỗi 500: english detail');
});

test.run();
