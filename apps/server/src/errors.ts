import type { ErrorCode } from '@xk/contract';

/** An error a client caused or can act on; the error handler turns it into its status and body. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    /** For 429: when to try again (sent as Retry-After). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
  /** Which case, for clients that must tell cases apart (the body's `reason`). */
  reason?: string;
  because(reason: string): this {
    this.reason = reason;
    return this;
  }
}

/** 401: not signed in, or the session ended. */
export const unauthorized = (message = 'Sign in first') => new AppError(401, 'unauthorized', message);
/** 403: signed in, but the target is outside the units this person (or screen) may act on. */
export const forbidden = (message: string) => new AppError(403, 'forbidden', message);
/** 429: too many attempts at a secret; try again after the lock. */
export const tooManyAttempts = (seconds: number) => new AppError(429, 'rate_limited', `Too many attempts: try again in ${seconds} s`, undefined, seconds);
export const notFound = (what: string, field?: string) => new AppError(404, 'not_found', `${what} not found`, field);
export const badRequest = (field: string, message: string) => new AppError(400, 'validation', message, field);
export const conflict = (message: string, field?: string) => new AppError(409, 'conflict', message, field);
