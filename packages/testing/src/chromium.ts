import { existsSync } from 'node:fs';
import { skipOrFail } from './skip';

export const chromiumPath = process.env.XK_CHROMIUM ?? '/usr/bin/chromium';
/** Flags for a headless run on a machine with no network but loopback. */
export const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Whether a system Chromium is installed (never downloaded); prints SKIP otherwise. */
export function isChromiumAvailable(what = 'browser tests'): boolean {
  if (existsSync(chromiumPath)) return true;
  skipOrFail(what, `no Chromium at ${chromiumPath} (apt-get install chromium, or set XK_CHROMIUM)`);
  return false;
}
