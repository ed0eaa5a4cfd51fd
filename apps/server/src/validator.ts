import { TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import type { FastifySchemaCompiler } from 'fastify';
import type { TSchema } from 'typebox';

const INTEGER_TEXT = /^[+-]?\d+$/;
/** Stands in for a malformed integer so that validation fails on it, naming its field. */
const NOT_AN_INTEGER = 'not an integer';

/**
 * TypeBox's validator, except that an integer in the path or the query string must be written as
 * one. TypeBox's conversion from text truncates (`1.5` → 1), so `GET /people/1.5` would answer for
 * person 1 and `DELETE /campaigns/1/targets/2.7` would delete target 2.
 */
export const validatorCompiler: FastifySchemaCompiler<TSchema> = (route) => {
  const validate = TypeBoxValidatorCompiler(route);
  if (route.httpPart === 'body') return validate;
  const properties = (route.schema as { properties?: Record<string, { type?: unknown }> }).properties ?? {};
  const integers = Object.keys(properties).filter((key) => properties[key]?.type === 'integer');
  if (integers.length === 0) return validate;
  return (value) => {
    const input = value as Record<string, unknown> | null | undefined;
    const malformed = integers.filter((key) => typeof input?.[key] === 'string' && !INTEGER_TEXT.test((input[key] as string).trim()));
    return validate(malformed.length ? { ...input, ...Object.fromEntries(malformed.map((key) => [key, NOT_AN_INTEGER])) } : value);
  };
};
