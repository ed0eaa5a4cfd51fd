import { type Static, Type } from 'typebox';

/** Every error the API answers with; `field` names the offending input (`body/phone`, `query/unitId`). */
export const ErrorCodes = ['validation', 'unauthorized', 'forbidden', 'not_found', 'conflict', 'unprocessable', 'payload_too_large', 'rate_limited', 'internal'] as const;
export type ErrorCode = (typeof ErrorCodes)[number];

export const ErrorSchema = Type.Object(
  {
    error: Type.Enum(ErrorCodes),
    message: Type.String(),
    field: Type.Optional(Type.String()),
    /**
     * Which case, where a client must tell cases apart (the message is for people, in English):
     * `invite-unknown`, `invite-revoked`, `invite-expired`, `invite-used-up`; a phone that already
     * has an account: `account-pin`, `account-password`, `account-staff`.
     */
    reason: Type.Optional(Type.String()),
  },
  { $id: 'Error' },
);
export type ErrorBody = Static<typeof ErrorSchema>;
