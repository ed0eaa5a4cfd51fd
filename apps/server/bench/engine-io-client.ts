// Lightweight live clients for the benchmark: a raw WebSocket speaking just enough Engine.IO v4 /
// Socket.IO v5 to hold a socket, subscribe to one live view and count the deltas it receives,
// without parsing them. Thousands of them cost the load generator far less than socket.io-client.
//
// Wire, as text frames: "0{…}" open → we send "40" (Socket.IO connect) → "40{…}" connected → we
// send `420["live:subscribe",{…}]` → "430[{"data":…}]" its ack. Then `42["live:changed",…]`
// deltas. The server pings with "2", we answer "3".
import WebSocket from 'ws';
import type { LiveSubscribe } from '@xk/contract';

const OPEN = 0x30; // '0'
const PING = 0x32; // '2'
const MESSAGE = 0x34; // '4'
const SIO_CONNECT = 0x30; // '0'
const SIO_EVENT = 0x32; // '2'
const SIO_ACK = 0x33; // '3'
const subscribeAck = '430[{"data"';

export interface RawCounts {
  /** Subscriptions acknowledged with a snapshot. */
  subscribed: number;
  /** `42[…]` frames (live deltas) received, and their bytes. */
  deltas: number;
  bytes: number;
  /** Sockets that closed or failed after opening. */
  lost: number;
}

/** One socket holding one subscription. `onDelta` is called with the frame's size, nothing parsed. */
export class RawLiveClient {
  readonly ws: WebSocket;
  deltas = 0;
  private settled = false;
  private lost = false;
  readonly ready: Promise<void>;

  constructor(url: string, token: string, subscription: LiveSubscribe, onDelta: (bytes: number) => void, onLost: () => void) {
    const connect = `40${JSON.stringify({ token })}`;
    this.ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`, { perMessageDeflate: false });
    const subscribe = `420${JSON.stringify(['live:subscribe', subscription])}`;
    this.ready = new Promise((resolve, reject) => {
      const fail = (err: Error) => {
        if (this.settled) {
          if (!this.lost) onLost();
          this.lost = true;
          return;
        }
        this.settled = true;
        reject(err);
      };
      this.ws.on('error', fail);
      this.ws.on('close', () => fail(new Error('closed before subscribing')));
      this.ws.on('message', (data: Buffer, isBinary: boolean) => {
        if (isBinary || data.length === 0) return;
        const type = data[0];
        if (type === PING) return this.ws.send('3');
        if (type === OPEN) return this.ws.send(connect);
        if (type !== MESSAGE) return;
        const sio = data[1];
        if (sio === SIO_EVENT) {
          this.deltas++;
          onDelta(data.length);
        } else if (sio === SIO_CONNECT) {
          this.ws.send(subscribe);
        } else if (sio === SIO_ACK && !this.settled) {
          this.settled = true;
          if (data.toString('latin1', 0, subscribeAck.length) === subscribeAck) resolve();
          else reject(new Error(`subscription refused: ${data.toString('utf8', 0, 200)}`));
        } else if (!this.settled) {
          this.settled = true;
          reject(new Error(`unexpected frame: ${data.toString('utf8', 0, 200)}`));
        }
      });
    });
  }

  close() {
    this.settled = true;
    this.lost = true;
    this.ws.removeAllListeners('close');
    this.ws.on('error', () => {});
    this.ws.terminate();
  }
}

/**
 * Opens `count` raw clients against `url`, at most `concurrency` handshakes at a time; client `i`
 * subscribes to `subscriptions[i % subscriptions.length]`. Resolves when every one is subscribed.
 */
export async function openRawClients(url: string, token: string, count: number, subscriptions: LiveSubscribe[], concurrency = 64) {
  const counts: RawCounts = { subscribed: 0, deltas: 0, bytes: 0, lost: 0 };
  const clients: RawLiveClient[] = [];
  const onDelta = (bytes: number) => {
    counts.deltas++;
    counts.bytes += bytes;
  };
  const onLost = () => counts.lost++;
  let next = 0;
  const errors: string[] = [];
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        const i = next++;
        const client = new RawLiveClient(url, token, subscriptions[i % subscriptions.length]!, onDelta, onLost);
        clients.push(client);
        try {
          await client.ready;
          counts.subscribed++;
        } catch (err) {
          errors.push((err as Error).message);
        }
      }
    }),
  );
  return {
    clients,
    counts,
    errors,
    /** Deltas per socket since the last reset: the least and the most any one socket got. */
    spread() {
      let min = Infinity;
      let max = 0;
      for (const c of clients) {
        min = Math.min(min, c.deltas);
        max = Math.max(max, c.deltas);
      }
      return { min: clients.length ? min : 0, max };
    },
    reset() {
      counts.deltas = 0;
      counts.bytes = 0;
      for (const c of clients) c.deltas = 0;
    },
    close() {
      for (const c of clients) c.close();
    },
  };
}
