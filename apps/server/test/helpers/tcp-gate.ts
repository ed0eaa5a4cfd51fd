import net from 'node:net';

/**
 * A TCP forwarder in front of a hub that a test opens and shuts: shut, it drops every connection
 * (HTTP, WebSocket, long-polling) and refuses new ones, as a phone losing its signal sees it.
 * Playwright's offline mode leaves open WebSockets alone, so it cannot stand in for this.
 */
export async function startTcpGate(target: { host: string; port: number }) {
  let open = true;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    if (!open) return client.destroy();
    const upstream = net.connect(target.port, target.host);
    sockets.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    /** Drops every connection and refuses new ones. */
    shut() {
      open = false;
      for (const s of sockets) s.destroy();
      sockets.clear();
    },
    reopen() {
      open = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        open = false;
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
