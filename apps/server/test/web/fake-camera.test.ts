import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { chromiumArgs, chromiumPath, isChromiumAvailable } from '@xk/testing';
import { writePosterVideo } from '@xk/testing/fake-camera';
import { phonePwa } from '../../../web/build/phone-pwa';

/**
 * The phone's QR scanner (apps/web/src/phone/scanner.ts) in real Chromium, reading a poster from a
 * fake camera: a Y4M video written by @xk/testing's writePosterVideo, fed through Chromium's
 * `--use-file-for-fake-video-capture`. Chromium on Linux has no BarcodeDetector, so this is the
 * jsQR path, loaded as its own lazy chunk (and left out of the service worker's precache).
 */
const test = suite('the QR scanner with a fake camera in Chromium');
const root = fileURLToPath(new URL('../../../../', import.meta.url));
const web = `${root}apps/web/`;

const token = `XK1.12.345.3.${'Mk3_-aZ'.repeat(12)}Mk`;
const posterUrl = `https://xk.example.vn/phone/#/checkin/${token}`;

type Scan = { text: string | null; error: string | null; native: boolean; started: boolean };
type ViteBuild = (config: Record<string, unknown>) => Promise<unknown>;

/** A one-page app that starts the scanner on load and records what it reads, built with the web app's Vite. */
async function buildScannerPage(dir: string): Promise<string> {
  const src = join(dir, 'src');
  mkdirSync(src, { recursive: true });
  writeFileSync(join(src, 'index.html'), `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>scanner</title></head>
<body><video width="320" height="240"></video><script type="module" src="./main.ts"></script></body></html>`);
  writeFileSync(
    join(src, 'main.ts'),
    `import { startScanner } from ${JSON.stringify(`${web}src/phone/scanner.ts`)};
const scan = { text: null, error: null, native: 'BarcodeDetector' in globalThis, started: false };
(window as any).__scan = scan;
const stop = startScanner(document.querySelector('video')!, (text) => { scan.text = text; });
stop.started.then(() => { scan.started = true; }, (e) => { scan.error = e.code + ': ' + e.message; });
`,
  );
  const vite = (await import(pathToFileURL(`${web}node_modules/vite/dist/node/index.js`).href)) as { build: ViteBuild };
  const outDir = join(dir, 'dist');
  await vite.build({ configFile: false, root: src, publicDir: `${web}public`, logLevel: 'silent', plugins: [phonePwa()], build: { outDir, emptyOutDir: true } });
  return outDir;
}

const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.webmanifest': 'application/manifest+json', '.png': 'image/png' };

function serve(dir: string): Promise<Server> {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(dir, path === '/' ? 'index.html' : path);
    try {
      if (!statSync(file).isFile()) throw new Error('not a file');
      response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

if (isChromiumAvailable('fake-camera scanner test')) {
  test('reads the poster’s QR code from the fake camera with jsQR, loaded lazily, then turns the camera off', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xk-fake-camera-'));
    let server: Server | undefined;
    let browser: Browser | undefined;
    try {
      const dist = await buildScannerPage(dir);
      // jsQR is a chunk of its own, loaded by the scanner only, and not in the phone's precache.
      const chunks = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js'));
      const jsqrChunks = chunks.filter((f) => /^jsqr-/i.test(f));
      const entry = readFileSync(join(dist, 'index.html'), 'utf8').match(/src="\/assets\/([^"]+\.js)"/)?.[1];
      assert.ok(entry, 'the page has an entry chunk');
      assert.is(jsqrChunks.length, 1, `one chunk holds jsQR (chunks: ${chunks.join(', ')})`);
      assert.is.not(jsqrChunks[0], entry, 'jsQR is not in the entry chunk');
      const sw = readFileSync(join(dist, 'phone/sw.js'), 'utf8');
      const precache = JSON.parse(sw.match(/^const PRECACHE = (.*);$/m)![1]!) as string[];
      assert.ok(precache.includes(`/assets/${entry}`) && precache.includes('/index.html'), 'the shell is precached');
      assert.not.ok(precache.includes(`/assets/${jsqrChunks[0]}`), 'the lazy jsQR chunk is not precached');

      const video = writePosterVideo(posterUrl, join(dir, 'poster.y4m'));
      server = await serve(dist);
      const { port } = server.address() as AddressInfo;
      browser = await chromium.launch({
        executablePath: chromiumPath,
        args: [
          ...chromiumArgs,
          '--use-fake-device-for-media-stream',
          `--use-file-for-fake-video-capture=${video}`,
          // A host name that is not localhost: plain HTTP there is not a secure context.
          '--host-resolver-rules=MAP hall.test 127.0.0.1',
        ],
      });

      const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
      await context.grantPermissions(['camera']);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const loaded: string[] = [];
      page.on('request', (r) => loaded.push(new URL(r.url()).pathname));
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.waitForFunction(() => {
        const scan = (window as unknown as { __scan?: Scan }).__scan;
        return Boolean(scan?.text || scan?.error);
      }, undefined, { timeout: 30_000 });
      const scan = await page.evaluate(() => (window as unknown as { __scan: Scan }).__scan);
      assert.is(scan.error, null);
      assert.is(scan.native, false, 'Chromium on Linux has no BarcodeDetector: the jsQR path');
      assert.is(scan.text, posterUrl);
      assert.ok(scan.started);
      assert.ok(loaded.includes(`/assets/${jsqrChunks[0]}`), 'the scanner loaded the jsQR chunk');
      // Stopped on the first code: the camera is released.
      assert.ok(await page.evaluate(() => document.querySelector('video')!.srcObject === null), 'the camera is off after the first code');
      assert.equal(errors, []);
      await context.close();

      // Camera refused: a clear error, no exception.
      const refused = await browser.newContext();
      const refusedPage = await refused.newPage();
      await refusedPage.goto(`http://127.0.0.1:${port}/`);
      await refusedPage.waitForFunction(() => Boolean((window as unknown as { __scan?: Scan }).__scan?.error), undefined, { timeout: 15_000 });
      const denied = await refusedPage.evaluate(() => (window as unknown as { __scan: Scan }).__scan);
      assert.match(denied.error ?? '', /^permission-denied: /);
      await refused.close();

      // Plain HTTP on the hall's Wi-Fi: no camera at all, and the scanner says why.
      const insecure = await browser.newContext();
      await insecure.grantPermissions(['camera']);
      const insecurePage = await insecure.newPage();
      await insecurePage.goto(`http://hall.test:${port}/`);
      assert.is(await insecurePage.evaluate(() => isSecureContext), false);
      await insecurePage.waitForFunction(() => Boolean((window as unknown as { __scan?: Scan }).__scan?.error), undefined, { timeout: 15_000 });
      const plain = await insecurePage.evaluate(() => (window as unknown as { __scan: Scan }).__scan);
      assert.match(plain.error ?? '', /^insecure-context: /);
      await insecure.close();
    } finally {
      await browser?.close();
      await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test.run();
