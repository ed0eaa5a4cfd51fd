import { createHash } from 'node:crypto';
import { Compile } from 'typebox/compile';
import { type ActivityInput, ActivityKinds, activitySchemas } from '@xk/contract';
import { canonicalJson } from '@xk/domain';
import { describeSchemaError } from '../schema-errors';

const checks = Object.fromEntries(Object.entries(activitySchemas).map(([kind, schema]) => [kind, Compile(schema)])) as Record<
  keyof typeof activitySchemas,
  ReturnType<typeof Compile>
>;

export type CheckedItem =
  | { ok: true; input: ActivityInput; bodyHash: string }
  | { ok: false; id: string | null; field: string; reason: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Checks one entry against the schema of its kind, on its own, so one malformed item of a batch is
 * rejected without failing the rest. The hash of its canonical body tells a retry from a reused id.
 */
export function checkItem(raw: unknown): CheckedItem {
  const obj = (typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
  const id = typeof obj.id === 'string' && UUID.test(obj.id) ? obj.id.toLowerCase() : null;
  if (obj !== raw) return { ok: false, id, field: 'item', reason: 'must be an object' };
  const kind = obj.kind;
  if (typeof kind !== 'string' || !(ActivityKinds as readonly string[]).includes(kind)) {
    return { ok: false, id, field: 'kind', reason: `must be one of ${ActivityKinds.join(', ')}` };
  }
  const check = checks[kind as keyof typeof checks];
  if (!check.Check(obj)) {
    const { path, reason } = describeSchemaError([...check.Errors(obj)][0]);
    return { ok: false, id, field: path.join('/') || 'item', reason };
  }
  // UUIDs are compared lower-case, so a client that changes case does not create a second entry.
  const input = { ...obj, id: id! } as ActivityInput;
  return { ok: true, input, bodyHash: createHash('sha256').update(canonicalJson(input)).digest('base64url') };
}
