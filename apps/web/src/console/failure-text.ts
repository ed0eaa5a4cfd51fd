import { ApiError } from '../lib/api';

/**
 * What to tell the coordinator when a write failed: the hub's own message (it names the field), or
 * `unreachable` when no answer came. Anything but an ApiError is a bug, and is thrown on.
 */
export function failureText(err: unknown, unreachable: string): string {
  if (!(err instanceof ApiError)) throw err;
  return err.problem.kind === 'http' ? err.problem.message : unreachable;
}
