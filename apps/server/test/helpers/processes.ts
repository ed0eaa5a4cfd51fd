import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export { freePort, freePortRange } from '@xk/testing';

export const serverEntry = fileURLToPath(new URL('../../src/server.ts', import.meta.url));

export interface HubProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts the hub as a user would (`node --import tsx src/server.ts`), with the environment given. */
export function startHub(env: Record<string, string | undefined>, args: string[] = []): HubProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', serverEntry, ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

/** Polls `url` until it answers 200, or fails after `ms`. */
export async function waitFor(url: string, ms = 60_000, hub?: HubProcess): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (hub && hub.child.exitCode !== null) throw new Error(`hub exited with ${hub.child.exitCode}: ${hub.output()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${ms} ms${hub ? `: ${hub.output()}` : ''}`);
}

/** A signed-in admin of a hub process, as a bearer secret (no CSRF needed). */
export interface ProcessAdmin {
  secret: string;
  headers: { authorization: string };
  /** To sign in again (on a restarted hub). */
  login: string;
  password: string;
}

const sessionFrom = (res: Response) => /xk_session=([^;]+)/.exec(res.headers.getSetCookie().join('\n'))?.[1];

/** Signs in on a hub process with a password. */
export async function signInProcess(base: string, login: string, password: string): Promise<ProcessAdmin> {
  const res = await fetch(`${base}/api/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password }) });
  const secret = sessionFrom(res);
  if (res.status !== 200 || !secret) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return { secret, headers: { authorization: `Bearer ${secret}` }, login, password };
}

/** Redeems the newest one-time sign-in link a hub printed for `role` (the demo prints one per role). */
export async function redeemPrintedLink(base: string, hub: Pick<HubProcess, 'output'>, role: string): Promise<{ secret: string; headers: { authorization: string } }> {
  const pattern = new RegExp(`^\\s*${role}\\b.*\\n\\s*\\S*#/link/([A-Za-z0-9_-]+)`, 'gm');
  const deadline = Date.now() + 30_000;
  let link: string | undefined;
  while (!link && Date.now() < deadline) {
    link = [...hub.output().matchAll(pattern)].at(-1)?.[1];
    if (!link) await new Promise((r) => setTimeout(r, 100));
  }
  if (!link) throw new Error(`the hub printed no ${role} link: ${hub.output()}`);
  const res = await fetch(`${base}/api/v1/auth/links/redeem`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ secret: link }) });
  const secret = sessionFrom(res);
  if (res.status !== 200 || !secret) throw new Error(`redeeming the ${role} link failed: ${res.status} ${await res.text()}`);
  return { secret, headers: { authorization: `Bearer ${secret}` } };
}

let adminCounter = 0;

/**
 * Creates the first admin of a hub process through the set-up link it printed, as a newcomer would.
 */
export async function setUpAdmin(base: string, hub: Pick<HubProcess, 'output'>): Promise<ProcessAdmin> {
  const deadline = Date.now() + 30_000;
  let secret: string | undefined;
  while (!secret && Date.now() < deadline) {
    secret = [...hub.output().matchAll(/#\/setup\/([A-Za-z0-9_-]+)/g)].at(-1)?.[1];
    if (!secret) await new Promise((r) => setTimeout(r, 100));
  }
  if (!secret) throw new Error(`the hub printed no set-up link: ${hub.output()}`);
  const phone = `09${String(process.pid * 31 + Date.now() + ++adminCounter).slice(-8)}`;
  const password = 'mật khẩu thử nghiệm 1';
  const res = await fetch(`${base}/api/v1/auth/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ secret, name: 'Quản trị thử', phone, password }),
  });
  const session = sessionFrom(res);
  if (res.status !== 200 || !session) throw new Error(`set-up failed: ${res.status} ${await res.text()}`);
  return { secret: session, headers: { authorization: `Bearer ${session}` }, login: phone, password };
}
