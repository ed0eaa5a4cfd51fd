import { foldDiacritics } from '@xk/domain';

/** The hub's rule for a code (CodeSchema): letters, digits, '.', '_' and '-', starting with a letter or digit. */
export const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * A code offered from a name, which the secretary may keep or edit: the words without diacritics,
 * upper-case, joined by '-', whole words up to `max` characters ("Ngày Chuyển đổi số 10/10" →
 * "NGAY-CHUYEN-DOI-SO-10-10"). '' when the name has no letter or digit.
 */
export function suggestCode(name: string, max = 40): string {
  const words = foldDiacritics(name)
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter(Boolean);
  let code = '';
  for (const word of words) {
    const next = code ? `${code}-${word}` : word;
    if (next.length > max) break;
    code = next;
  }
  // One long first word: cut it rather than offer nothing.
  return code || (words[0] ?? '').slice(0, max);
}

/** A service's code is snake_case like the default catalogue's (`tieng_giang_s`). */
export const suggestServiceCode = (name: string): string => suggestCode(name, 40).toLowerCase().replaceAll('-', '_');
