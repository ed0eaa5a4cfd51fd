import * as assert from 'uvu/assert';

/** Asserts that `promise` rejects, and that the error passes `check` when given. */
export async function rejects(promise: Promise<unknown>, check?: (err: unknown) => boolean): Promise<void> {
  let settled = false;
  try {
    await promise;
    settled = true;
  } catch (err) {
    if (check && !check(err)) assert.unreachable(`rejected with an unexpected error: ${String(err)}`);
  }
  if (settled) assert.unreachable('expected a rejection, but the promise resolved');
}
