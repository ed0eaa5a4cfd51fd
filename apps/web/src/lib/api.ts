// Every HTTP call the web app makes goes through here, so a transport change stays in this file
// (the live figures come over Socket.IO: live-socket.ts; the office's file uploads and streamed
// downloads: office-api.ts, on top of `writeHeaders` and `readAnswer` below).
import type { ActivityInput, ActivityResult, Campaign, ErrorBody, Me, Message, Move, PhoneClient, PhoneToday, Service, Setup, SignIn } from '@xk/contract';
import type { InviteInfo, Join, PinReset, PinSignIn } from './auth-wire';

export const API_DOCS_URL = '/api/docs';

const REQUEST_TIMEOUT_MS = 5000;
/** The readable cookie the hub sets beside the (httpOnly) session cookie; echoed on every write. */
const CSRF_COOKIE = 'xk_csrf';
const CSRF_HEADER = 'x-csrf-token';

/**
 * `unreachable`: no answer, a gateway error or a non-JSON page; `http`: the API answered with an
 * error body (`retryAfter`: seconds, from a 429's Retry-After header when it sent one).
 */
export type ApiProblem =
  | { kind: 'unreachable' }
  | { kind: 'http'; status: number; code: ErrorBody['error']; message: string; field?: string; reason?: string; retryAfter?: number };

export class ApiError extends Error {
  readonly problem: ApiProblem;
  constructor(problem: ApiProblem) {
    super(problem.kind === 'http' ? `${problem.status} ${problem.code}: ${problem.message}` : 'API unreachable');
    this.name = 'ApiError';
    this.problem = problem;
  }
}

/** Whether a problem means "not signed in (any more)": the caller should show the sign-in screen. */
export const isUnauthorized = (problem: ApiProblem | null | undefined) => problem?.kind === 'http' && problem.status === 401;

/** Sees every answer the hub gives (the phone's server clock reads its Date header); one at a time. */
export type ResponseObserver = (response: Response, sentAt: number, receivedAt: number) => void;
let responseObserver: ResponseObserver | null = null;
export const observeResponses = (observer: ResponseObserver | null) => void (responseObserver = observer);

function isErrorBody(body: unknown): body is ErrorBody {
  return typeof body === 'object' && body !== null && 'error' in body && 'message' in body && typeof body.message === 'string';
}

function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** Seconds from a Retry-After header (a number of seconds or an HTTP date). */
function retryAfterSeconds(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(1, Math.ceil(seconds));
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(1, Math.ceil((at - Date.now()) / 1000));
}

/** The headers every write carries: the CSRF token the hub checks on cookie sessions. */
export function writeHeaders(): Record<string, string> {
  const csrf = readCookie(CSRF_COOKIE);
  return csrf ? { [CSRF_HEADER]: csrf } : {};
}

/**
 * One request with the session cookie (same origin), JSON both ways. Writes carry the CSRF token.
 * Resolves to the body (undefined for 204); rejects with ApiError, or with the caller's AbortError
 * when `signal` aborts. The body is trusted to match the contract: the server validates its
 * responses against the same schemas.
 */
async function request<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, options: { body?: unknown; signal?: AbortSignal | undefined } = {}): Promise<T> {
  const { signal } = options;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
  const forwardAbort = () => controller.abort();
  signal?.addEventListener('abort', forwardAbort, { once: true });
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') Object.assign(headers, writeHeaders());
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  try {
    let response: Response;
    const sentAt = Date.now();
    try {
      response = await fetch(path, {
        method,
        headers,
        credentials: 'same-origin',
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
        signal: controller.signal,
      });
    } catch (err) {
      if (signal?.aborted) throw err;
      throw new ApiError({ kind: 'unreachable' }); // offline, refused, or no answer within the timeout
    }
    return await readAnswer<T>(response, sentAt, signal);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', forwardAbort);
  }
}

/** An answer of the hub as the caller's value, or an ApiError (see `request`). */
export async function readAnswer<T>(response: Response, sentAt: number, signal?: AbortSignal, receivedAt = Date.now()): Promise<T> {
  try {
    responseObserver?.(response, sentAt, receivedAt);
  } catch {
    // an observer's bug must not fail the request
  }
  // 204, and a 202 that answers nothing ("accepted"): no body to read.
  if (response.status === 204) return undefined as T;
  if (response.status === 202 && response.headers.get('content-length') === '0') return undefined as T;
  const body: unknown = await response.json().catch(() => undefined);
  if (signal?.aborted) throw new DOMException('Aborted', 'AbortError');
  if (response.ok && (body !== undefined || response.status === 202)) return body as T;
  if (!response.ok && isErrorBody(body)) {
    const retryAfter = retryAfterSeconds(response.headers.get('retry-after'));
    throw new ApiError({
      kind: 'http',
      status: response.status,
      code: body.error,
      message: body.message,
      ...(body.field !== undefined ? { field: body.field } : {}),
      ...(body.reason !== undefined ? { reason: body.reason } : {}),
      ...(retryAfter !== undefined ? { retryAfter } : {}),
    });
  }
  // A proxy's 502, or an HTML page where JSON was expected: the API itself is not there.
  throw new ApiError({ kind: 'unreachable' });
}

