import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { defaultTarget } from '@xk/testing';
import { buildApp } from '../../src/app';

// How the hub serves the built web app (a stand-in build in a temp folder): the phone at /phone/,
// its service worker and manifest as files, hashed assets cached for good, HTML revalidated.

const test = suite('the web app as served (plugins/web-app.ts)');
const dist = mkdtempSync(join(tmpdir(), 'xk-web-'));
const indexHtml = '<!doctype html><html lang="vi"><body><div id="app"></div><script type="module" src="/assets/index-3f9a1c.js"></script></body></html>';
let app: FastifyInstance;
let dispose: () => Promise<void>;

test.before(async () => {
  mkdirSync(join(dist, 'assets'));
  mkdirSync(join(dist, 'phone'));
  writeFileSync(join(dist, 'index.html'), indexHtml);
  writeFileSync(join(dist, 'assets', 'index-3f9a1c.js'), 'console.log("xk")');
  writeFileSync(join(dist, 'phone', 'sw.js'), 'self.addEventListener("fetch", () => {})');
  writeFileSync(join(dist, 'phone', 'manifest.webmanifest'), JSON.stringify({ name: 'Xung Kích', start_url: '/phone/', scope: '/phone/' }));
  const target = await defaultTarget().open();
  dispose = target.dispose;
  app = await buildApp({ database: target.database, webDist: dist });
  await app.ready();
});
test.after(async () => {
  await app.close();
  await dispose();
  rmSync(dist, { recursive: true, force: true });
});

const get = (url: string) => app.inject({ method: 'GET', url });

test('/phone/ serves the app (revalidated); /phone is sent to /phone/, its query kept', async () => {
  const phone = await get('/phone/');
  assert.is(phone.statusCode, 200);
  assert.is(phone.body, indexHtml);
  assert.match(String(phone.headers['content-type']), /^text\/html/);
  assert.is(phone.headers['cache-control'], 'no-cache');
  for (const [from, to] of [['/phone', '/phone/'], ['/phone?lang=en', '/phone/?lang=en']]) {
    const res = await get(from!);
    assert.is(res.statusCode, 301, from);
    assert.is(res.headers.location, to);
  }
  const root = await get('/');
  assert.is(root.body, indexHtml);
  assert.is(root.headers['cache-control'], 'no-cache');
  // The other screens' paths load the app too.
  for (const path of ['/board/12', '/phone/checkin']) {
    const res = await get(path);
    assert.is(res.statusCode, 200, path);
    assert.is(res.body, indexHtml, path);
  }
});

test('the service worker and the manifest are files of dist/phone/; hashed assets are immutable', async () => {
  const sw = await get('/phone/sw.js');
  assert.is(sw.statusCode, 200);
  assert.match(sw.body, /addEventListener/);
  assert.match(String(sw.headers['content-type']), /javascript/);
  assert.is(sw.headers['cache-control'], 'no-cache', 'a new worker reaches phones on their next load');
  assert.is(sw.headers['service-worker-allowed'], undefined, 'its scope is its own folder');
  const manifest = await get('/phone/manifest.webmanifest');
  assert.is(manifest.statusCode, 200);
  assert.match(String(manifest.headers['content-type']), /^application\/manifest\+json/);
  assert.is(JSON.parse(manifest.body).scope, '/phone/');
  const asset = await get('/assets/index-3f9a1c.js');
  assert.is(asset.statusCode, 200);
  assert.is(asset.headers['cache-control'], 'public, max-age=31536000, immutable');
});

test('a missing file is a 404 (never the page); API paths answer JSON', async () => {
  for (const path of ['/assets/index-000000.js', '/phone/icon-192.png', '/phone/sw-old.js']) {
    const res = await get(path);
    assert.is(res.statusCode, 404, path);
    assert.is(res.json().error, 'not_found', path);
  }
  const api = await get('/api/v1/nothing-here');
  assert.is(api.statusCode, 404);
  assert.is(api.json().error, 'not_found');
});

test.run();
