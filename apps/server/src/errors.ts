import type { ErrorCode } from '@xk/contract';

/** An error a client caused or can act on; the error handler turns it into its status and body. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export const notFound = (what: string, field?: string) => new AppError(404, 'not_found', `${what} not found`, field);
export const badRequest = (field: string, message: string) => new AppError(400, 'validation', message, field);
export const conflict = (message: string, field?: string) => new AppError(409, 'conflict', message, field);
