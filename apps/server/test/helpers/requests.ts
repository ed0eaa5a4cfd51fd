import * as assert from 'uvu/assert';
import type { Caller, TestApp } from './test-app';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const errorCodeOf = { 400: 'validation', 404: 'not_found', 409: 'conflict' } as const;

const describe = (method: Method, url: string, payload: unknown, res: { status: number; body: unknown }) =>
  `${method} ${url} ${payload === undefined ? '' : JSON.stringify(payload)} → ${res.status} ${JSON.stringify(res.body)}`;

/**
 * Sends a request that must fail with `status` and the error body `{ error, message, field }`;
 * `field` is checked when given (`'body/phone'`, `'params/id'`, `'query/unitId'`).
 */
export async function expectError(t: TestApp, status: 400 | 404 | 409, method: Method, url: string, payload?: unknown, field?: string) {
  const res = await t.call({ method, url, ...(payload === undefined ? {} : { payload: payload as object }) });
  const what = describe(method, url, payload, res);
  assert.is(res.status, status, what);
  assert.is(res.body.error, errorCodeOf[status], what);
  assert.type(res.body.message, 'string', what);
  assert.ok(res.body.message.length > 0, what);
  if (field !== undefined) assert.is(res.body.field, field, what);
  return res.body as { error: string; message: string; field?: string };
}

/** A 400 `validation` answer naming `field`. */
export const expect400 = (t: TestApp, method: Method, url: string, payload: unknown, field: string) => expectError(t, 400, method, url, payload, field);

/** Sends a request that must succeed with `status`; returns the parsed body. */
export async function expectOk(t: TestApp, status: 200 | 201 | 204, method: Method, url: string, payload?: unknown, as?: Caller): Promise<any> {
  const res = await t.call({ method, url, ...(payload === undefined ? {} : { payload: payload as object }), ...(as ? { as } : {}) });
  assert.is(res.status, status, describe(method, url, payload, res));
  return res.body;
}

export const get = (t: TestApp, url: string) => expectOk(t, 200, 'GET', url);
export const created = (t: TestApp, url: string, payload: unknown) => expectOk(t, 201, 'POST', url, payload);
