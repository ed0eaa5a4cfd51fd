// Who is signed in on this browser. The session itself is an httpOnly cookie the hub sets and
// clears; this only knows what /auth/me last said, and why the person is signed out.
import type { Me, Setup } from '@xk/contract';
import { createContext, createSignal, onCleanup, useContext } from 'solid-js';
import * as api from './api';
import { ApiError, type ApiProblem, isUnauthorized } from './api';
import type { Join, PinReset } from './auth-wire';
import { readDeviceMemory, type SignInMethod } from './device-memory';

/** How often to ask /auth/me again while the hub cannot be reached. */
const RETRY_MS = 3000;

export type AuthStatus = 'checking' | 'unreachable' | 'signed-out' | 'signed-in';

/**
 * Why the sign-in screen (or, for a hall screen, the board-ended message) is showing, when it is
 * not simply the first visit. `board-ended`: a board link refused (`invalid`), or a board's session
 * ended (`revoked`): a TV has no keyboard, so it gets a message, not a form.
 */
export type SignedOutNotice =
  | { kind: 'signed-out' }
  | { kind: 'session-ended' }
  | { kind: 'link-failed'; problem: ApiProblem }
  | { kind: 'board-ended'; reason: 'revoked' | 'invalid' };

export function createAuth() {
  /** undefined: not known yet; null: signed out. */
  const [me, setMe] = createSignal<Me | null | undefined>(undefined);
  const [checkProblem, setCheckProblem] = createSignal<ApiProblem | null>(null);
  const [notice, setNotice] = createSignal<SignedOutNotice | null>(null);
  const device = readDeviceMemory();
  /** Which form the sign-in screen opens on: staff's password unless this device signed in with a PIN. */
  const [method, setMethod] = createSignal<SignInMethod>(device.method());
  /** The phone or e-mail last signed in with, for this page's life only: a person sent back to the form need not type it again. */
  let lastLogin = '';
  /** Bumped by every sign-in, sign-out and check, so a slower answer to an older one is dropped. */
  let generation = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(retryTimer));

  const signedIn = (who: Me) => {
    // A person signing in on a former hall screen makes it a person's browser again.
    device.setBoard(who.kind === 'board');
    setMe(who);
    setNotice(null);
    setCheckProblem(null);
  };

  /** Asks the hub who this browser is; keeps asking while it cannot be reached. */
  async function check(): Promise<void> {
    clearTimeout(retryTimer);
    const gen = ++generation;
    try {
      const who = await api.fetchMe();
      if (gen === generation) signedIn(who);
    } catch (err) {
      if (gen !== generation) return;
      if (!(err instanceof ApiError)) throw err;
      if (isUnauthorized(err.problem)) {
        setMe(null);
        setCheckProblem(null);
        // A hall screen whose session ended while it was off (or on a reload): the message, not the form.
        if (device.isBoard() && !notice()) setNotice({ kind: 'board-ended', reason: 'revoked' });
      } else {
        setCheckProblem(err.problem);
        retryTimer = setTimeout(() => void check(), RETRY_MS);
      }
    }
  }

  /** Runs a request that signs in; rejects with ApiError for the form to show. */
  async function signingIn(request: () => Promise<Me>): Promise<void> {
    clearTimeout(retryTimer);
    const gen = ++generation;
    const who = await request();
    if (gen === generation) signedIn(who);
  }

  /** The sign-in form to open, and remembered on this device when it was a PIN. */
  const signedInWith = (how: SignInMethod, login: string) => {
    lastLogin = login;
    setMethod(how);
    device.setMethod(how);
  };

  return {
    me,
    notice,
    checkProblem,
    method,
    setMethod,
    status(): AuthStatus {
      const who = me();
      if (who === undefined) return checkProblem() ? 'unreachable' : 'checking';
      return who === null ? 'signed-out' : 'signed-in';
    },
    check,
    lastLogin: () => lastLogin,
    signIn: async (login: string, password: string) => {
      await signingIn(() => api.signIn({ login, password }));
      signedInWith('password', login);
    },
    /** A volunteer's sign-in with their phone number and PIN. Rejects with ApiError. */
    pinSignIn: async (phone: string, pin: string) => {
      await signingIn(() => api.pinSignIn({ phone, pin }));
      signedInWith('pin', phone);
    },
    /** Sets a new PIN with the code sent to the phone, and signs in. Rejects with ApiError. */
    resetPin: async (input: PinReset) => {
      await signingIn(() => api.resetPin(input));
      signedInWith('pin', input.phone);
    },
    /** Joins from an invite and signs in on this phone. Rejects with ApiError. */
    join: async (input: Join) => {
      await signingIn(() => api.join(input));
      signedInWith('pin', input.phone);
    },
    /** Sends the person to a sign-in form with their phone filled in (an invite found their account). */
    offerSignIn(how: SignInMethod, phone: string) {
      lastLogin = phone;
      setMethod(how);
      // A person is here to sign in: whatever this browser was before, it is no hall screen now.
      device.setBoard(false);
      if (notice()?.kind === 'board-ended') setNotice(null);
      if (me() === undefined) void check();
    },
    /**
     * Opens a hall screen's board session with its link. Resolves to null when open, else to the
     * problem: a refused link (the board-ended message says so) or an unreachable hub (retry).
     */
    async openBoard(secret: string): Promise<ApiProblem | null> {
      try {
        await signingIn(() => api.openBoard(secret));
        return null;
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        if (err.problem.kind === 'http') setNotice({ kind: 'board-ended', reason: 'invalid' });
        return err.problem;
      }
    },
    /** Leaves the board-ended message (someone with a keyboard wants the sign-in form): this is no hall screen now. */
    leaveBoard(): void {
      device.setBoard(false);
      setNotice(null);
      void check();
    },
    setup: (input: Setup) => signingIn(() => api.setUp(input)),
    /**
     * Signs in with a one-time link. Resolves to null when signed in, else to the problem: a refused
     * link (spent: the sign-in screen says why) or an unreachable hub (the link is still good: retry).
     */
    async redeemLink(secret: string): Promise<ApiProblem | null> {
      try {
        await signingIn(() => api.redeemSignInLink(secret));
        return null;
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        if (err.problem.kind === 'http') {
          // Someone already signed in on this browser stays signed in; the notice shows once they are not.
          setNotice({ kind: 'link-failed', problem: err.problem });
          if (me() === undefined) await check();
        }
        return err.problem;
      }
    },
    /** Ends the session on the hub. Rejects with ApiError (but a session already gone counts as signed out). */
    async signOut(): Promise<void> {
      try {
        await api.signOut();
      } catch (err) {
        if (!(err instanceof ApiError && isUnauthorized(err.problem))) throw err;
      }
      generation++;
      setMe(null);
      setNotice({ kind: 'signed-out' });
    },
    /** The hub refused the session (an HTTP 401, a socket refused as 'unauthorized'): back to the sign-in screen. */
    sessionEnded(): void {
      const who = me();
      if (!who) return;
      generation++;
      setMe(null);
      setNotice(who.kind === 'board' ? { kind: 'board-ended', reason: 'revoked' } : { kind: 'session-ended' });
    },
  };
}

export type Auth = ReturnType<typeof createAuth>;

export const AuthContext = createContext<Auth>();

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth needs an AuthContext.Provider above it');
  return auth;
}
