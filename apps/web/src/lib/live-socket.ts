// Every Socket.IO call the web app makes goes through here, as every HTTP call goes through api.ts.
import type { Ack, ClientToServerEvents, LiveSnapshot, LiveSubscribe, ServerToClientEvents } from '@xk/contract';
import { io, type Socket } from 'socket.io-client';

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** How long a subscription may wait for its snapshot before it is asked again. */
const SUBSCRIBE_TIMEOUT_MS = 10_000;
/** A socket the server closed itself is not reopened by Socket.IO: we reopen it after this (plus jitter). */
const SERVER_CLOSE_RETRY_MS = 1000;

/**
 * A socket to the hub that served the page (same origin), WebSocket first and long-polling where a
 * proxy blocks WebSockets. It keeps itself connected: Socket.IO reconnects after a lost connection
 * on its own, and this also reopens it after the server closed it (a restart, a kick) or refused it.
 * Listen to 'connect' to (re)subscribe: the rooms of a socket do not outlive its connection.
 */
export function openLiveSocket(): { socket: LiveSocket; close: () => void } {
  const socket: LiveSocket = io({
    path: '/socket.io/',
    transports: ['websocket', 'polling'],
    // Without it a failed WebSocket is retried as a WebSocket and polling is never tried.
    tryAllTransports: true,
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
  });
  let retry: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  const reopenLater = () => {
    clearTimeout(retry);
    retry = setTimeout(() => {
      if (!closed && !socket.connected) socket.connect();
    }, SERVER_CLOSE_RETRY_MS * (1 + Math.random()));
  };
  socket.on('disconnect', (reason) => {
    if (reason === 'io server disconnect') reopenLater();
  });
  socket.on('connect_error', () => {
    if (!socket.active) reopenLater();
  });
  return {
    socket,
    close() {
      closed = true;
      clearTimeout(retry);
      socket.close();
    },
  };
}

/** Joins a live room: its snapshot, or why not. Rejects when no answer comes in time. */
export function subscribeLive(socket: LiveSocket, request: LiveSubscribe): Promise<Ack<LiveSnapshot>> {
  return socket.timeout(SUBSCRIBE_TIMEOUT_MS).emitWithAck('live:subscribe', request);
}

/** Leaves a live room; dropped when disconnected, since a new connection starts in no room. */
export function unsubscribeLive(socket: LiveSocket, room: string): void {
  socket.volatile.emit('live:unsubscribe', { room });
}
