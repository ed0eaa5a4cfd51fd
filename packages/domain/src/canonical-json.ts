/**
 * Deterministic JSON for hashing a write's body (idempotency of retried offline taps): the same
 * body with its keys in another order must produce the same string, hence the same hash.
 *
 * Follows JSON.stringify everywhere else: `toJSON` is honoured (Dates become ISO strings),
 * `undefined`, functions and symbols are dropped from objects and become `null` in arrays,
 * non-finite numbers become `null`, BigInt and cycles throw a TypeError.
 */
export function canonicalJson(value: unknown): string {
  // JSON.stringify returns undefined here; a string is more useful to a hash, and a missing
  // body and a null body mean the same to a write.
  return write(value, '', new Set()) ?? 'null';
}

/** Returns undefined for values JSON omits (undefined, functions, symbols). */
function write(input: unknown, key: string, ancestors: Set<object>): string | undefined {
  let value = input;
  if (typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON: (key: string) => unknown }).toJSON(key);
  }
  // Boxed primitives serialise as their primitive, as in JSON.stringify.
  if (value instanceof Number || value instanceof String || value instanceof Boolean) value = value.valueOf();

  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      throw new TypeError('canonicalJson: BigInt cannot be serialised');
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
  }
  if (value === null) return 'null';

  const object = value as object;
  if (ancestors.has(object)) throw new TypeError('canonicalJson: circular structure');
  ancestors.add(object);
  try {
    if (Array.isArray(object)) {
      return '[' + object.map((item, i) => write(item, String(i), ancestors) ?? 'null').join(',') + ']';
    }
    const record = object as Record<string, unknown>;
    const members: string[] = [];
    // Default sort compares UTF-16 code units: locale-independent, so the same on server and browser.
    for (const k of Object.keys(record).sort()) {
      const member = write(record[k], k, ancestors);
      if (member !== undefined) members.push(JSON.stringify(k) + ':' + member);
    }
    return '{' + members.join(',') + '}';
  } finally {
    ancestors.delete(object);
  }
}
