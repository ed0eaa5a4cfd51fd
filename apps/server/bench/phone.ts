// pnpm bench:phone — the phone route's weight and its first render on a slow 3G link, measured on a
// hub started as a newcomer would (the built web app, the demo, PGlite in a temp folder): the demo
// volunteer's printed link is redeemed for a session, then scripts/measure-phone.mjs measures the
// phone screen signed in, the sign-in form signed out, and an invite's join form (a volunteer's
// very first visit: the admin's printed link makes the invite). One JSON line each on stdout.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@xk/testing';
import { redeemPrintedLink, startHub, waitFor } from '../test/helpers/processes';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const build = spawnSync(process.execPath, ['scripts/ensure-web-build.mjs'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const dataDir = mkdtempSync(join(tmpdir(), 'xk-bench-phone-'));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const hub = startHub({ PORT: String(port), HOST: '127.0.0.1', XK_DATA_DIR: dataDir, DATABASE_URL: undefined, REDIS_URL: undefined, LOG_LEVEL: 'info', XK_PUBLIC_URL: base }, ['--demo', '--no-simulator']);
let failed = false;
try {
  await waitFor(`${base}/healthz`, 120_000, hub);
  const { secret } = await redeemPrintedLink(base, hub, 'volunteer');
  const measure = (label: string, args: string[], env: Record<string, string> = {}) => {
    console.error(`measuring: ${label}`);
    const run = spawnSync(process.execPath, ['scripts/measure-phone.mjs', base, ...args], { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    if (run.status !== 0) failed = true;
    for (const line of run.stdout.trim().split('\n').filter(Boolean)) console.log(JSON.stringify({ ...JSON.parse(line), scenario: `phone:${label}` }));
  };
  measure('volunteer', ['--selector', '[data-testid="phone-screen"]', '--runs', process.env.XK_BENCH_PHONE_RUNS ?? '5'], { XK_COOKIE: `xk_session=${secret}` });
  measure('signed-out', ['--selector', '[data-testid="sign-in-form"], [data-testid="pin-sign-in-form"]', '--runs', process.env.XK_BENCH_PHONE_RUNS ?? '5']);
  const admin = await redeemPrintedLink(base, hub, 'admin');
  const get = async <T>(path: string): Promise<T> => (await (await fetch(`${base}${path}`, { headers: admin.headers })).json()) as T;
  const [campaign] = await get<Array<{ id: number }>>('/api/v1/campaigns');
  const [station] = await get<Array<{ id: number }>>(`/api/v1/campaigns/${campaign!.id}/stations`);
  const invite = await fetch(`${base}/api/v1/campaigns/${campaign!.id}/invites`, {
    method: 'POST',
    headers: { ...admin.headers, 'content-type': 'application/json' },
    body: JSON.stringify({ stationId: station!.id, maxUses: 1000, expiresAt: new Date(Date.now() + 86_400_000).toISOString() }),
  });
  if (invite.status !== 201 && invite.status !== 200) throw new Error(`creating an invite failed: ${invite.status} ${await invite.text()}`);
  const { secret: inviteSecret } = (await invite.json()) as { secret: string };
  measure('invite', ['--path', `/phone/#/join/${inviteSecret}`, '--selector', '[data-testid="join-form"]', '--runs', process.env.XK_BENCH_PHONE_RUNS ?? '5']);
} finally {
  hub.child.kill('SIGTERM');
  await hub.exited;
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
