import type { ApiProblem } from './api';
import type { AuthMessages } from './i18n-auth';

/** What the problem was about, which decides what a 401 means to the person reading it. */
export type ProblemContext = 'sign-in' | 'link' | 'setup' | 'other';

/** One sentence, in the current language, for a failed request: never a bare status code. */
export function problemText(problem: ApiProblem, t: AuthMessages, context: ProblemContext): string {
  const e = t.errors;
  if (problem.kind === 'unreachable') return e.unreachable;
  if (problem.status === 429 || problem.code === 'rate_limited') {
    return problem.retryAfter !== undefined ? e.rateLimited(problem.retryAfter) : e.rateLimitedSoon;
  }
  if (problem.status === 401) {
    if (context === 'link') return e.linkInvalid;
    if (context === 'setup') return e.setupLinkInvalid;
    if (context === 'sign-in') return e.wrongLogin;
    return t.sessionEnded;
  }
  if (problem.status === 403) return e.outOfScope;
  if (problem.status === 409 && problem.field === 'body/phone') return e.phoneTaken;
  if (problem.status === 400) return fieldText(problem.field, t) ?? e.invalid(problem.message);
  return e.server(problem.status, problem.message);
}

/** The message for a field the server refused (`body/phone`), when the form has words for it. */
export function fieldText(field: string | undefined, t: AuthMessages): string | undefined {
  switch (field) {
    case 'body/phone':
      return t.errors.badPhone;
    case 'body/email':
      return t.errors.badEmail;
    case 'body/password':
      return t.errors.passwordTooShort;
    case 'body/name':
      return t.errors.required;
    default:
      return undefined;
  }
}
