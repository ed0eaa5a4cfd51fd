import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

/**
 * The phone route's first load stays under 80 KB of gzipped JavaScript (issue 6), for each screen
 * it can open on: what index.html loads before the first render (its module script and what that
 * imports statically) plus the files its early script preloads for that screen (the volunteer's day,
 * the sign-in form, an invite's join form: build/screen-preload.ts). Lazy chunks (console, board,
 * scanner, jsQR, Socket.IO, English) are not counted; `pnpm bench:phone` measures the same in
 * Chromium, with the slow-3G first render.
 */
const root = fileURLToPath(new URL('../../../../', import.meta.url));
const dist = `${root}apps/web/dist`;
const budget = 80_000;

/** The files from `start` on, with what they import statically, each with its gzipped size. */
function withStaticImports(start: readonly string[]): Map<string, number> {
  const queue = [...start];
  const loaded = new Map<string, number>();
  while (queue.length) {
    const path = queue.shift()!;
    if (loaded.has(path)) continue;
    const code = readFileSync(`${dist}${path}`);
    loaded.set(path, gzipSync(code, { level: 9 }).length);
    // Static imports only (`import … from "./x.js"`, `import "./x.js"`); `import("./x.js")` is lazy.
    for (const m of code.toString('utf8').matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["'](\.\/[^"']+\.js)["']/g)) {
      queue.push(`/assets/${m[1]!.slice(2)}`);
    }
  }
  return loaded;
}

test('the phone route’s first-load JavaScript is under 80 KB gzipped, for each first screen', () => {
  const build = spawnSync(process.execPath, ['scripts/ensure-web-build.mjs'], { cwd: root, encoding: 'utf8' });
  assert.is(build.status, 0, build.stdout + build.stderr);
  const html = readFileSync(`${dist}/index.html`, 'utf8');
  const entry = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  assert.ok(entry.length > 0, 'index.html loads a module script');
  const screens = JSON.parse(/var screens = (\{.*\});/.exec(html)?.[1] ?? 'null') as Record<string, string[]> | null;
  assert.ok(screens, 'the build filled in the screens index.html preloads');
  assert.equal(Object.keys(screens).sort(), ['join', 'phone', 'signIn']);
  for (const [screen, files] of Object.entries(screens)) {
    assert.ok(files.length > 0, `${screen}: its own files`);
    const loaded = withStaticImports([...entry, ...files]);
    const total = [...loaded.values()].reduce((a, b) => a + b, 0);
    console.log(`phone first-load JS, ${screen}: ${[...loaded].map(([p, n]) => `${p} ${n} B`).join(', ')} → ${total} B gzipped (budget ${budget})`);
    assert.ok(total < budget, `${screen}: ${total} B gzipped is over the ${budget} B budget`);
    assert.not.ok([...loaded.keys()].some((p) => /jsQR|live-socket|shell|board|i18n-en/.test(p)), `${screen}: lazy chunks stay lazy: ${[...loaded.keys()].join(', ')}`);
  }
  const core = [...withStaticImports(entry).keys()];
  assert.not.ok(core.some((p) => /phone-screen|sign-in|join/.test(p)), `the core loads no screen of its own: ${core.join(', ')}`);
});

test.run();
