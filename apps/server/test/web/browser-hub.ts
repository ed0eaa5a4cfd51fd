import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { type Browser, chromium, type Page } from 'playwright-core';
import * as assert from 'uvu/assert';
import { chromiumArgs, chromiumPath, defaultTarget } from '@xk/testing';
import { buildApp } from '../../src/app';
import { loadDemoIfEmpty } from '../../src/demo/load-demo';
import { signInAs } from '../helpers/test-app';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * The hub serving the built web app (or `webDist`, a test's own page) on a port of its own, a
 * browser (with `browserArgs` besides the usual ones), and everything closed after `body`.
 */
export async function withHub(
  options: { demo: boolean; webDist?: string; browserArgs?: string[] },
  body: (hub: { app: FastifyInstance; url: string; browser: Browser }) => Promise<void>,
) {
  if (!options.webDist) {
    const build = spawnSync(process.execPath, ['scripts/ensure-web-build.mjs'], { cwd: root, encoding: 'utf8' });
    assert.is(build.status, 0, build.stdout + build.stderr);
  }
  const { database, dispose } = await defaultTarget().open();
  const app = await buildApp({ database, webDist: options.webDist ?? `${root}apps/web/dist` });
  if (options.demo) await loadDemoIfEmpty(app.services, { info: () => {} });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs, ...(options.browserArgs ?? [])] });
  try {
    await body({ app, url, browser });
  } finally {
    await browser.close();
    await app.close();
    await dispose();
  }
}

/** A page of the given size (a phone's 360×640 unless told) in a browser context of its own, recording uncaught errors. */
export async function newPage(browser: Browser, viewport = { width: 360, height: 640 }): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors };
}

/** A phone-sized page that records uncaught errors. */
export const phonePage = (browser: Browser) => newPage(browser);

/** 1081 → "1.081", as the pages write figures. */
export const vi = (n: number) => new Intl.NumberFormat('vi-VN').format(n);

/** GET/POST as the test's admin, straight to the hub (never through a test's gate): the answer's JSON, or fails the test. */
export async function adminCalls(app: FastifyInstance, url: string) {
  const admin = await signInAs(app, 'admin', null);
  return async <T = unknown>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { ...admin.headers, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    assert.ok(response.status < 300, `${method} ${path}: ${response.status} ${await response.clone().text()}`);
    return (response.status === 204 ? undefined : await response.json()) as T;
  };
}
