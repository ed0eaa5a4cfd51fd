import { Type } from 'typebox';

export const IdSchema = Type.Integer({ minimum: 1, maximum: 2147483647 });
export const UuidSchema = Type.String({ format: 'uuid' });
export const TimestampSchema = Type.String({ format: 'date-time' });
/** A stable, human-typed key: letters, digits, '.', '_' and '-' ("HP-LC-P1"). */
export const CodeSchema = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' });
export const NameSchema = Type.String({ minLength: 1, maxLength: 200 });

export const IdParamsSchema = Type.Object({ id: IdSchema }, { additionalProperties: false });

export const LimitQuerySchema = Type.Integer({ minimum: 1, maximum: 1000, default: 100 });
