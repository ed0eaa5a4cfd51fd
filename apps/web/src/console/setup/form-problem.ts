import { ApiError } from '../../lib/api';
import type { AuthMessages } from '../../lib/i18n-auth';
import { problemText } from '../../lib/problem-text';
import type { SetupMessages } from './i18n-setup';

/** What a form shows after a refused write: under the field the hub named (when the form has it), else above its button. */
export interface FormProblem {
  field: string | null;
  text: string;
}

/** The words for a field the hub refused, in the reader's language (the hub's own message is English). */
function fieldText(field: string, status: number, message: string, e: SetupMessages['errors']): string {
  switch (field) {
    case 'code':
      return status === 409 ? e.codeTaken : e.badCode;
    case 'endsAt':
      return /after/.test(message) ? e.endBeforeStart : e.pickTime;
    case 'startsAt':
      return e.pickTime;
    case 'name':
    case 'nameVi':
    case 'nameEn':
      return e.required;
    case 'lat':
    case 'lng':
      return /both/.test(message) ? e.location : e.badNumber;
    case 'expiresAt':
      return e.expiry;
    case 'teamId':
      return /names a team/.test(message) ? e.inviteTarget : e.invalid(message);
    case 'maxUses':
      return e.uses;
    case 'value':
      return /share/.test(message) ? e.shareRange : e.wholeNumber;
    case 'peopleNeeded':
      return e.badNumber;
    case 'unitId':
      if (/no child units/.test(message)) return e.noChildren;
      return /outside/.test(message) ? e.outside : e.invalid(message);
    case 'kind':
      return /set it first/.test(message) ? e.noTarget : e.invalid(message);
    default:
      return e.invalid(message);
  }
}

/**
 * A failed write as the form shows it. A 401 also tells the shell (the session ended); an error
 * that is not the API's is a bug and is thrown again.
 */
export function formProblem(err: unknown, words: { setup: SetupMessages; auth: AuthMessages }, fields: readonly string[], onUnauthorized: () => void): FormProblem {
  if (!(err instanceof ApiError)) throw err;
  const p = err.problem;
  if (p.kind === 'http' && p.status === 401) onUnauthorized();
  // A path's part counts as the form's field too: a service's code is in its URL (`params/code`).
  const named = p.kind === 'http' ? /^(?:body|params)\/(\w+)$/.exec(p.field ?? '')?.[1] : undefined;
  if (p.kind === 'http' && (p.status === 400 || p.status === 409) && named) {
    const field = named;
    return { field: fields.includes(field) ? field : null, text: fieldText(field, p.status, p.message, words.setup.errors) };
  }
  return { field: null, text: problemText(p, words.auth, 'other') };
}

/** The error to show under `field`, if the problem is about it. */
export const errorFor = (problem: FormProblem | null, field: string): string | undefined => (problem?.field === field ? problem.text : undefined);
/** The error to show above the form's button: a problem no field of the form holds. */
export const formError = (problem: FormProblem | null): string | undefined => (problem && problem.field === null ? problem.text : undefined);
