/**
 * Materialised paths of the unit tree: `/1/5/23/` is unit 23 under 5 under the root 1. The tree
 * has any depth (units merge and move since the 2025 two-tier reform), and a path lets scope
 * checks and rollups be a prefix test instead of a recursive walk.
 *
 * Scope checks guard who sees whose data, so they fail closed: a malformed path is never
 * within anything.
 */

// Leading slash, then ids each followed by a slash; no leading zeros so one unit has one spelling.
const PATH = /^\/(?:(?:0|[1-9]\d*)\/)*$/;

/** `[1, 5, 23]` → `/1/5/23/`; `[]` → `/` (the path above every root). */
export function pathOf(ids: readonly number[]): string {
  for (const id of ids) {
    if (!Number.isSafeInteger(id) || id < 0) throw new RangeError(`pathOf: unit ids are non-negative integers, got ${id}`);
  }
  return '/' + ids.map((id) => `${id}/`).join('');
}

/** `/1/5/23/` → `[1, 5, 23]`. Throws a RangeError for a malformed path (including the empty string). */
export function idsOfPath(path: string): number[] {
  if (!PATH.test(path)) throw new RangeError(`idsOfPath: malformed unit path ${JSON.stringify(path)}`);
  return path.split('/').filter((s) => s !== '').map(Number);
}

/**
 * True when `path` is `scopePath` itself or lies below it. The trailing slash makes the prefix
 * test respect whole segments: `/1/5/` is not within `/1/50/`, nor `/1/50/` within `/1/5/`.
 * False when either path is malformed, so an empty or corrupt scope never grants everything.
 */
export function isWithin(path: string, scopePath: string): boolean {
  return PATH.test(path) && PATH.test(scopePath) && path.startsWith(scopePath);
}

/** `/1/5/23/` → 5; a root (`/1/`) or `/` → null. Throws a RangeError for a malformed path. */
export function parentIdOfPath(path: string): number | null {
  const ids = idsOfPath(path);
  return ids.length >= 2 ? (ids[ids.length - 2] ?? null) : null;
}
