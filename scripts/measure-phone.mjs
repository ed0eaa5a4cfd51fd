#!/usr/bin/env node
// Measures the phone route of a running hub in the system Chromium (never downloads a browser; builds
// nothing): (a) the gzipped size of every JavaScript file `/phone/` loads for its first render, and
// separately of the lazy chunks those files can load later (found in their code, fetched, gzipped
// here with zlib so the figure does not depend on the server's compression); CSS and fonts too;
// (b) the first render on an emulated slow 3G link (400 ms latency, 400 kbit/s down and up, CPU 4×
// slower), cold cache, no service worker: from navigation start until the selector is in the page
// and painted. Prints one JSON line on stdout (progress on stderr).
//
// Usage: node scripts/measure-phone.mjs [hub URL] [--selector CSS] [--path /phone/] [--runs 3]
//          [--cookie "name=value; …"] [--timeout 60000]
// Env:   XK_URL (the hub URL when no argument), XK_CHROMIUM (default /usr/bin/chromium),
//        XK_COOKIE (as --cookie: measure a signed-in person's screen).
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const defaults = { selector: '[data-testid="phone-screen"], [data-testid="sign-in"]', path: '/phone/', runs: '3', timeout: '60000', cookie: process.env.XK_COOKIE ?? '' };
const options = { ...defaults };
let hubUrl = process.env.XK_URL;
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const arg = argv[i];
  const flag = /^--([a-z]+)(?:=(.*))?$/.exec(arg);
  if (flag && flag[1] in defaults) options[flag[1]] = flag[2] ?? argv[++i];
  else if (arg === '--help' || arg === '-h') {
    console.error('node scripts/measure-phone.mjs [hub URL] [--selector CSS] [--path /phone/] [--runs 3] [--cookie "a=b"] [--timeout ms]');
    process.exit(0);
  } else if (!arg.startsWith('--')) hubUrl = arg;
  else fail(`unknown option ${arg}`);
}
if (!hubUrl) fail('give the hub URL as an argument or in XK_URL');

const chromiumPath = process.env.XK_CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(chromiumPath)) fail(`no Chromium at ${chromiumPath} (apt-get install chromium, or set XK_CHROMIUM)`);
const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const origin = new URL(hubUrl).origin;
const pageUrl = new URL(options.path, origin).href;
const runs = Math.max(1, Number(options.runs) || 1);
const timeout = Number(options.timeout) || 60_000;
/** Slow 3G as asked for: 400 ms round trips, 400 kbit/s (50 KB/s) each way, a phone's CPU 4× slower. */
const slow3g = { latency: 400, downloadThroughput: 50_000, uploadThroughput: 50_000, cpuSlowdown: 4 };
const budgetGzipBytes = 80_000;

function fail(message) {
  console.error(`measure-phone: ${message}`);
  process.exit(2);
}

const gzip = (body) => gzipSync(body, { level: 9 }).length;
const isJs = (url, type = '') => /\.m?js$/.test(new URL(url).pathname) || /javascript/.test(type);
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : Math.round((sorted[mid - 1] + sorted[mid]) / 2);
};
const total = (files) => ({ files: files.length, raw: files.reduce((n, f) => n + f.raw, 0), gzip: files.reduce((n, f) => n + f.gzip, 0) });

/** The cookie header as Playwright cookies for the hub. */
function cookies() {
  return options.cookie
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const at = part.indexOf('=');
      return { name: part.slice(0, at), value: part.slice(at + 1), url: origin };
    });
}

/**
 * Watches, from the page's first script on, for the selector to be in the document, and notes when
 * (performance.now(), i.e. since navigation start) and the next frame after that (painted).
 */
const watchScript = (selector) => {
  const mark = () => {
    if (window.__xkRender || !document.querySelector(selector)) return false;
    const dom = performance.now();
    window.__xkRender = { dom };
    requestAnimationFrame(() => {
      window.__xkRender.painted = performance.now();
    });
    return true;
  };
  const observer = new MutationObserver(() => {
    if (mark()) observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true });
};

async function newContext(browser) {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 }, serviceWorkers: 'block' });
  const jar = cookies();
  if (jar.length) await context.addCookies(jar);
  await context.addInitScript(watchScript, options.selector);
  return context;
}

async function waitForRender(page) {
  try {
    await page.waitForFunction(() => window.__xkRender?.painted !== undefined, undefined, { timeout, polling: 50 });
  } catch (error) {
    const seen = await page.evaluate(() => [...new Set([...document.querySelectorAll('[data-testid]')].map((e) => e.dataset.testid))].slice(0, 15)).catch(() => []);
    throw new Error(`${options.selector} did not appear within ${timeout} ms (data-testid on the page: ${seen.join(', ') || 'none'}): ${error instanceof Error ? error.message.split('\n')[0] : error}`);
  }
  return page.evaluate(() => window.__xkRender);
}

