import { ErrorSchema } from '@xk/contract';

/** The documented error answers of a route, for OpenAPI: `response: { 200: X, ...errorReplies(400, 404) }`. */
export function errorReplies<S extends number>(...statuses: S[]): Record<S, typeof ErrorSchema> {
  return Object.fromEntries(statuses.map((s) => [s, ErrorSchema])) as Record<S, typeof ErrorSchema>;
}
