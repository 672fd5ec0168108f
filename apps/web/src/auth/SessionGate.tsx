import { useEffect, type ReactNode } from 'react';
import { navigate, usePathname } from '../app/router';
import { Notice } from '../ui/Notice';
import { LOGIN_PATH, loginHref, nextFromSearch } from './login-path';
import { LoginPage } from './LoginPage';
import { useSessionStore } from './session-store';
import './auth.css';

/**
 * Shows the app only to a logged-in user. Without a session (at boot, or when any call
 * answers 401) the login page takes over at `/login?next=<where the user was going>`;
 * once logged in, the user goes there.
 */
export function SessionGate({ children }: { children: ReactNode }) {
  const session = useSessionStore((s) => s.session);
  const check = useSessionStore((s) => s.check);
  const pathname = usePathname();

  useEffect(() => void check(), [check]);

  useEffect(() => {
    if (session.state === 'signed-out' && pathname !== LOGIN_PATH) navigate(loginHref(pathname + window.location.search), { replace: true });
    if (session.state === 'signed-in' && pathname === LOGIN_PATH) navigate(nextFromSearch(window.location.search), { replace: true });
  }, [session.state, pathname]);

  switch (session.state) {
    case 'checking':
      return (
        <p className="page muted" aria-busy="true">
          Opening Duto…
        </p>
      );
    case 'unknown':
      return (
        <main className="page">
          <Notice tone="error">
            <p>{`Duto could not tell whether you are logged in: ${session.problem}`}</p>
            <button type="button" className="btn btn-plain" onClick={() => void check()}>
              Try again
            </button>
          </Notice>
        </main>
      );
    case 'signed-out':
      return <LoginPage />;
    case 'signed-in':
      return pathname === LOGIN_PATH ? null : children;
  }
}
