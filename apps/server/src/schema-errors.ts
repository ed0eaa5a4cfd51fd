/** One error of a JSON-schema validator (Fastify's or TypeBox's compiled checks share the shape). */
export interface SchemaError {
  keyword?: string;
  instancePath?: string;
  params?: Record<string, unknown>;
  message?: string;
}

/**
 * The field a validation error is about, and a sentence a person can act on: a missing required
 * property or an unknown extra one is named itself, not its parent object.
 */
export function describeSchemaError(error: SchemaError | undefined): { path: string[]; reason: string } {
  const params = error?.params ?? {};
  const path = (error?.instancePath ?? '').split('/').filter(Boolean);
  const missing = (params.missingProperty as string | undefined) ?? (params.requiredProperties as string[] | undefined)?.[0];
  const extra = (params.additionalProperty as string | undefined) ?? (params.additionalProperties as string[] | undefined)?.[0];
  if (missing) return { path: [...path, missing], reason: 'is required' };
  if (extra) return { path: [...path, extra], reason: 'is not an accepted field' };
  if (error?.keyword === 'boolean') return { path, reason: 'is not an accepted field' };
  if (error?.keyword === 'enum' && Array.isArray(params.allowedValues)) return { path, reason: `must be one of ${params.allowedValues.join(', ')}` };
  return { path, reason: error?.message ?? 'is invalid' };
}
