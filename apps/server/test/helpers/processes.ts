import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export { freePort } from '@xk/testing';

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
