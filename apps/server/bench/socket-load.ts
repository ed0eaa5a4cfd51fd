// The raw sockets of the benchmark live in child processes of the driver, so that counting tens of
// thousands of frames a second never delays the driver's paced writes or its probes' timestamps.
// This file is both the child (run by fork, when XK_SOCKET_LOAD_CHILD=1) and the parent's handle.
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { LiveSubscribe } from '@xk/contract';
import { openRawClients } from './engine-io-client';

type Command =
  | { cmd: 'open'; url: string; token: string; count: number; subscriptions: LiveSubscribe[]; concurrency: number }
  | { cmd: 'reset' }
  | { cmd: 'stats' }
  | { cmd: 'close' };

export interface LoadStats {
  sockets: number;
  subscribed: number;
  deltas: number;
  bytes: number;
  lost: number;
  /** The fewest and most deltas any one socket received since the last reset. */
  minPerSocket: number;
  maxPerSocket: number;
  /** The load generators' own event-loop delay p99 (ms) and CPU time (s) since the last reset. */
  loopP99Ms: number;
  cpuSeconds: number;
  errors: string[];
}

async function child() {
  let pool: Awaited<ReturnType<typeof openRawClients>> | null = null;
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  let cpu = process.cpuUsage();
  const stats = (): LoadStats => {
    const spread = pool?.spread() ?? { min: 0, max: 0 };
    const used = process.cpuUsage(cpu);
    return {
      sockets: pool?.clients.length ?? 0,
      subscribed: pool?.counts.subscribed ?? 0,
      deltas: pool?.counts.deltas ?? 0,
      bytes: pool?.counts.bytes ?? 0,
      lost: pool?.counts.lost ?? 0,
      minPerSocket: spread.min,
      maxPerSocket: spread.max,
      loopP99Ms: loop.percentile(99) / 1e6,
      cpuSeconds: (used.user + used.system) / 1e6,
      errors: pool?.errors.slice(0, 5) ?? [],
    };
  };
  process.on('message', async (msg: Command & { id: number }) => {
    let result: unknown;
    if (msg.cmd === 'open') {
      pool = await openRawClients(msg.url, msg.token, msg.count, msg.subscriptions, msg.concurrency);
      result = stats();
    } else if (msg.cmd === 'reset') {
      pool?.reset();
      loop.reset();
      cpu = process.cpuUsage();
      result = stats();
    } else if (msg.cmd === 'stats') {
      result = stats();
    } else if (msg.cmd === 'close') {
      pool?.close();
      result = stats();
      pool = null;
    }
    process.send!({ id: msg.id, result });
  });
  process.on('disconnect', () => process.exit(0));
}

/** Handle on `workers` child processes holding raw sockets, the sockets split evenly among them. */
export async function startSocketLoad(workers: number) {
  const children: ChildProcess[] = [];
  const pending = new Map<number, (result: LoadStats) => void>();
  let nextId = 0;
  for (let i = 0; i < workers; i++) {
    const c = fork(fileURLToPath(import.meta.url), [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, XK_SOCKET_LOAD_CHILD: '1' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    c.on('message', (msg: { id: number; result: LoadStats }) => {
      pending.get(msg.id)?.(msg.result);
      pending.delete(msg.id);
    });
    children.push(c);
  }
  const ask = (c: ChildProcess, command: Command) =>
    new Promise<LoadStats>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, resolve);
      c.send({ ...command, id }, (err) => err && reject(err));
    });
  const sum = (all: LoadStats[]): LoadStats => ({
    sockets: all.reduce((n, s) => n + s.sockets, 0),
    subscribed: all.reduce((n, s) => n + s.subscribed, 0),
    deltas: all.reduce((n, s) => n + s.deltas, 0),
    bytes: all.reduce((n, s) => n + s.bytes, 0),
    lost: all.reduce((n, s) => n + s.lost, 0),
    minPerSocket: Math.min(...all.map((s) => s.minPerSocket)),
    maxPerSocket: Math.max(...all.map((s) => s.maxPerSocket)),
    loopP99Ms: Math.max(...all.map((s) => s.loopP99Ms)),
    cpuSeconds: all.reduce((n, s) => n + s.cpuSeconds, 0),
    errors: all.flatMap((s) => s.errors).slice(0, 5),
  });
  const all = async (command: Command) => sum(await Promise.all(children.map((c) => ask(c, command))));
  return {
    workers,
    /** Opens `count` sockets in all, socket i subscribing to `subscriptions[i % length]`. */
    async open(url: string, token: string, count: number, subscriptions: LiveSubscribe[], concurrency = 64) {
      const per = Math.ceil(count / workers);
      const results = await Promise.all(
        children.map((c, w) => {
          const n = Math.max(0, Math.min(per, count - w * per));
          // Worker w's socket j is overall socket w*per + j: keep the room assignment of the whole.
          const shifted = subscriptions.map((_, k) => subscriptions[(w * per + k) % subscriptions.length]!);
          return ask(c, { cmd: 'open', url, token, count: n, subscriptions: shifted, concurrency: Math.ceil(concurrency / workers) });
        }),
      );
      return sum(results);
    },
    reset: () => all({ cmd: 'reset' }),
    stats: () => all({ cmd: 'stats' }),
    closeSockets: () => all({ cmd: 'close' }),
    async stop() {
      for (const c of children) c.disconnect();
      await Promise.all(children.map((c) => (c.exitCode !== null ? null : new Promise((r) => c.once('exit', r)))));
    },
  };
}
export type SocketLoad = Awaited<ReturnType<typeof startSocketLoad>>;

if (process.env.XK_SOCKET_LOAD_CHILD === '1' && process.argv[1] === fileURLToPath(import.meta.url)) void child();
