/**
 * JSON merge patches (RFC 7386), the deltas of the live views: `diffPatch(a, b)` is the smallest
 * patch that turns `a` into `b` (null removes a key, arrays and scalars are replaced whole), and
 * `applyPatch(a, diffPatch(a, b))` deep-equals `b`. Values must be plain JSON without nulls.
 */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && sameJson(a[k], b[k]));
  }
  return false;
}

/** The patch from `before` to `after`; an empty object when they are equal. */
export function diffPatch(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(before)) if (!(key in after)) patch[key] = null;
  for (const [key, value] of Object.entries(after)) {
    const old = before[key];
    if (isObject(old) && isObject(value)) {
      const inner = diffPatch(old, value);
      if (Object.keys(inner).length) patch[key] = inner;
    } else if (!sameJson(old, value)) {
      patch[key] = value;
    }
  }
  return patch;
}

/** Applies a merge patch, returning a new value (the target is not changed). */
export function applyPatch<T>(target: T, patch: Record<string, unknown>): T {
  const out: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else if (isObject(value)) out[key] = applyPatch(out[key], value);
    else out[key] = value;
  }
  return out as T;
}

export type { Json };
