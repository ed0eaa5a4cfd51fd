import { type Static, Type } from 'typebox';

/** Every error the API answers with; `field` names the offending input (`body/phone`, `query/unitId`). */
export const ErrorCodes = ['validation', 'not_found', 'conflict', 'unprocessable', 'payload_too_large', 'internal'] as const;
export type ErrorCode = (typeof ErrorCodes)[number];

export const ErrorSchema = Type.Object(
  {
    error: Type.Enum(ErrorCodes),
    message: Type.String(),
    field: Type.Optional(Type.String()),
  },
  { $id: 'Error' },
);
export type ErrorBody = Static<typeof ErrorSchema>;