export const getJson = <T>(path: string, signal?: AbortSignal) => request<T>('GET', path, { signal });
export const postJson = <T>(path: string, body?: unknown) => request<T>('POST', path, { body });
export const putJson = <T>(path: string, body?: unknown) => request<T>('PUT', path, { body });
export const patchJson = <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body });
export const deleteJson = <T = void>(path: string) => request<T>('DELETE', path);

export const listCampaigns = (signal?: AbortSignal) => getJson<Campaign[]>('/api/v1/campaigns', signal);

export const listCampaignServices = (campaignId: number, signal?: AbortSignal) =>
  getJson<Service[]>(`/api/v1/campaigns/${campaignId}/services`, signal);

// --- Sign-in (the hub sets and clears the session cookies) ----------------------------------------

/** A request index.html's early script asked before this code arrived (see there). */
interface EarlyRequest {
  sentAt: number;
  body?: unknown;
  response: Promise<Response>;
  receivedAt?: number;
}
declare global {
  interface Window {
    __xkEarly?: Partial<Record<'me' | 'invite', EarlyRequest>>;
  }
}

/**
 * The early script's answer to `name`, once, if it asked what the app asks now; else the request
 * made here. Answered as `request` answers (ApiError on failure, the same time-out from now).
 */
async function earlyOr<T>(name: 'me' | 'invite', sameBody: unknown, otherwise: () => Promise<T>): Promise<T> {
  const early = window.__xkEarly?.[name];
  if (early) delete window.__xkEarly![name];
  if (!early || JSON.stringify(early.body) !== JSON.stringify(sameBody)) return otherwise();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ApiError({ kind: 'unreachable' })), REQUEST_TIMEOUT_MS);
  });
  try {
    const response = await Promise.race([early.response, late]).catch((err: unknown) => {
      throw err instanceof ApiError ? err : new ApiError({ kind: 'unreachable' });
    });
    return await readAnswer<T>(response, early.sentAt, undefined, early.receivedAt);
  } finally {
    clearTimeout(timer);
  }
}

export const fetchMe = (signal?: AbortSignal) => earlyOr<Me>('me', undefined, () => getJson<Me>('/api/v1/auth/me', signal));

export const signIn = (input: SignIn) => postJson<Me>('/api/v1/auth/sign-in', input);

export const setUp = (input: Setup) => postJson<Me>('/api/v1/auth/setup', input);

export const redeemSignInLink = (secret: string) => postJson<Me>('/api/v1/auth/links/redeem', { secret });

export const signOut = () => postJson<void>('/api/v1/auth/sign-out');

// --- Boards and volunteers ------------------------------------------------------------------------

/** A hall screen's link (the secret after `#/board/`) for a read-only board session. */
export const openBoard = (secret: string) => postJson<Me>('/api/v1/auth/board', { secret });

/** Where an invite leads (public; nothing is used up). */
export const peekInvite = (secret: string) => earlyOr<InviteInfo>('invite', { secret }, () => postJson<InviteInfo>('/api/v1/auth/invites/peek', { secret }));

/** Joins from an invite: a new volunteer with a PIN, signed in on this phone. */
export const join = (input: Join) => postJson<Me>('/api/v1/auth/join', input);

export const pinSignIn = (input: PinSignIn) => postJson<Me>('/api/v1/auth/pin', input);

/** Asks for a code to reset a forgotten PIN; accepted whether or not the phone is known. */
export const requestPinCode = (phone: string) => postJson<void>('/api/v1/auth/pin/code', { phone });

export const resetPin = (input: PinReset) => postJson<Me>('/api/v1/auth/pin/reset', input);

/** A signed-in person sets a new PIN. */
export const setPin = (pin: string) => putJson<void>('/api/v1/auth/pin', { pin });

// --- The volunteer's phone ------------------------------------------------------------------------

/** Sends queued entries (≤ 500; the phone sends ≤ 100): one result per item, in order. */
export const postActivityBatch = (body: { items: ActivityInput[]; client?: PhoneClient }) =>
  postJson<{ results: ActivityResult[] }>('/api/v1/activity/batch', body);

/** The phone reports its queue when it has nothing to send (a sync reports it in `client`). */
export const postPhoneStatus = (body: { campaignId: number; queueLength: number; lastSyncAt: string | null }) =>
  postJson<void>('/api/v1/phone/status', body);

/** The volunteer's day (placement, duty, catalogue, stations, pending moves, messages, poster keys). */
export const fetchPhoneToday = (campaignId?: number, signal?: AbortSignal) =>
  getJson<PhoneToday>(`/api/v1/phone/today${campaignId ? `?campaignId=${campaignId}` : ''}`, signal);

/** "Đã nhận": the person acknowledges a coordinator's move. */
export const ackMove = (moveId: string, personId: number) => postJson<Move>(`/api/v1/moves/${encodeURIComponent(moveId)}/ack`, { personId });

/** The messages for a person after `after` (exclusive), to catch up after a lost connection. */
export const fetchMessagesSince = (campaignId: number, personId: number, after?: string) =>
  getJson<Message[]>(`/api/v1/campaigns/${campaignId}/messages?personId=${personId}${after ? `&after=${encodeURIComponent(after)}` : ''}`);
