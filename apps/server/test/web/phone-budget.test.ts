import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

/**
 * The phone route's first load stays under 80 KB of gzipped JavaScript (issue 6): what index.html
 * loads before the first render (its module script and modulepreloads) and what those import
 * statically. Lazy chunks (console, board, scanner, jsQR, Socket.IO) are not counted; `pnpm
 * bench:phone` measures the same in Chromium, with the slow-3G first render.
 */
const root = fileURLToPath(new URL('../../../../', import.meta.url));
const dist = `${root}apps/web/dist`;
const budget = 80_000;

test('the phone route’s first-load JavaScript is under 80 KB gzipped', () => {
  const build = spawnSync(process.execPath, ['scripts/ensure-web-build.mjs'], { cwd: root, encoding: 'utf8' });
  assert.is(build.status, 0, build.stdout + build.stderr);
  const html = readFileSync(`${dist}/index.html`, 'utf8');
  const queue = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  assert.ok(queue.length > 0, 'index.html loads a module script');
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
  const total = [...loaded.values()].reduce((a, b) => a + b, 0);
  console.log(`phone first-load JS: ${[...loaded].map(([p, n]) => `${p} ${n} B`).join(', ')} → ${total} B gzipped (budget ${budget})`);
  assert.ok(total < budget, `${total} B gzipped is over the ${budget} B budget`);
  assert.not.ok([...loaded.keys()].some((p) => /jsQR|live-socket|shell|board/.test(p)), `lazy chunks stay lazy: ${[...loaded.keys()].join(', ')}`);
});

test.run();
