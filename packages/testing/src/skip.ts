/**
 * A test that needs a part this machine lacks (PostgreSQL, Redis, Chromium) prints `SKIP` and why.
 * Under `XK_REQUIRE_ALL=1` (CI) a skip is a failure: nothing may quietly go untested there.
 */
export function skipOrFail(what: string, reason: string): void {
  const line = `SKIP ${what}: ${reason}`;
  if (process.env.XK_REQUIRE_ALL === '1') {
    console.error(`${line}\nXK_REQUIRE_ALL=1 forbids skipping: start the missing service or unset XK_REQUIRE_ALL.`);
    process.exit(1);
  }
  console.log(line);
}
