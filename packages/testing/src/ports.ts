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

/** `count` consecutive TCP ports free on 127.0.0.1 right now, the first returned (`pnpm cluster` uses PORT…PORT+N). */
export async function freePortRange(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const first = await freePort();
    if (first + count - 1 > 65535) continue;
    let free = true;
    for (let i = 1; i < count && free; i++) free = await canListen(first + i);
    if (free) return first;
  }
  throw new Error(`no ${count} consecutive free ports found`);
}
