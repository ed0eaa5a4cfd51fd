// The hub under test, started as a user would start it (`node --import tsx src/server.ts`) but with
// an IPC channel: it answers `{type:'stats'|'reset'}` with its own event-loop delay, memory and
// sockets (src/process-stats.ts). Its CPU time is read from /proc.
import { type ChildProcess, fork } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { freePort } from '@xk/testing';
import { fileURLToPath } from 'node:url';

export const serverEntry = fileURLToPath(new URL('../src/server.ts', import.meta.url));
const gcHook = fileURLToPath(new URL('./hub-gc.ts', import.meta.url));

export interface HubStats {
  loopP99Ms: number;
  loopMaxMs: number;
  rssBytes: number;
  heapUsedBytes: number;
  sockets: number;
  groupCommit: { rounds: number; queued: number };
}

/** CPU seconds (user + system) a process has used, from /proc; 0 where there is no /proc. */
export function cpuSecondsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return 0;
  }
}

/**
 * CPU seconds used so far by every process named `name` (the PostgreSQL server's), from /proc:
 * each one's own time plus that of its children it has reaped, so backends that exited in between
 * are still counted (in the postmaster's).
 */
export function cpuSecondsOfProcesses(name: string): number {
  let total = 0;
  try {
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== name) continue;
        const f = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
        total += (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / 100; // utime stime cutime cstime
      } catch {}
    }
  } catch {}
  return total;
}

/** CPU seconds the whole machine spent busy (all cores, from /proc/stat); 0 where there is no /proc. */
export function machineBusySeconds(): number {
  try {
    const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
    const t = ticks.map(Number);
    return (t.slice(0, 8).reduce((a, b) => a + b, 0) - t[3]! - t[4]!) / 100; // all but idle and iowait
  } catch {
    return 0;
  }
}

export interface Hub {
  url: string;
  child: ChildProcess;
  output(): string;
  /** The hub's figures; `reset` also restarts its event-loop delay histogram; `gc` collects garbage first. */
  stats(mode?: 'reset' | 'gc'): Promise<HubStats>;
  cpuSeconds(): number;
  stop(): Promise<void>;
}

/** Starts the hub on a free port; `env` is added to the driver's own (undefined values removed). */
export async function startHub(env: Record<string, string | undefined>, execArgv: string[] = []): Promise<Hub> {
  const port = await freePort();
  const merged: Record<string, string | undefined> = { ...process.env, PORT: String(port), HOST: '127.0.0.1', XK_STATS_IPC: '1', LOG_LEVEL: 'warn', XK_SIMULATOR: '0', ...env };
  for (const k of Object.keys(merged)) if (merged[k] === undefined) delete merged[k];
  const child = fork(serverEntry, [], { execArgv: ['--expose-gc', '--import', 'tsx', '--import', gcHook, ...execArgv], env: merged, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  let out = '';
  child.stdout!.on('data', (d) => (out = (out + d).slice(-20_000)));
  child.stderr!.on('data', (d) => (out = (out + d).slice(-20_000)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

  const pending = new Map<number, (s: HubStats) => void>();
  let nextId = 0;
  const ready = new Promise<void>((resolve, reject) => {
    child.on('message', (msg: { type?: string; id?: number; stats?: HubStats }) => {
      if (msg?.type === 'ready-for-stats') resolve();
      if ((msg?.type === 'stats' || msg?.type === 'gc') && msg.id !== undefined) {
        pending.get(msg.id)?.(msg.stats!);
        pending.delete(msg.id);
      }
    });
    void exited.then((code) => reject(new Error(`hub exited with ${code} before it was ready:\n${out}`)));
    setTimeout(() => reject(new Error(`hub not ready within 60 s:\n${out}`)), 60_000).unref();
  });
  await ready;
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => out,
    async stats(mode) {
      const ask = (type: string) =>
        new Promise<HubStats>((resolve, reject) => {
          const id = nextId++;
          pending.set(id, resolve);
          child.send({ type, id }, (err) => err && reject(err));
          setTimeout(() => reject(new Error(`hub did not answer ${type} within 30 s`)), 30_000).unref();
        });
      if (mode === 'gc') await ask('gc');
      return ask(mode === 'reset' ? 'reset' : 'stats');
    },
    cpuSeconds: () => cpuSecondsOf(child.pid!),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
