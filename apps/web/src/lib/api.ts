// Every HTTP call the web app makes goes through here, so a transport change stays in this file
// (the live figures come over Socket.IO: live-socket.ts).
import type { Campaign, ErrorBody, Service } from '@xk/contract';

export const API_DOCS_URL = '/api/docs';

const REQUEST_TIMEOUT_MS = 5000;

/** `unreachable`: no answer, a gateway error or a non-JSON page; `http`: the API answered with an error body. */
export type ApiProblem =
  | { kind: 'unreachable' }
  | { kind: 'http'; status: number; code: ErrorBody['error']; message: string };

export class ApiError extends Error {
  readonly problem: ApiProblem;
  constructor(problem: ApiProblem) {
    super(problem.kind === 'http' ? `${problem.status} ${problem.code}: ${problem.message}` : 'API unreachable');
    this.name = 'ApiError';
    this.problem = problem;
  }
}

function isErrorBody(body: unknown): body is ErrorBody {
  return typeof body === 'object' && body !== null && 'error' in body && 'message' in body && typeof body.message === 'string';
}

/**
 * GET a JSON document. Rejects with ApiError, or with the caller's AbortError when `signal` aborts.
 * The body is trusted to match the contract: the server validates its responses against the same schemas.
 */
async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
  const forwardAbort = () => controller.abort();
  signal?.addEventListener('abort', forwardAbort, { once: true });
  try {
    let response: Response;
    try {
      response = await fetch(path, { headers: { accept: 'application/json' }, signal: controller.signal });
    } catch (err) {
      if (signal?.aborted) throw err;
      throw new ApiError({ kind: 'unreachable' }); // offline, refused, or no answer within the timeout
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (signal?.aborted) throw new DOMException('Aborted', 'AbortError');
    if (response.ok && body !== undefined) return body as T;
    if (!response.ok && isErrorBody(body)) {
      throw new ApiError({ kind: 'http', status: response.status, code: body.error, message: body.message });
    }
    // A proxy's 502, or an HTML page where JSON was expected: the API itself is not there.
    throw new ApiError({ kind: 'unreachable' });
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', forwardAbort);
  }
}

export const listCampaigns = (signal?: AbortSignal) => getJson<Campaign[]>('/api/v1/campaigns', signal);

export const listCampaignServices = (campaignId: number, signal?: AbortSignal) =>
  getJson<Service[]>(`/api/v1/campaigns/${campaignId}/services`, signal);
