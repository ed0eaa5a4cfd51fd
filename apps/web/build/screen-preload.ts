// Vite plugin: tells index.html's early script which files each first screen needs, so that the
// screen's code is fetched as soon as the hub has said who this is, while the app's own script is
// still on its way. A phone on slow 3G then downloads only the screen it will show: the day of a
// signed-in volunteer, the sign-in form, or the invite's join form, never all three.
import type { Plugin } from 'vite';

/** The screens index.html may preload, by the module that a lazy import() of the app names. */
const SCREENS = {
  phone: '/src/phone/phone-screen.tsx',
  signIn: '/src/screens/sign-in.tsx',
  join: '/src/screens/join.tsx',
} as const;

/** Where index.html's early script holds the map; left as it is outside a build (the dev server). */
export const SCREEN_CHUNKS_MARK = '/*XK_SCREEN_CHUNKS*/{}';

interface ChunkLike {
  type: 'chunk';
  fileName: string;
  imports: string[];
  facadeModuleId: string | null;
}

export function screenPreload(): Plugin {
  return {
    name: 'xk-screen-preload',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!ctx.bundle || !ctx.chunk) return html;
        if (!html.includes(SCREEN_CHUNKS_MARK)) throw new Error(`screen-preload: index.html lacks ${SCREEN_CHUNKS_MARK}`);
        const chunks = new Map<string, ChunkLike>();
        for (const file of Object.values(ctx.bundle)) if (file.type === 'chunk') chunks.set(file.fileName, file as ChunkLike);
        /** A chunk and everything it imports statically. */
        const closure = (fileName: string, into = new Set<string>()) => {
          if (into.has(fileName)) return into;
          into.add(fileName);
          for (const dep of chunks.get(fileName)?.imports ?? []) closure(dep, into);
          return into;
        };
        const loadedFirst = closure(ctx.chunk.fileName);
        const map: Record<string, string[]> = {};
        for (const [name, module] of Object.entries(SCREENS)) {
          const chunk = [...chunks.values()].find((c) => c.facadeModuleId?.endsWith(module));
          if (!chunk) throw new Error(`screen-preload: no chunk of its own for ${module} (is it still imported lazily?)`);
          map[name] = [...closure(chunk.fileName)].filter((f) => !loadedFirst.has(f)).map((f) => `/${f}`);
        }
        return html.replace(SCREEN_CHUNKS_MARK, JSON.stringify(map));
      },
    },
  };
}
