// Test-only entry: apps/server/test/web/phone-outbox.test.ts bundles it with the web app's Vite and
// serves it to Chromium on the hub's origin, to drive the phone's outbox without any screen.
import { readOutbox } from '../../src/phone/outbox';
import { cacheGet } from '../../src/phone/phone-db';
import { serverOffsetMs } from '../../src/phone/server-clock';
import { createPhoneSync, type PhoneSync, type PhoneSyncOptions, type SyncStatus } from '../../src/phone/sync';

export interface Harness {
  sync: PhoneSync;
  /** The status as plain JSON. */
  status(): SyncStatus;
  readOutbox: typeof readOutbox;
  cacheGet: typeof cacheGet;
  serverOffsetMs: typeof serverOffsetMs;
}

/** Starts a sync on this page (window.xk) and waits for its first read of IndexedDB. */
export async function start(options: PhoneSyncOptions): Promise<void> {
  const sync = createPhoneSync(options);
  const harness: Harness = { sync, status: () => JSON.parse(JSON.stringify(sync.status())) as SyncStatus, readOutbox, cacheGet, serverOffsetMs };
  (window as unknown as { xk: Harness }).xk = harness;
  await sync.ready;
}
