import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { foldDiacritics, matchesSearch } from '../src/text';

const fold = suite('foldDiacritics');

fold('strips Vietnamese diacritics and lower-cases', () => {
  assert.is(foldDiacritics('Hoằng Hóa'), 'hoang hoa');
  assert.is(foldDiacritics('ĐOÀN'), 'doan');
  assert.is(foldDiacritics('đoàn thanh niên'), 'doan thanh nien');
  assert.is(foldDiacritics('Thành đoàn Hải Phòng'), 'thanh doan hai phong');
  assert.is(foldDiacritics('Ứng dụng công dân số của tỉnh'), 'ung dung cong dan so cua tinh');
  assert.is(foldDiacritics('ƯỚC ƠN ẮT ẤY ỸỴỶ'), 'uoc on at ay yyy');
});

fold('handles precomposed and decomposed input alike', () => {
  const precomposed = 'Hoằng Hóa'.normalize('NFC');
  const decomposed = 'Hoằng Hóa'.normalize('NFD');
  assert.is.not(precomposed, decomposed);
  assert.is(foldDiacritics(decomposed), foldDiacritics(precomposed));
});

fold('collapses whitespace and maps look-alikes', () => {
  assert.is(foldDiacritics('  Long\t An \n Số  '), 'long an so');
  assert.is(foldDiacritics('Ðoàn'), 'doan');
  assert.is(foldDiacritics('ＶＮｅＩＤ'), 'vneid');
  assert.is(foldDiacritics(''), '');
});

fold.run();

const search = suite('matchesSearch');

search('ignores diacritics and case on both sides', () => {
  assert.ok(matchesSearch('Huyện đoàn Hoằng Hóa', 'hoang hoa'));
  assert.ok(matchesSearch('Hoang Hoa', 'Hoằng Hóa'));
  assert.ok(matchesSearch('ĐOÀN phường', 'doan'));
});

search('needs every word, in any order, as a substring', () => {
  assert.ok(matchesSearch('Huyện đoàn Hoằng Hóa', 'hoa hoang'));
  assert.ok(matchesSearch('Huyện đoàn Hoằng Hóa', 'hoan'));
  assert.not.ok(matchesSearch('Huyện đoàn Hoằng Hóa', 'hoang hai'));
  assert.not.ok(matchesSearch('Chợ Bến Thành', 'hoang'));
});

search('an empty or blank query matches everything', () => {
  assert.ok(matchesSearch('Chợ Bến Thành', ''));
  assert.ok(matchesSearch('Chợ Bến Thành', '   '));
});

search.run();
