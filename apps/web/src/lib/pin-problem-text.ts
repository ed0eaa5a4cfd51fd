import type { ApiProblem } from './api';
import type { AuthMessages } from './i18n-auth';
import type { PinMessages } from './i18n-pin';
import { problemText } from './problem-text';

/** Which volunteer form asked: it decides what a 401, a 409 or a refused PIN means. */
export type PinContext = 'pin-sign-in' | 'pin-code' | 'pin-reset' | 'join';

/** The form field a problem belongs to, when the server named one the form has. */
export function pinProblemField(problem: ApiProblem | null): 'name' | 'phone' | 'pin' | 'code' | undefined {
  if (problem?.kind !== 'http' || problem.status !== 400 || !problem.field) return undefined;
  const name = problem.field.replace(/^body\//, '');
  return name === 'name' || name === 'phone' || name === 'pin' || name === 'code' ? name : undefined;
}

/**
 * How a phone that already has an account (a join's 409) signs in instead, from the hub's message:
 * `pin`, `password`, or `none` (an officer's account: only a sign-in link from above).
 */
export function existingAccount(problem: ApiProblem | null): 'pin' | 'password' | 'none' | undefined {
  if (problem?.kind !== 'http' || problem.status !== 409) return undefined;
  if (problem.reason === 'account-staff') return 'none';
  if (problem.reason === 'account-password') return 'password';
  if (problem.reason === 'account-pin') return 'pin';
  // A hub without reasons: its message.
  const said = problem.message.toLowerCase();
  if (/staff|sign-in link/.test(said)) return 'none';
  return /password/.test(said) ? 'password' : 'pin';
}

/**
 * Why an invite cannot be used, from the hub's answer to a peek or a join. The hub says which in
 * its message (in English); anything it does not say is the general "no longer usable".
 */
export function inviteProblemText(problem: ApiProblem, t: PinMessages, auth: AuthMessages): string {
  if (problem.kind === 'unreachable' || problem.status === 429 || problem.status >= 500) return problemText(problem, auth, 'other');
  const e = t.errors;
  if (problem.reason === 'invite-expired') return e.inviteExpired;
  if (problem.reason === 'invite-used-up') return e.inviteUsedUp;
  if (problem.reason === 'invite-revoked') return e.inviteRevoked;
  if (problem.reason === 'invite-unknown') return e.inviteInvalid;
  // A hub without reasons: its message.
  const said = problem.message.toLowerCase();
  if (/expired/.test(said)) return e.inviteExpired;
  if (/used up|uses|no places|full/.test(said)) return e.inviteUsedUp;
  if (/revoked/.test(said)) return e.inviteRevoked;
  return e.inviteInvalid;
}

/** One sentence, in the current language, for a failed PIN sign-in, code request, PIN reset or join. */
export function pinProblemText(problem: ApiProblem, t: PinMessages, auth: AuthMessages, context: PinContext): string {
  const e = t.errors;
  if (problem.kind === 'unreachable' || problem.status === 429) return problemText(problem, auth, 'other');
  const field = pinProblemField(problem);
  if (field === 'pin') return context === 'pin-sign-in' ? e.pinFormat : e.trivialPin;
  if (field === 'code') return e.codeInvalid;
  if (field === 'phone') return auth.errors.badPhone;
  if (field === 'name') return auth.errors.required;
  switch (context) {
    case 'pin-sign-in':
      if (problem.status === 401) return e.wrongPin;
      break;
    case 'pin-reset':
      if (problem.status === 401 || problem.status === 404 || problem.status === 410) return e.codeInvalid;
      break;
    case 'join':
      if (problem.status === 409) {
        const account = existingAccount(problem);
        return account === 'none' ? e.phoneIsStaff : account === 'password' ? e.phoneHasPassword : e.phoneHasAccount;
      }
      // The invite ran out (or was revoked) between opening it and joining.
      if (problem.status === 401 || problem.status === 404 || problem.status === 410) return inviteProblemText(problem, t, auth);
      break;
    case 'pin-code':
      break;
  }
  return problemText(problem, auth, 'other');
}
