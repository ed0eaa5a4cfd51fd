#!/usr/bin/env node
// The test command: type-check, then run every `*.test.ts(x)` file under apps/ and packages/ in its
// own Node process with a time limit (uvu has none), and fail a run that executed no test.
// Usage: pnpm test [substring…]   (only files whose path contains one of the substrings)
// Env: XK_TEST_TIMEOUT (seconds per file, default 240), XK_TEST_JOBS (parallel files, default 2),
//      XK_REQUIRE_ALL=1 (a SKIP fails), XK_SKIP_TYPECHECK=1.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const timeoutMs = Number(process.env.XK_TEST_TIMEOUT ?? 240) * 1000;
const jobs = Math.max(1, Number(process.env.XK_TEST_JOBS ?? 2));
const filters = process.argv.slice(2);

if (process.env.XK_SKIP_TYPECHECK !== '1') {
  process.stdout.write('tsc --noEmit … ');
  const tsc = spawnSync(join(root, 'node_modules/.bin/tsc'), ['--noEmit', '-p', 'tsconfig.json'], { cwd: root, encoding: 'utf8' });
  if (tsc.status !== 0) {
    console.log('FAILED\n' + tsc.stdout + tsc.stderr);
    process.exit(1);
  }
  console.log('ok');
}

function findTests(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...findTests(path));
    else if (/\.test\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

const files = ['apps', 'packages']
  .flatMap((top) => readdirSync(join(root, top)).map((p) => join(root, top, p, 'test')))
  .filter((dir) => { try { return statSync(dir).isDirectory(); } catch { return false; } })
  .flatMap(findTests)
  .map((f) => relative(root, f))
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)))
  .sort();

function runFile(file) {
  return new Promise((resolve) => {
    const started = Date.now();
    // Solid code tested in Node must load its browser build.
    const conditions = file.startsWith('apps/web/') ? ['--conditions=browser'] : [];
    const child = spawn(process.execPath, [...conditions, '--import', 'tsx', file], {
      cwd: root,
      env: { ...process.env, FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try { process.kill(-child.pid, 'SIGKILL'); } catch {}
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      // uvu prints one summary per process; sum them in case a file runs several.
      const sum = (label) => [...output.matchAll(new RegExp(`^\\s*${label}:\\s+(\\d+)`, 'gm'))].reduce((n, m) => n + Number(m[1]), 0);
      const total = sum('Total'), passed = sum('Passed'), skipped = sum('Skipped');
      const skips = output.split('\n').filter((l) => l.startsWith('SKIP '));
      resolve({ file, code, timedOut, output, total, passed, skipped, skips, seconds: (Date.now() - started) / 1000 });
    });
  });
}

const results = [];
const queue = [...files];
await Promise.all(Array.from({ length: jobs }, async () => {
  for (let file; (file = queue.shift()); ) {
    const r = await runFile(file);
    results.push(r);
    const ok = r.code === 0 && !r.timedOut && r.total > 0 && r.passed === r.total;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${file}  (${r.passed}/${r.total} in ${r.seconds.toFixed(1)}s)${r.skips.length ? `  ${r.skips.length} SKIP` : ''}`);
    for (const s of r.skips) console.log(`     ${s}`);
    if (!ok) {
      console.log(r.output.split('\n').map((l) => '     | ' + l).join('\n'));
      if (r.timedOut) console.log(`     killed after ${timeoutMs / 1000}s (XK_TEST_TIMEOUT)`);
      else if (r.total === 0) console.log('     ran no test');
    }
  }
}));

const passed = results.reduce((n, r) => n + r.passed, 0);
const failedTests = results.reduce((n, r) => n + (r.total - r.passed), 0);
const badFiles = results.filter((r) => r.code !== 0 || r.timedOut || r.total === 0 || r.passed !== r.total);
const skipLines = results.reduce((n, r) => n + r.skips.length, 0);
const requireAll = process.env.XK_REQUIRE_ALL === '1';
console.log(`\n${files.length} test files; ${badFiles.length} failed${skipLines ? `; ${skipLines} SKIP lines${requireAll ? ' (forbidden by XK_REQUIRE_ALL=1)' : ''}` : ''}`);
console.log(`${passed} passed, ${failedTests + badFiles.filter((r) => r.passed === r.total).length} failed`);
if (results.every((r) => r.total === 0)) console.log('No test ran: that is a failure.');
process.exit(badFiles.length === 0 && passed > 0 && !(requireAll && skipLines > 0) ? 0 : 1);
