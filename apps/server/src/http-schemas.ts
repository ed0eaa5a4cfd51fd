import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { ErrorSchema } from '@xk/contract';

/** The documented error answers of a route, for OpenAPI: `response: { 200: X, ...errorReplies(400, 404) }`. */
export function errorReplies<S extends number>(...statuses: S[]): Record<S, typeof ErrorSchema> {
  return Object.fromEntries(statuses.map((s) => [s, ErrorSchema])) as Record<S, typeof ErrorSchema>;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A file download, for OpenAPI (Fastify sends a Buffer or a stream as it is). */
export const FileSchema = Type.Unsafe<Buffer | string>({ type: 'string', format: 'binary' });

/** A reply that the browser saves as `filename` (never cached: reports and logs hold personal data). */
export const attachment = (reply: FastifyReply, contentType: string, filename: string) =>
  reply.header('content-type', contentType).header('content-disposition', `attachment; filename="${filename}"`).header('cache-control', 'no-store');
