import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';
import { phonePwa } from './build/phone-pwa';
import { precompress } from './build/precompress';
import { screenPreload } from './build/screen-preload';

// Config-time only (never reaches the bundle): where `pnpm dev` and `vite preview` find the API.
const apiTarget = `http://127.0.0.1:${process.env.XK_API_PORT ?? 3000}`;
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  // Pinned so `vite --config apps/web/vite.config.ts` from the repo root behaves like running it here.
  root,
  plugins: [solid(), screenPreload(), phonePwa(), precompress()],
  server: {
    // `vite preview` reuses these (preview.proxy defaults to server.proxy).
    proxy: {
      '/api': apiTarget,
      '/healthz': apiTarget,
      '/readyz': apiTarget,
      '/socket.io': { target: apiTarget, ws: true },
    },
  },
  build: {
    // The server's web-app plugin serves this folder.
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
  },
});
