// Where a link points: `#/setup/<secret>` (the first admin), `#/link/<secret>` (a one-time sign-in
// link), `#/board/<secret>` (a hall screen's read-only link) and `#/join/<secret>` (a volunteers'
// invite). In the hash, so the secret never reaches a server log or a Referer header.
import { type Accessor, createSignal, onCleanup } from 'solid-js';

export type SecretRouteKind = 'setup' | 'link' | 'board' | 'join';
export type HashRoute = { kind: SecretRouteKind; secret: string } | { kind: 'home' };

export function parseHash(hash: string): HashRoute {
  const match = /^#\/(setup|link|board|join)\/([^/?#]+)\/?$/.exec(hash);
  if (!match) return { kind: 'home' };
  try {
    return { kind: match[1] as SecretRouteKind, secret: decodeURIComponent(match[2]!) };
  } catch {
    return { kind: 'home' }; // a mangled escape (`%E0`) from a chat app: not a link
  }
}

/** The route of the current hash, following hash changes; `clear` drops the hash (and its secret) from the address bar and history. */
export function createHashRoute(): { route: Accessor<HashRoute>; clear: () => void } {
  const [route, setRoute] = createSignal<HashRoute>(parseHash(location.hash), { equals: false });
  const onChange = () => setRoute(parseHash(location.hash));
  window.addEventListener('hashchange', onChange);
  onCleanup(() => window.removeEventListener('hashchange', onChange));
  return {
    route,
    clear() {
      history.replaceState(history.state, '', location.pathname + location.search);
      setRoute({ kind: 'home' });
    },
  };
}
