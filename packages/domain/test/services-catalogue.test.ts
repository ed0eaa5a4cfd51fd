import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { defaultServiceCatalogue } from '../src/services-catalogue';

const catalogue = suite('defaultServiceCatalogue');

catalogue('lists the campaign services in order, 10 apart', () => {
  assert.equal(defaultServiceCatalogue.map((s) => s.code), [
    'vneid_level2', 'public_service_account', 'online_filing', 'cashless_payment', 'citizen_app',
    'vssid', 'ehealth_book', 'ecommerce_listing', 'safe_social_media', 'chip_id_card',
  ]);
  assert.equal(defaultServiceCatalogue.map((s) => s.sortOrder), [10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
});

catalogue('codes are unique snake_case ASCII and every service has both names', () => {
  const codes = new Set(defaultServiceCatalogue.map((s) => s.code));
  assert.is(codes.size, defaultServiceCatalogue.length);
  for (const s of defaultServiceCatalogue) {
    assert.match(s.code, /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/);
    assert.ok(s.nameVi.trim().length > 0 && s.nameEn.trim().length > 0, s.code);
    assert.match(s.nameEn, /^[\x20-\x7e]+$/);
  }
});

catalogue('Vietnamese names carry full diacritics', () => {
  const vneid = defaultServiceCatalogue.find((s) => s.code === 'vneid_level2');
  assert.is(vneid?.nameVi, 'Kích hoạt định danh điện tử VNeID mức 2');
  assert.is(defaultServiceCatalogue.find((s) => s.code === 'chip_id_card')?.nameVi, 'Đăng ký cấp căn cước gắn chip');
  assert.is(defaultServiceCatalogue.find((s) => s.code === 'ehealth_book')?.nameVi, 'Sổ sức khỏe điện tử');
});

catalogue('cannot be mutated by a caller', () => {
  assert.throws(() => (defaultServiceCatalogue as unknown as CatalogueLike[]).push({ code: 'x' }));
  assert.throws(() => { (defaultServiceCatalogue[0] as CatalogueLike).code = 'x'; });
  assert.is(defaultServiceCatalogue[0]?.code, 'vneid_level2');
});

type CatalogueLike = { code: string };

catalogue.run();
