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
