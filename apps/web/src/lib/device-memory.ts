// What this browser remembers about itself across reloads, beside the session cookie: whether it
// is a hall screen (so an ended session shows the board message, not a sign-in form nobody can
// type into), and which sign-in form its person used last (a volunteer's phone opens on the PIN).
// Nothing secret: the session itself stays in the httpOnly cookie.

export type SignInMethod = 'password' | 'pin';

const BOARD_KEY = 'xk.board';
const METHOD_KEY = 'xk.signInMethod';

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null; // storage blocked (private mode, a locked-down TV browser): remember nothing
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // not remembered; this visit still works
  }
}

export function readDeviceMemory() {
  return {
    isBoard: () => read(BOARD_KEY) === '1',
    setBoard: (isBoard: boolean) => write(BOARD_KEY, isBoard ? '1' : null),
    method: (): SignInMethod => (read(METHOD_KEY) === 'pin' ? 'pin' : 'password'),
    setMethod: (method: SignInMethod) => write(METHOD_KEY, method === 'pin' ? 'pin' : null),
  };
}
