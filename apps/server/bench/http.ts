// A lean HTTP/1.1 client for the load (node:http with keep-alive): fetch costs the driver several
// times more CPU per request, and the driver shares the machine with the hub.
import http from 'node:http';

export interface Reply {
  status: number;
  body: string;
}

/** `token`: a session secret sent as `Authorization: Bearer` (no CSRF header needed). */
export function createHttp(base: string, token: string, maxSockets = 128) {
  const url = new URL(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  function request(method: string, path: string, body?: string): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method,
          path,
          headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }
  return {
    post: (path: string, body: string) => request('POST', path, body),
    get: (path: string) => request('GET', path),
    /** POST that must answer `expect` (201 by default); returns the parsed JSON. */
    async create<T = { id: number }>(path: string, value: unknown, expect = 201): Promise<T> {
      const r = await request('POST', path, JSON.stringify(value));
      if (r.status !== expect) throw new Error(`POST ${path} answered ${r.status}: ${r.body.slice(0, 500)}`);
      return JSON.parse(r.body) as T;
    },
    async json<T>(path: string): Promise<T> {
      const r = await request('GET', path);
      if (r.status !== 200) throw new Error(`GET ${path} answered ${r.status}: ${r.body.slice(0, 500)}`);
      return JSON.parse(r.body) as T;
    },
    close: () => agent.destroy(),
  };
}
export type Http = ReturnType<typeof createHttp>;
