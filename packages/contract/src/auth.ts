import { type Static, Type } from 'typebox';
import { IdSchema } from './common';

export const Roles = ['volunteer', 'coordinator', 'organizer', 'admin'] as const;
export const RoleSchema = Type.Enum(Roles);
export type Role = Static<typeof RoleSchema>;

const Secret = Type.String({ minLength: 20, maxLength: 200 });
const Password = Type.String({ minLength: 1, maxLength: 200 });

export const SignInSchema = Type.Object(
  { login: Type.String({ minLength: 1, maxLength: 200, description: 'Phone number or e-mail' }), password: Password },
  { additionalProperties: false },
);
export type SignIn = Static<typeof SignInSchema>;

export const SetupSchema = Type.Object(
  {
    secret: Secret,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    phone: Type.String({ minLength: 1, maxLength: 40 }),
    email: Type.Optional(Type.String({ maxLength: 200 })),
    password: Type.String({ minLength: 10, maxLength: 200 }),
  },
  { additionalProperties: false },
);
export type Setup = Static<typeof SetupSchema>;

export const RedeemLinkSchema = Type.Object({ secret: Secret }, { additionalProperties: false });

export const GrantSchema = Type.Object({ id: IdSchema, personId: IdSchema, role: RoleSchema, unitId: Type.Union([IdSchema, Type.Null()]) });
export type Grant = Static<typeof GrantSchema>;
export const GrantCreateSchema = Type.Object({ role: RoleSchema, unitId: Type.Union([IdSchema, Type.Null()]) }, { additionalProperties: false });

/** Who the caller is: a person (with their grants), a board screen or an integration token. */
export const MeSchema = Type.Object({
  kind: Type.Enum(['person', 'board', 'token']),
  person: Type.Optional(Type.Object({ id: IdSchema, name: Type.String() })),
  grants: Type.Array(Type.Object({ role: RoleSchema, unitId: Type.Union([IdSchema, Type.Null()]) })),
  campaignId: Type.Optional(IdSchema),
  unitId: Type.Optional(IdSchema),
  /** A board's or token's unit, by name (a hall screen says whose figures it shows). */
  unitName: Type.Optional(Type.String()),
  /** Echo it in the `x-csrf-token` header on every write made with the session cookie. */
  csrfToken: Type.Optional(Type.String()),
});
export type Me = Static<typeof MeSchema>;

// ─── Step 2: board links, integration tokens, volunteer invites and PINs ─────────────────────────

const Label = Type.String({ minLength: 1, maxLength: 120 });
const When = Type.String({ format: 'date-time' });
const Nullable = <T extends ReturnType<typeof Type.String> | typeof IdSchema>(t: T) => Type.Union([t, Type.Null()]);

/** A PIN: exactly six digits (`123456`, `000000` and the like are refused by the server). */
export const PinSchema = Type.String({ pattern: '^[0-9]{6}$' });

/** A read-only link for a hall screen: a campaign's live board at a unit. The secret is shown once. */
export const BoardLinkCreateSchema = Type.Object({ unitId: IdSchema, label: Type.Optional(Label) }, { additionalProperties: false });
export const BoardLinkSchema = Type.Object({
  id: IdSchema,
  campaignId: IdSchema,
  unitId: IdSchema,
  label: Nullable(Type.String()),
  createdAt: When,
  revokedAt: Nullable(When),
  /** Screens that opened it and are not revoked. */
  screens: Type.Integer({ minimum: 0 }),
});
export type BoardLink = Static<typeof BoardLinkSchema>;
/** The link as created: `secret` goes after `#/board/` in the URL; it is never shown again. */
export const BoardLinkCreatedSchema = Type.Object({ ...BoardLinkSchema.properties, secret: Type.String() });
export const BoardOpenSchema = Type.Object({ secret: Type.String({ minLength: 20, maxLength: 200 }) }, { additionalProperties: false });

/** A read-only bearer token for another system, over a unit's subtree. The secret is shown once. */
export const TokenCreateSchema = Type.Object({ unitId: IdSchema, label: Label }, { additionalProperties: false });
export const TokenSchema = Type.Object({ id: IdSchema, unitId: IdSchema, label: Nullable(Type.String()), createdAt: When, lastSeenAt: When, revokedAt: Nullable(When) });
export type IntegrationToken = Static<typeof TokenSchema>;
export const TokenCreatedSchema = Type.Object({ ...TokenSchema.properties, secret: Type.String() });

/** An invitation for volunteers to join a campaign's team or station: expiring, revocable, usable `maxUses` times. */
export const InviteCreateSchema = Type.Object(
  {
    teamId: Type.Optional(IdSchema),
    stationId: Type.Optional(IdSchema),
    label: Type.Optional(Label),
    maxUses: Type.Integer({ minimum: 1, maximum: 10_000 }),
    expiresAt: When,
  },
  { additionalProperties: false },
);
export const InviteSchema = Type.Object({
  id: IdSchema,
  campaignId: IdSchema,
  teamId: Nullable(IdSchema),
  stationId: Nullable(IdSchema),
  label: Nullable(Type.String()),
  maxUses: Type.Integer(),
  uses: Type.Integer(),
  expiresAt: When,
  createdAt: When,
  revokedAt: Nullable(When),
});
export type Invite = Static<typeof InviteSchema>;
/** The invite as created: `secret` and the link to share or print, `url` (`<public URL>/phone/#/join/<secret>`), never shown again. */
export const InviteCreatedSchema = Type.Object({ ...InviteSchema.properties, secret: Type.String(), url: Type.String() });
export type InviteCreated = Static<typeof InviteCreatedSchema>;

/** What an invite leads to, shown before joining (POST /auth/invites/peek, public). */
export const InvitePeekSchema = Type.Object({ secret: Type.String({ minLength: 20, maxLength: 200 }) }, { additionalProperties: false });
export const InviteInfoSchema = Type.Object({
  campaignName: Type.String(),
  teamName: Nullable(Type.String()),
  stationName: Nullable(Type.String()),
  unitName: Type.String(),
  expiresAt: When,
});

/** Joining from an invite: name, phone number, a PIN; answers Me and a long-lived phone session. */
export const JoinSchema = Type.Object(
  { secret: Type.String({ minLength: 20, maxLength: 200 }), name: Type.String({ minLength: 1, maxLength: 200 }), phone: Type.String({ minLength: 1, maxLength: 40 }), pin: PinSchema },
  { additionalProperties: false },
);
/** A volunteer's later sign-in on a phone. */
export const PinSignInSchema = Type.Object({ phone: Type.String({ minLength: 1, maxLength: 40 }), pin: PinSchema }, { additionalProperties: false });
/** Asks for a one-time code to reset a forgotten PIN (answered 202 whether or not the phone is known). */
export const PinCodeRequestSchema = Type.Object({ phone: Type.String({ minLength: 1, maxLength: 40 }) }, { additionalProperties: false });
/** Sets a new PIN with the code received, and signs in. */
export const PinResetSchema = Type.Object({ phone: Type.String({ minLength: 1, maxLength: 40 }), code: Type.String({ pattern: '^[0-9]{6}$' }), pin: PinSchema }, { additionalProperties: false });
/** A signed-in person sets their PIN (after a coordinator's one-time sign-in link, say). */
export const PinSetSchema = Type.Object({ pin: PinSchema }, { additionalProperties: false });