/** (a) What the first render loads, unthrottled; then the lazy chunks its code refers to. */
async function measureSizes(browser) {
  const context = await newContext(browser);
  const page = await context.newPage();
  const requests = [];
  page.on('request', (request) => requests.push(request));
  const response = await page.goto(pageUrl, { waitUntil: 'commit', timeout });
  if (!response || response.status() >= 400) fail(`${pageUrl} answered ${response?.status() ?? 'nothing'}`);
  await waitForRender(page);
  const started = [...requests];
  // Fonts swap in after the first render (font-display: swap): counted once the page's fonts are in.
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  const fontRequests = requests.filter((r) => !started.includes(r) && /\.(woff2?|ttf|otf)$/.test(new URL(r.url()).pathname));
  const files = { js: [], css: [], fonts: [] };
  for (const request of [...started, ...fontRequests]) {
    const answer = await request.response().catch(() => null);
    if (!answer || answer.status() !== 200 || new URL(request.url()).origin !== origin) continue;
    const body = await answer.body().catch(() => null);
    if (!body) continue;
    const type = answer.headers()['content-type'] ?? '';
    const path = new URL(request.url()).pathname;
    const entry = { path, raw: body.length, gzip: gzip(body), text: isJs(request.url(), type) ? body.toString('utf8') : undefined };
    if (entry.text !== undefined) files.js.push(entry);
    else if (/\.css$/.test(path) || type.includes('text/css')) files.css.push(entry);
    else if (/\.(woff2?|ttf|otf)$/.test(path)) files.fonts.push({ path, raw: body.length, gzip: body.length });
  }
  await context.close();

  // Lazy chunks: the JS files the loaded code names (dynamic imports "./x.js", Vite's "assets/x.js" maps), recursively.
  const seen = new Set(files.js.map((f) => f.path));
  const lazy = [];
  const queue = files.js.map((f) => ({ path: f.path, text: f.text }));
  while (queue.length) {
    const { path, text } = queue.shift();
    for (const match of text.matchAll(/["'`]((?:\.\.?\/|\/)?(?:assets\/)?[\w.-]+\.m?js)["'`]/g)) {
      const ref = match[1];
      if (!/^(\.\.?\/|\/|assets\/)/.test(ref)) continue;
      const url = new URL(ref.startsWith('assets/') ? `/${ref}` : ref, new URL(path, origin));
      if (url.origin !== origin || seen.has(url.pathname)) continue;
      seen.add(url.pathname);
      const answer = await fetch(url).catch(() => null);
      if (!answer?.ok || !isJs(url.href, answer.headers.get('content-type') ?? '')) continue;
      const body = Buffer.from(await answer.arrayBuffer());
      lazy.push({ path: url.pathname, raw: body.length, gzip: gzip(body) });
      queue.push({ path: url.pathname, text: body.toString('utf8') });
    }
  }
  const strip = (list) => list.map(({ path, raw, gzip: g }) => ({ path, raw, gzip: g }));
  return { js: strip(files.js), css: strip(files.css), fonts: strip(files.fonts), lazy };
}

/** (b) One cold first render on slow 3G with a slow CPU. */
async function measureSlow3g(browser) {
  const context = await newContext(browser);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: slow3g.latency, downloadThroughput: slow3g.downloadThroughput, uploadThroughput: slow3g.uploadThroughput });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: slow3g.cpuSlowdown });
  let transferred = 0;
  let rendered = false;
  cdp.on('Network.loadingFinished', (event) => {
    if (!rendered) transferred += event.encodedDataLength;
  });
  await page.goto(pageUrl, { waitUntil: 'commit', timeout });
  const render = await waitForRender(page);
  rendered = true;
  const paint = await page.evaluate(() => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    const nav = performance.getEntriesByType('navigation')[0];
    return { fcp: fcp ? fcp.startTime : null, domContentLoaded: nav ? nav.domContentLoadedEventEnd : null };
  });
  await context.close();
  return { firstRenderMs: Math.round(render.painted), inDomMs: Math.round(render.dom), fcpMs: paint.fcp === null ? null : Math.round(paint.fcp), domContentLoadedMs: paint.domContentLoaded === null ? null : Math.round(paint.domContentLoaded), transferredBytes: transferred };
}

const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
try {
  console.error(`measure-phone: ${pageUrl} until ${options.selector}`);
  const sizes = await measureSizes(browser);
  const samples = [];
  for (let i = 0; i < runs; i++) {
    samples.push(await measureSlow3g(browser));
    console.error(`measure-phone: slow 3G run ${i + 1}/${runs}: ${samples.at(-1).firstRenderMs} ms`);
  }
  const firstRender = total(sizes.js);
  const result = {
    scenario: 'phone',
    url: pageUrl,
    selector: options.selector,
    signedIn: cookies().length > 0,
    js: { firstRender: { ...firstRender, list: sizes.js }, lazy: { ...total(sizes.lazy), list: sizes.lazy } },
    css: total(sizes.css),
    fonts: total(sizes.fonts),
    budget: { jsGzipBytes: budgetGzipBytes, ok: firstRender.gzip <= budgetGzipBytes },
    slow3g: {
      conditions: slow3g,
      runs,
      firstRenderMs: median(samples.map((s) => s.firstRenderMs)),
      fcpMs: samples.every((s) => s.fcpMs !== null) ? median(samples.map((s) => s.fcpMs)) : null,
      domContentLoadedMs: samples.every((s) => s.domContentLoadedMs !== null) ? median(samples.map((s) => s.domContentLoadedMs)) : null,
      transferredBytes: median(samples.map((s) => s.transferredBytes)),
      samples: samples.map((s) => s.firstRenderMs),
    },
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
} catch (error) {
  console.error(`measure-phone: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
