// The office screens' calls that are not plain JSON: a spreadsheet sent as the request's body, the
// report (which can take longer than a tap's 5 s), and downloads streamed with their progress.
import type { CampaignReport, ImportPreview, ImportResult, PeopleInvites, Unit } from '@xk/contract';
import { ApiError, getJson, postJson, readAnswer, writeHeaders } from './api';

const LONG_TIMEOUT_MS = 120_000;

async function send<T>(method: 'GET' | 'POST', path: string, init: { body?: Blob; contentType?: string; signal?: AbortSignal } = {}): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), LONG_TIMEOUT_MS);
  init.signal?.addEventListener('abort', () => controller.abort(), { once: true });
  const headers: Record<string, string> = { accept: 'application/json', ...(method === 'POST' ? writeHeaders() : {}) };
  if (init.contentType) headers['content-type'] = init.contentType;
  try {
    let response: Response;
    const sentAt = Date.now();
    try {
      response = await fetch(path, { method, headers, credentials: 'same-origin', ...(init.body ? { body: init.body } : {}), signal: controller.signal });
    } catch (err) {
      if (init.signal?.aborted) throw err;
      throw new ApiError({ kind: 'unreachable' });
    }
    return await readAnswer<T>(response, sentAt, init.signal);
  } finally {
    clearTimeout(timer);
  }
}

/** An .xlsx is a ZIP; anything else is sent as CSV (the hub reads the bytes, not the name). */
const typeOfFile = (file: File) => (/\.xlsx$/i.test(file.name) ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv');

export interface ImportOptions {
  campaignId?: number | undefined;
  expect?: string | undefined;
}
const importQuery = (o: ImportOptions) => {
  const q = new URLSearchParams();
  if (o.campaignId) q.set('campaignId', String(o.campaignId));
  if (o.expect) q.set('expect', o.expect);
  const s = q.toString();
  return s ? `?${s}` : '';
};

/** The hub's refusal of an apply: 422 (rows with errors) or 409 (the data changed), with the new preview. */
export type ApplyOutcome = { ok: true; result: ImportResult } | { ok: false; status: number; preview: ImportPreview };

export const previewImport = (file: File, options: ImportOptions) => send<ImportPreview>('POST', `/api/v1/imports/preview${importQuery(options)}`, { body: file, contentType: typeOfFile(file) });

export async function applyImport(file: File, options: ImportOptions): Promise<ApplyOutcome> {
  const response = await fetch(`/api/v1/imports/apply${importQuery(options)}`, {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': typeOfFile(file), ...writeHeaders() },
    credentials: 'same-origin',
    body: file,
  }).catch(() => {
    throw new ApiError({ kind: 'unreachable' });
  });
  if (response.status === 409 || response.status === 422) {
    const body = (await response.json()) as { preview: ImportPreview };
    return { ok: false, status: response.status, preview: body.preview };
  }
  return { ok: true, result: await readAnswer<ImportResult>(response, Date.now()) };
}

export const invitePeople = (campaignId: number, personIds: number[]) => postJson<PeopleInvites>(`/api/v1/campaigns/${campaignId}/invites/people`, { personIds });

export const fetchReport = (campaignId: number, unitId: number | null, signal?: AbortSignal) =>
  send<CampaignReport>('GET', `/api/v1/campaigns/${campaignId}/report${unitId ? `?unitId=${unitId}` : ''}`, signal ? { signal } : {});

export const listUnits = (signal?: AbortSignal) => getJson<Unit[]>('/api/v1/units', signal);

/** How far a download has come: bytes, and rows when the file is CSV and the hub said how many. */
export interface DownloadProgress {
  bytes: number;
  rows: number | null;
  totalRows: number | null;
}

/**
 * Fetches a file while reporting progress (a million-row export takes a while), then hands it to
 * the browser to save under the name the hub gave.
 */
export async function download(path: string, onProgress: (p: DownloadProgress) => void, signal?: AbortSignal): Promise<void> {
  const response = await fetch(path, { credentials: 'same-origin', ...(signal ? { signal } : {}) }).catch((err: unknown) => {
    if (signal?.aborted) throw err;
    throw new ApiError({ kind: 'unreachable' });
  });
  if (!response.ok || !response.body) {
    await readAnswer(response, Date.now());
    throw new ApiError({ kind: 'unreachable' });
  }
  const totalHeader = response.headers.get('x-total-rows');
  const totalRows = totalHeader === null ? null : Number(totalHeader);
  const isCsv = (response.headers.get('content-type') ?? '').includes('csv');
  const reader = response.body.getReader();
  const parts: Uint8Array[] = [];
  let bytes = 0;
  let lines = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    bytes += value.byteLength;
    if (isCsv) for (let i = 0; i < value.length; i++) if (value[i] === 10) lines++;
    onProgress({ bytes, rows: isCsv ? Math.max(0, lines - 1) : null, totalRows });
  }
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'xung-kich';
  const url = URL.createObjectURL(new Blob(parts as BlobPart[], { type: response.headers.get('content-type') ?? 'application/octet-stream' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = decodeURIComponent(name);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
