import { create } from 'zustand';
import type { Me } from '@duto/model';
import { api, ApiRequestError, describeError, onUnauthenticated } from '../api/client';

export type Session =
  | { state: 'checking' }
  | { state: 'signed-out' }
  | { state: 'signed-in'; me: Me }
  /** The server did not answer who we are: neither logged in nor out, so the login page would mislead. */
  | { state: 'unknown'; problem: string };

interface SessionStore {
  session: Session;
  /** Asks the server who this browser is logged in as (GET /api/auth/me). */
  check: () => Promise<void>;
  /** Logs in; rejects with the server's answer (401 wrong password, 429 wait) for the form to show. */
  signIn: (username: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
}

export const useSessionStore = create<SessionStore>()((set) => ({
  session: { state: 'checking' },
  check: async () => {
    try {
      set({ session: { state: 'signed-in', me: await api.me() } });
    } catch (error) {
      set({ session: error instanceof ApiRequestError && error.status === 401 ? { state: 'signed-out' } : { state: 'unknown', problem: describeError(error) } });
    }
  },
  signIn: async (username, password) => {
    await api.login(username, password);
    set({ session: { state: 'signed-in', me: await api.me() } });
  },
  signOut: async () => {
    try {
      await api.logout();
    } catch (error) {
      // A session that had already ended is as logged out as can be.
      if (!(error instanceof ApiRequestError && error.status === 401)) throw error;
    }
    set({ session: { state: 'signed-out' } });
  },
}));

// Any call answered 401 means the session is gone (expired, logged out elsewhere, password reset).
onUnauthenticated(() => useSessionStore.setState({ session: { state: 'signed-out' } }));

/** The logged-in user, when there is one. */
export const useMe = (): Me | undefined => useSessionStore((s) => (s.session.state === 'signed-in' ? s.session.me : undefined));
