import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { formatPhoneVi, normalizePhone, normalizeSheetPhone } from '../src/phone';

const normalize = suite('normalizePhone');

function accepts(input: string, phone: string): void {
  assert.equal(normalizePhone(input), { ok: true, phone }, `input ${JSON.stringify(input)}`);
}

function rejects(input: string, reason?: string): void {
  const result = normalizePhone(input);
  assert.is(result.ok, false, `input ${JSON.stringify(input)} should be rejected`);
  if (!result.ok) {
    assert.ok(result.reason.length > 0);
    if (reason) assert.is(result.reason, reason, `input ${JSON.stringify(input)}`);
  }
}

normalize('accepts mobiles in the ways people write them', () => {
  for (const input of [
    '0912345678', '0912 345 678', '0912.345.678', '0912-345-678', '(091) 234-5678',
    '+84 912 345 678', '+84912345678', '84912345678', '84 912 345 678', '+84 (0) 912 345 678',
    '+84 0912 345 678', '0084 912 345 678', '(+84) 912 345 678', '  0912\u00a0345\u00a0678\t',
    '０９１２ ３４５ ６７８', '＋８４９１２３４５６７８',
  ]) accepts(input, '+84912345678');
});

normalize('accepts every current mobile prefix and landlines', () => {
  accepts('0345 678 901', '+84345678901');
  accepts('0567 890 123', '+84567890123');
  accepts('0789 012 345', '+84789012345');
  accepts('0845 123 456', '+84845123456');
  accepts('+84 845 123 456', '+84845123456');
  accepts('024 3825 1234', '+842438251234');
  accepts('+84 24 3825 1234', '+842438251234');
  accepts('842438251234', '+842438251234');
  accepts('0225 382 1234', '+842253821234');
});

normalize('rejects empty input, letters and other countries', () => {
  rejects('', 'empty');
  rejects('   ', 'empty');
  rejects('()..', 'no digits');
  rejects('+');
  rejects('0912 ABC 678');
  rejects('phone: 0912345678');
  rejects('0912345678 ext 12');
  rejects('0912+345678');
  rejects('+1 202 555 0100', 'not a Vietnamese phone number');
  rejects('+44 20 7946 0958', 'not a Vietnamese phone number');
  rejects('0012025550100', 'not a Vietnamese phone number');
  rejects('12025550100', 'not a Vietnamese phone number');
  rejects('912345678', 'not a Vietnamese phone number');
});

normalize('rejects wrong lengths and prefixes', () => {
  rejects('091234567', 'too short');
  rejects('09123456789', 'too long');
  rejects('+84 91234567', 'too short');
  rejects('+84', 'too short');
  rejects('0', 'too short');
  rejects('024 3825 123', 'too short');
  rejects('024 3825 12345', 'too long');
  rejects('0412345678', 'not a Vietnamese phone number');
  rejects('0612345678', 'not a Vietnamese phone number');
  rejects('00912345678', 'not a Vietnamese phone number');
  rejects('01234567890', 'old 11-digit mobile number (01x), renumbered in 2018');
  rejects('0123456789', 'not a Vietnamese phone number');
});

normalize('09…, +849… and 849… give the same result', () => {
  for (const [a, b, c] of [
    ['0987654321', '+84987654321', '84987654321'],
    ['0312', '+84312', '84312'],
    ['098765432100', '+8498765432100', '8498765432100'],
  ] as const) {
    assert.equal(normalizePhone(b), normalizePhone(a));
    assert.equal(normalizePhone(c), normalizePhone(a));
  }
});

normalize.run();

const format = suite('formatPhoneVi');

format('displays mobiles as 0912 345 678', () => {
  assert.is(formatPhoneVi('+84912345678'), '0912 345 678');
  assert.is(formatPhoneVi('+84345678901'), '0345 678 901');
});

format('displays landlines by area code length', () => {
  assert.is(formatPhoneVi('+842438251234'), '024 3825 1234');
  assert.is(formatPhoneVi('+842838251234'), '028 3825 1234');
  assert.is(formatPhoneVi('+842253821234'), '0225 382 1234');
});

format('accepts other spellings and shows garbage unchanged', () => {
  assert.is(formatPhoneVi('84912345678'), '0912 345 678');
  assert.is(formatPhoneVi('not a phone'), 'not a phone');
  assert.is(formatPhoneVi('+1 202 555 0100'), '+1 202 555 0100');
  assert.is(formatPhoneVi(''), '');
});

format.run();

const sheet = suite('normalizeSheetPhone');

sheet('puts back the trunk 0 a number cell dropped', () => {
  assert.equal(normalizeSheetPhone('912345678'), { ok: true, phone: '+84912345678' });
  assert.equal(normalizeSheetPhone('345678901'), { ok: true, phone: '+84345678901' });
  assert.equal(normalizeSheetPhone('2438251234'), { ok: true, phone: '+842438251234' });
  assert.equal(normalizeSheetPhone('0912 345 678'), { ok: true, phone: '+84912345678' });
  assert.equal(normalizeSheetPhone('84912345678'), { ok: true, phone: '+84912345678' });
});

sheet('rejects what is not a number even without its 0', () => {
  for (const input of ['12345678', '612345678', '91234567', '9123456789', 'không có', '']) {
    assert.is(normalizeSheetPhone(input).ok, false, input);
  }
  assert.equal(normalizeSheetPhone('091234567'), normalizePhone('091234567'));
});

sheet.run();
