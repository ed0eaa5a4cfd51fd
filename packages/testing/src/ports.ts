import { createServer } from 'node:net';

/** A TCP port free on 127.0.0.1 right now (for a hub process started by a test or the benchmark). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer()
      .once('error', () => resolve(false))
      .listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/**
 * `count` consecutive TCP ports free on 127.0.0.1 right now, the first returned (`pnpm cluster` uses
 * PORT…PORT+N). Taken below Linux's ephemeral range (32768–60999): the ports the system hands to
 * `listen(0)` and to outgoing connections come from that range, so a test file running alongside
 * cannot be given one of these between the check and the hub's own listen (a CI run lost a
 * `pnpm cluster` hub to exactly that).
 */
export async function freePortRange(count: number): Promise<number> {
  const low = 20_000;
  const high = 32_000 - count;
  for (let attempt = 0; attempt < 50; attempt++) {
    const first = low + Math.floor(Math.random() * (high - low));
    let free = true;
    for (let i = 0; i < count && free; i++) free = await canListen(first + i);
    if (free) return first;
  }
  throw new Error(`no ${count} consecutive free ports found between ${low} and ${high + count}`);
}
