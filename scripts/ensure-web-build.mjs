// `pnpm start` serves the built web app: build it first when the build is missing, so `/` is never empty.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const index = new URL('../apps/web/dist/index.html', import.meta.url);
if (!existsSync(index) || process.env.XK_REBUILD_WEB === '1') {
  console.log('Building the web app (apps/web/dist is missing)…');
  const vite = new URL('../apps/web/node_modules/vite/bin/vite.js', import.meta.url).pathname;
  const result = spawnSync(process.execPath, [vite, 'build'], { cwd: new URL('../apps/web/', import.meta.url).pathname, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
