import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as domain from '../src/index';

const barrel = suite('index');

barrel('re-exports every module', () => {
  for (const name of [
    'normalizePhone', 'formatPhoneVi', 'foldDiacritics', 'matchesSearch', 'canonicalJson', 'progressOf',
    'adoptionShare', 'splitTarget', 'childTargets', 'pathOf', 'idsOfPath', 'isWithin', 'parentIdOfPath', 'localDay',
    'formatNumberVi', 'formatDateVi',
  ]) {
    assert.type((domain as Record<string, unknown>)[name], 'function', name);
  }
  assert.ok(Array.isArray(domain.defaultServiceCatalogue));
});

barrel.run();
