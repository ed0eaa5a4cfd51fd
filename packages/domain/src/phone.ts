/**
 * Vietnamese phone numbers as volunteers and coordinators actually type them.
 *
 * A person is identified by their phone (one row per person in `people`), so every
 * spelling of the same number must normalise to the same E.164 string, or the same
 * volunteer would sign up twice.
 */

export type PhoneResult = { ok: true; phone: string } | { ok: false; reason: string };

const COUNTRY_CODE = '84';

// Separators people put between digit groups: spaces (any kind), dots, dashes, brackets.
const SEPARATORS = /[\s.\-()]/g;

/**
 * Normalises `0912 345 678`, `(091) 234-5678`, `+84 (0) 912 345 678`, `84912345678`,
 * `0084 912…` and full-width digits to `+84912345678`.
 *
 * Only the current numbering plan is accepted: mobiles are 10 digits nationally
 * (03, 05, 07, 08, 09) and landlines 11 digits (02x area codes, since 2017).
 */
export function normalizePhone(input: string): PhoneResult {
  // NFKC turns full-width digits, plus signs and brackets (some phone keyboards emit them) into ASCII.
  const text = input.normalize('NFKC').trim();
  if (text === '') return { ok: false, reason: 'empty' };

  const compact = text.replace(SEPARATORS, '');
  if (!/^\+?\d*$/.test(compact)) {
    return { ok: false, reason: 'contains characters other than digits, spaces, dots, dashes, brackets or a leading +' };
  }
  const hasPlus = compact.startsWith('+');
  const digits = hasPlus ? compact.slice(1) : compact;
  if (digits === '') return { ok: false, reason: 'no digits' };

  let national: string;
  if (hasPlus || digits.startsWith('00')) {
    // '+84…' or '0084…' (the international dialling prefix written out instead of '+').
    const afterPrefix = hasPlus ? digits : digits.slice(2);
    if (!afterPrefix.startsWith(COUNTRY_CODE)) return { ok: false, reason: 'not a Vietnamese phone number' };
    national = withoutTrunkZero(afterPrefix.slice(COUNTRY_CODE.length));
  } else if (digits.startsWith('0')) {
    national = digits.slice(1);
  } else if (digits.startsWith(COUNTRY_CODE)) {
    // '84912345678': the country code without '+'. Written nationally, a number always starts
    // with its trunk 0, so a leading 84 can only be the country code.
    national = withoutTrunkZero(digits.slice(COUNTRY_CODE.length));
  } else {
    return { ok: false, reason: 'not a Vietnamese phone number' };
  }

  return checkNational(national);
}

/** '+84 (0) 912…' and '+84 0912…': people keep the trunk 0 after the country code. */
function withoutTrunkZero(rest: string): string {
  return rest.startsWith('0') ? rest.slice(1) : rest;
}

/** `national` is the number without country code or trunk 0 (9 digits mobile, 10 landline). */
function checkNational(national: string): PhoneResult {
  if (national === '') return { ok: false, reason: 'too short' };
  const first = national[0];
  let expected: number;
  if (first === '3' || first === '5' || first === '7' || first === '8' || first === '9') expected = 9;
  else if (first === '2') expected = 10;
  else if (first === '1' && national.length === 10) {
    // 01x 11-digit mobiles were renumbered to 03x/05x/07x/08x in 2018; old contact lists still have them.
    return { ok: false, reason: 'old 11-digit mobile number (01x), renumbered in 2018' };
  } else return { ok: false, reason: 'not a Vietnamese phone number' };

  if (national.length < expected) return { ok: false, reason: 'too short' };
  if (national.length > expected) return { ok: false, reason: 'too long' };
  return { ok: true, phone: '+' + COUNTRY_CODE + national };
}

/**
 * Displays a number the Vietnamese way: `0912 345 678` for a mobile, `024 3123 4567` for a
 * Hà Nội / TP.HCM landline, `0225 382 1234` for other provinces' 4-digit area codes.
 * Accepts any spelling `normalizePhone` accepts; anything else is shown unchanged, because a
 * display helper must never break a page.
 */
export function formatPhoneVi(e164: string): string {
  const result = normalizePhone(e164);
  if (!result.ok) return e164;
  const local = '0' + result.phone.slice(1 + COUNTRY_CODE.length);
  if (local.length === 10) return `${local.slice(0, 4)} ${local.slice(4, 7)} ${local.slice(7)}`;
  // Landlines: 024 (Hà Nội) and 028 (TP.HCM) have 8-digit subscriber numbers, the rest 7.
  if (local.startsWith('024') || local.startsWith('028')) {
    return `${local.slice(0, 3)} ${local.slice(3, 7)} ${local.slice(7)}`;
  }
  return `${local.slice(0, 4)} ${local.slice(4, 7)} ${local.slice(7)}`;
}

/**
 * A phone number read from a spreadsheet cell. Excel stores `0912345678` typed into a number
 * cell as 912345678 and saves it to CSV that way, so a bare 9-digit mobile (or 10-digit
 * landline starting 2) is taken as the number without its trunk 0. Everything else goes
 * through `normalizePhone` unchanged.
 */
export function normalizeSheetPhone(input: string): PhoneResult {
  const result = normalizePhone(input);
  if (result.ok) return result;
  const digits = input.normalize('NFKC').trim().replace(SEPARATORS, '');
  if (/^[35789]\d{8}$/.test(digits) || /^2\d{9}$/.test(digits)) return normalizePhone('0' + digits);
  return result;
}
