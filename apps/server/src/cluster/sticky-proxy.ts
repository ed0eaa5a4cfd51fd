import http, { type IncomingMessage } from 'node:http';
import net from 'node:net';

export interface Upstream {
  host: string;
  port: number;
}

export interface StickyProxyOptions {
  port: number;
  host?: string;
  upstreams: Upstream[];
  /** The cookie that pins a browser to its hub. */
  cookieName?: string;
}

const sidPattern = /[?&]sid=([^&]+)/;

/**
 * A small load balancer for hubs on one machine — what `docker-compose.yml` does with HAProxy, for
 * running the same topology natively: HTTP and WebSocket upgrades to a hub chosen round-robin, then
 * sticky. Socket.IO's long-polling fallback needs every request of a session on the hub that
 * created it, so a session is pinned by a cookie (browsers) and by its Engine.IO `sid`, learnt from
 * the handshake (clients that keep no cookies). A hub that refuses connections is skipped for 2 s.
 */
export function startStickyProxy(options: StickyProxyOptions) {
  const { upstreams } = options;
  const cookieName = options.cookieName ?? 'xk_node';
  const downUntil = new Array<number>(upstreams.length).fill(0);
  const sessions = new Map<string, { node: number; at: number }>();
  let next = 0;
  const tunnels = new Set<net.Socket>();

  function pick(exclude?: number): number | null {
    for (let i = 0; i < upstreams.length; i++) {
      const node = (next + i) % upstreams.length;
      if (node !== exclude && downUntil[node]! <= Date.now()) {
        next = node + 1;
        return node;
      }
    }
    return null;
  }

  /** The hub a request belongs to: its Engine.IO session's, else its cookie's; null when free to choose. */
  function pinned(req: IncomingMessage): number | null {
    const sid = sidPattern.exec(req.url ?? '')?.[1];
    const session = sid ? sessions.get(sid) : undefined;
    if (session) return session.node;
    const cookie = new RegExp(`(?:^|;\\s*)${cookieName}=(\\d+)`).exec(req.headers.cookie ?? '')?.[1];
    const node = cookie === undefined ? NaN : Number(cookie);
    return Number.isInteger(node) && node >= 0 && node < upstreams.length && downUntil[node]! <= Date.now() ? node : null;
  }

  function forwardedHeaders(req: IncomingMessage) {
    const address = req.socket.remoteAddress ?? '';
    return { ...req.headers, 'x-forwarded-for': req.headers['x-forwarded-for'] ? `${req.headers['x-forwarded-for']}, ${address}` : address };
  }

  const server = http.createServer((req, res) => {
    const stuck = pinned(req);
    const attempt = (node: number | null, retried: boolean) => {
      if (node === null) {
        res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' }).end('no hub is reachable');
        return;
      }
      const upstream = upstreams[node]!;
      const proxied = http.request({ host: upstream.host, port: upstream.port, method: req.method, path: req.url, headers: forwardedHeaders(req) }, (up) => {
        // A hub that dies mid-response must not take the proxy down with an unhandled 'error'.
        up.on('error', () => res.destroy());
        const headers = { ...up.headers };
        if (stuck === null) headers['set-cookie'] = [...(up.headers['set-cookie'] ?? []), `${cookieName}=${node}; Path=/; HttpOnly; SameSite=Lax`];
        const isHandshake = (req.url ?? '').startsWith('/socket.io/') && !sidPattern.test(req.url ?? '');
        if (!isHandshake) {
          res.writeHead(up.statusCode ?? 502, headers);
          up.pipe(res);
          return;
        }
        // An Engine.IO handshake (`0{"sid":"…"}`): small; read it to pin its session.
        const chunks: Buffer[] = [];
        up.on('data', (c: Buffer) => chunks.push(c));
        up.on('end', () => {
          const body = Buffer.concat(chunks);
          const sid = /"sid":"([^"]+)"/.exec(body.toString('utf8'))?.[1];
          if (sid) sessions.set(sid, { node, at: Date.now() });
          res.writeHead(up.statusCode ?? 502, headers).end(body);
        });
      });
      proxied.on('error', (err: NodeJS.ErrnoException) => {
        // Refused before anything was sent: try another hub once (a request body may only go once).
        if (err.code === 'ECONNREFUSED') downUntil[node] = Date.now() + 2000;
        if (err.code === 'ECONNREFUSED' && !retried && (req.method === 'GET' || req.method === 'HEAD')) return attempt(pick(node), true);
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' }).end(`hub ${node + 1} failed: ${err.code ?? err.message}`);
        else res.destroy();
      });
      req.on('error', () => proxied.destroy());
      req.pipe(proxied);
    };
    attempt(stuck ?? pick(), false);
  });

  server.on('upgrade', (req: IncomingMessage, client: net.Socket, head: Buffer) => {
    const node = pinned(req) ?? pick();
    if (node === null) return client.destroy();
    const upstream = upstreams[node]!;
    const socket = net.connect(upstream.port, upstream.host, () => {
      tunnels.add(client).add(socket);
      client.once('close', () => tunnels.delete(client));
      socket.once('close', () => tunnels.delete(socket));
      const headers = forwardedHeaders(req);
      const lines = [`${req.method} ${req.url} HTTP/1.1`];
      for (const [name, value] of Object.entries(headers)) for (const v of [value].flat()) if (v !== undefined) lines.push(`${name}: ${v}`);
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length) socket.write(head);
      socket.pipe(client).pipe(socket);
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ECONNREFUSED') downUntil[node] = Date.now() + 2000;
      client.destroy();
    });
    client.on('error', () => socket.destroy());
  });

  // Sessions live as long as long-polling does before the upgrade; an hour is plenty.
  const prune = setInterval(() => {
    for (const [sid, s] of sessions) if (Date.now() - s.at > 3_600_000) sessions.delete(sid);
  }, 60_000);
  prune.unref();

  const listening = new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => resolve());
  });
  return {
    server,
    listening,
    address: () => server.address() as net.AddressInfo,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(prune);
        server.closeAllConnections();
        for (const s of tunnels) s.destroy();
        server.close(() => resolve());
      }),
  };
}
