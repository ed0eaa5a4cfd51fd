import websocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '@xk/contract';
import { sameOrigin } from '../auth/auth-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    io: Server<ClientToServerEvents, ServerToClientEvents>;
  }
}

const socketIoPath = '/socket.io/';

/**
 * Socket.IO on the Fastify server, beside @fastify/websocket (our own small plugin: the community
 * one does not support Fastify 5). Both listen to the HTTP server's 'upgrade' event, and
 * @fastify/websocket would route Socket.IO's upgrades through Fastify's router to a 404, so the
 * socket would fall back to long-polling. One dispatcher decides by path instead.
 */
export default fp(
  async (app: FastifyInstance) => {
    await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
    const fastifyUpgrade = app.server.listeners('upgrade') as Array<(...args: unknown[]) => void>;
    const io = new Server<ClientToServerEvents, ServerToClientEvents>(app.server, {
      path: socketIoPath,
      serveClient: false,
      destroyUpgrade: false,
      perMessageDeflate: false,
      // Same origin only: a page of another site may not open a socket with our cookie
      // (cross-site WebSocket hijacking); clients without an Origin (apps, servers) pass.
      cors: { origin: false },
      allowRequest: (req, callback) => callback(null, sameOrigin(req.headers.origin, req.headers.host)),
      pingInterval: 25_000,
      pingTimeout: 20_000,
    });
    app.server.removeAllListeners('upgrade');
    app.server.on('upgrade', (req, socket, head) => {
      if ((req.url ?? '').startsWith(socketIoPath)) io.engine.handleUpgrade(req, socket, head);
      else for (const listener of fastifyUpgrade) listener(req, socket, head);
    });
    app.decorate('io', io);
    app.addHook('preClose', async () => {
      io.local.disconnectSockets(true);
      io.engine.close();
    });
  },
  { name: 'socket-io' },
);
