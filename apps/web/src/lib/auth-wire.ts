// The bodies of the volunteer and board sign-in calls, as packages/contract/src/auth.ts defines them
// (InviteInfoSchema, JoinSchema, PinSignInSchema, PinResetSchema). The contract exports only the
// schemas of these, and the web app cannot name TypeBox's `Static`: when the contract gains
// `export type InviteInfo = Static<…>` and the rest, import those instead and drop this file.

/** What an invite leads to, shown before joining. */
export interface InviteInfo {
  campaignName: string;
  teamName: string | null;
  stationName: string | null;
  unitName: string;
  /** ISO date-time. */
  expiresAt: string;
}

export interface Join {
  secret: string;
  name: string;
  phone: string;
  /** Six digits. */
  pin: string;
}

export interface PinSignIn {
  phone: string;
  pin: string;
}

export interface PinReset {
  phone: string;
  /** The six-digit code sent by SMS or Zalo. */
  code: string;
  pin: string;
}

/** A PIN or a code as the hub accepts it: exactly six digits. */
export const isSixDigits = (text: string) => /^[0-9]{6}$/.test(text);

/** What was typed in a PIN or code field, as sent: spaces (from a paste, "123 456") dropped. */
export const digitsOf = (typed: string) => typed.replace(/\s+/g, '');
