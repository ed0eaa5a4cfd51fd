// The phone's IndexedDB (`xk-phone`), with small promise wrappers and no library. IndexedDB works in
// insecure contexts too (a phone on the hall's plain-HTTP Wi-Fi), unlike the Cache API or locks.
//   outbox  keyPath `id`: queued actions (outbox.ts)
//   cache   string key → any JSON-able value (what the phone shows offline, the server clock, …)

export const DB_NAME = 'xk-phone';
const DB_VERSION = 1;
export const OUTBOX = 'outbox';
export const CACHE = 'cache';
export type StoreName = typeof OUTBOX | typeof CACHE;

let opening: Promise<IDBDatabase> | null = null;

/** The open database (one connection per page, reused). Rejects when the browser refuses IndexedDB. */
export function openPhoneDb(): Promise<IDBDatabase> {
  if (opening) return opening;
  const attempt = new Promise<IDBDatabase>((resolve, reject) => {
    if (typeof indexedDB === 'undefined') return reject(new Error('IndexedDB is not available'));
    const request = indexedDB.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(OUTBOX)) db.createObjectStore(OUTBOX, { keyPath: 'id' });
      if (!db.objectStoreNames.contains(CACHE)) db.createObjectStore(CACHE);
    };
    request.onsuccess = () => {
      const db = request.result;
      // A newer version of the app in another tab wants to upgrade: let it, reopen on next use.
      db.onversionchange = () => {
        db.close();
        opening = null;
      };
      db.onclose = () => (opening = null);
      resolve(db);
    };
    request.onerror = () => reject(request.error ?? new Error('IndexedDB open failed'));
    // onblocked: an older tab still holds the database open; the open goes on once it closes (onversionchange).
  });
  opening = attempt;
  attempt.catch(() => {
    if (opening === attempt) opening = null;
  });
  return attempt;
}

/** One request's result. Awaiting it inside `transact` keeps the transaction alive (microtasks). */
export function req<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/**
 * Runs `work` in one transaction and resolves with its value once the transaction has COMMITTED
 * (so a write is durable when this resolves). Inside `work`, await only `req(...)` of this
 * transaction: awaiting anything else lets the transaction finish early. A throw aborts it.
 */
export async function transact<T>(stores: StoreName | StoreName[], mode: IDBTransactionMode, work: (tx: IDBTransaction) => Promise<T> | T): Promise<T> {
  const db = await openPhoneDb();
  // 'strict' durability where supported: the data is on disk when complete fires (a queued tap).
  const tx = mode === 'readwrite' ? db.transaction(stores, mode, { durability: 'strict' }) : db.transaction(stores, mode);
  const done = new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new DOMException('Transaction aborted', 'AbortError'));
    tx.onerror = () => reject(tx.error ?? new Error('Transaction failed'));
  });
  let value: T;
  try {
    value = await work(tx);
  } catch (err) {
    try {
      tx.abort();
    } catch {
      // already finished
    }
    done.catch(() => {});
    throw err;
  }
  await done;
  return value;
}

export const cacheGet = <T>(key: string) => transact(CACHE, 'readonly', (tx) => req(tx.objectStore(CACHE).get(key)) as Promise<T | undefined>);

export const cacheSet = (key: string, value: unknown) => transact(CACHE, 'readwrite', async (tx) => void (await req(tx.objectStore(CACHE).put(value, key))));

export const cacheDelete = (key: string) => transact(CACHE, 'readwrite', async (tx) => void (await req(tx.objectStore(CACHE).delete(key))));
