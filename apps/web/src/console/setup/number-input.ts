/**
 * Figures as people type them. A count may be written the Vietnamese way, "5.000" or "5 000" for
 * five thousand (a number input would read 5): groups of three after a '.', ',' or space are
 * thousands. A percentage takes ',' or '.' as its decimal mark ("80,5"). null: not such a figure.
 */
export function parseCount(text: string): number | null {
  const t = text.trim();
  if (/^\d+$/.test(t)) return Number(t);
  if (/^\d{1,3}([.,\s]\d{3})+$/.test(t) && new Set(t.replace(/\d/g, '')).size === 1) return Number(t.replace(/\D/g, ''));
  return null;
}

export function parsePercent(text: string): number | null {
  const t = text.trim().replace(/\s*%$/, '');
  if (!/^\d+([.,]\d+)?$/.test(t)) return null;
  return Number(t.replace(',', '.'));
}
