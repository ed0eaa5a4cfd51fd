import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { ErrorBody } from '@xk/contract';
import { AppError } from '../errors';
import { describeSchemaError, type SchemaError } from '../schema-errors';

interface PgError {
  code?: string;
  detail?: string;
  column?: string;
  constraint?: string;
}

/** drizzle wraps driver errors; the PostgreSQL (or PGlite) error with its SQLSTATE is the cause. */
function pgErrorOf(err: unknown): PgError | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as PgError).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return e as PgError;
  }
  return undefined;
}

const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** `Key (unit_id)=(99) is not present in table "units".` → `unitId`. */
function fieldOfDetail(detail: string | undefined): string | undefined {
  const column = /Key \(([a-z_, ]+)\)=/.exec(detail ?? '')?.[1]?.split(',').pop()?.trim();
  return column ? camel(column) : undefined;
}

/** Fastify calls the query string `querystring`; the API names its fields `query/…` (`query/unitId`). */
const contextName = (context: string | undefined) => (context === 'querystring' ? 'query' : context);

/**
 * Maps what can go wrong with a request to a 4xx that names the field; only our own bugs are 500s.
 * `body` is the request's body: a column a database constraint names is reported as `body/<field>`
 * when the body sent that field (a unique phone or email lost to a concurrent write).
 */
export function toErrorReply(err: unknown, body?: unknown): { status: number; body: ErrorBody } {
  if (err instanceof AppError) {
    return { status: err.statusCode, body: { error: err.code, message: err.message, ...(err.field ? { field: err.field } : {}), ...(err.reason ? { reason: err.reason } : {}) } };
  }
  const fe = err as FastifyError & { validation?: SchemaError[] };
  if (fe.validation) {
    const { path, reason } = describeSchemaError(fe.validation[0]);
    const field = [contextName(fe.validationContext), ...path].filter(Boolean).join('/');
    return { status: 400, body: { error: 'validation', message: `${field} ${reason}`, field } };
  }
  const pgErr = pgErrorOf(err);
  if (pgErr?.code) {
    const column = fieldOfDetail(pgErr.detail) ?? (pgErr.column ? camel(pgErr.column) : undefined);
    const sent = column !== undefined && typeof body === 'object' && body !== null && Object.hasOwn(body, column);
    const field = sent ? `body/${column}` : column;
    const withField = field ? { field } : {};
    switch (pgErr.code) {
      case '23505':
        return { status: 409, body: { error: 'conflict', message: `${column ?? 'value'} already exists`, ...withField } };
      case '23503':
        return { status: 400, body: { error: 'validation', message: `${column ?? 'a reference'} refers to nothing that exists`, ...withField } };
      case '23514':
      case '23502':
      case '22P02':
      case '22003':
      case '22007':
      case '22008':
        return { status: 400, body: { error: 'validation', message: `${column ?? 'a value'} is out of range or malformed`, ...withField } };
    }
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    // Fastify's own client errors: malformed JSON, wrong content type, body too large.
    const code = fe.statusCode === 413 ? 'payload_too_large' : fe.statusCode === 404 ? 'not_found' : 'validation';
    return { status: fe.statusCode, body: { error: code, message: fe.message, field: 'body' } };
  }
  return { status: 500, body: { error: 'internal', message: 'Internal error: it is logged and is our fault, not yours.' } };
}

export default fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((err, request, reply) => {
      const { status, body } = toErrorReply(err, request.body);
      if (status >= 500) request.log.error({ err }, 'request failed');
      if (err instanceof AppError && err.retryAfterSeconds !== undefined) reply.header('retry-after', String(err.retryAfterSeconds));
      return reply.status(status).send(body);
    });
  },
  { name: 'error-handler' },
);
