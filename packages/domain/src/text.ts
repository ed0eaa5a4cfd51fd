/**
 * Diacritic-insensitive search. Volunteers type on phones without a Vietnamese keyboard, so
 * "hoang hoa" must find "Hoằng Hóa" and "doan" must find "ĐOÀN".
 */

/**
 * Lower-cases, strips every diacritic (tone marks, circumflex, breve, horn) and maps đ to d,
 * then collapses runs of whitespace to one space and trims.
 */
export function foldDiacritics(s: string): string {
  return (
    s
      .toLowerCase()
      // NFKD rather than NFD: it also decomposes full-width letters some keyboards produce.
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      // đ is a letter of its own, not d + a combining mark, so NFKD leaves it alone. ð (the
      // Icelandic eth) looks identical to Đ and legacy VNI/TCVN3 fonts and keyboards produce it.
      .replace(/[đð]/g, 'd')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/**
 * True when every whitespace-separated word of `query` occurs in `haystack`, ignoring case and
 * diacritics, in any order ("hoa hoang" finds "Hoằng Hóa"). An empty query matches everything,
 * so a cleared search box shows the whole list.
 */
export function matchesSearch(haystack: string, query: string): boolean {
  const folded = foldDiacritics(haystack);
  return foldDiacritics(query)
    .split(' ')
    .filter((word) => word !== '')
    .every((word) => folded.includes(word));
}
