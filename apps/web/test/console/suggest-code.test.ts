import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CODE_PATTERN, suggestCode, suggestServiceCode } from '../../src/console/setup/suggest-code';

test('a code from a Vietnamese name: no diacritics, đ as d, upper-case words joined by -', () => {
  assert.is(suggestCode('Ngày Chuyển đổi số quốc gia 10/10'), 'NGAY-CHUYEN-DOI-SO-QUOC-GIA-10-10');
  assert.is(suggestCode('Đội hình IT Xanh — phường Lê Chân'), 'DOI-HINH-IT-XANH-PHUONG-LE-CHAN');
  assert.is(suggestCode('  Chợ   Cột Đèn '), 'CHO-COT-DEN');
});

test('whole words up to the length; a single long word is cut; nothing usable gives ""', () => {
  assert.is(suggestCode('Tháng Thanh niên năm hai nghìn không trăm hai mươi sáu', 24), 'THANG-THANH-NIEN-NAM-HAI');
  assert.is(suggestCode('Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 10), 'AAAAAAAAAA');
  assert.is(suggestCode('—  / !'), '');
});

test('every suggestion the hub accepts', () => {
  for (const name of ['Ngày Chuyển đổi số quốc gia 10/10', 'Chợ 4.0', '1+1', 'Ứng dụng TiengiangS']) {
    assert.match(suggestCode(name), CODE_PATTERN, name);
    assert.match(suggestServiceCode(name), CODE_PATTERN, name);
  }
  assert.is(suggestServiceCode('Ứng dụng TiengiangS'), 'ung_dung_tiengiangs');
});

test.run();
