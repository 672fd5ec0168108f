import { useEffect, useId, useRef, useState } from 'react';
import { describeError } from '../api/client';
import { Link } from '../app/Link';
import { adminHref } from '../app/router';
import { Icon } from '../ui/icons';
import { Notice } from '../ui/Notice';
import { LOGIN_PATH } from './login-path';
import { PasswordDialog } from './PasswordDialog';
import { useMe, useSessionStore } from './session-store';
import { useCan } from './useCan';

/** Who is logged in, with what role; their password, tokens and secrets; log out. */
export function UserMenu() {
  const me = useMe();
  const signOut = useSessionStore((s) => s.signOut);
  const mayManageSecrets = useCan('manageSecrets');
  const [open, setOpen] = useState(false);
  const [changingPassword, setChangingPassword] = useState(false);
  const [news, setNews] = useState<{ tone: 'success' | 'error'; text: string }>();
  const root = useRef<HTMLDivElement>(null);
  const menuId = useId();

  useEffect(() => {
    if (!open) return;
    const closeOutside = (event: MouseEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', closeOutside);
    return () => document.removeEventListener('mousedown', closeOutside);
  }, [open]);

  if (!me) return null;

  const logOut = async () => {
    setOpen(false);
    try {
      await signOut();
      // A fresh page: nothing of this user's (live connection, cached lists) stays in memory.
      window.location.replace(LOGIN_PATH);
    } catch (error) {
      setNews({ tone: 'error', text: `Could not log out: ${describeError(error)}` });
    }
  };

  return (
    <div
      className="user-menu"
      ref={root}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          setOpen(false);
          root.current?.querySelector('button')?.focus();
        }
      }}
    >
      <button type="button" className="btn btn-plain user-menu-button" aria-expanded={open} aria-controls={menuId} onClick={() => setOpen(!open)} data-testid="user-menu">
        <span data-testid="current-user">{me.username}</span>
        <span className="tag" data-testid="current-role">
          {me.role}
        </span>
        <Icon name="down" />
      </button>
      {open && (
        <ul className="user-menu-list" id={menuId}>
          <li>
            <button
              type="button"
              className="user-menu-item"
              onClick={() => {
                setOpen(false);
                setChangingPassword(true);
              }}
            >
              Change password…
            </button>
          </li>
          <li>
            <Link href={adminHref('tokens')} className="user-menu-item" onClick={() => setOpen(false)}>
              API tokens
            </Link>
          </li>
          {mayManageSecrets && (
            <li>
              <Link href={adminHref('secrets')} className="user-menu-item" onClick={() => setOpen(false)}>
                Secrets
              </Link>
            </li>
          )}
          <li>
            <button type="button" className="user-menu-item" onClick={() => void logOut()} data-testid="log-out">
              Log out
            </button>
          </li>
        </ul>
      )}
      {news && (
        <div className="user-menu-news">
          <Notice tone={news.tone} onDismiss={() => setNews(undefined)}>
            {news.text}
          </Notice>
        </div>
      )}
      {changingPassword && (
        <PasswordDialog onClose={() => setChangingPassword(false)} onChanged={() => setNews({ tone: 'success', text: 'Your password is changed; your other sessions have ended.' })} />
      )}
    </div>
  );
}
