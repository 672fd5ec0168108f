import { useCallback, useEffect, useSyncExternalStore } from 'react';

/** `system` follows the OS; the others pin a theme. Kept per browser. */
export type ThemeChoice = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

const STORAGE_KEY = 'duto.theme';
const darkQuery = () => window.matchMedia('(prefers-color-scheme: dark)');
const listeners = new Set<() => void>();

function readChoice(): ThemeChoice {
  const stored = window.localStorage.getItem(STORAGE_KEY);
  return stored === 'light' || stored === 'dark' ? stored : 'system';
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const query = darkQuery();
  query.addEventListener('change', listener);
  return () => {
    listeners.delete(listener);
    query.removeEventListener('change', listener);
  };
}

const snapshot = () => `${readChoice()}:${darkQuery().matches ? 'dark' : 'light'}`;

/** The theme in force and the user's choice, with a setter that cycles through the choices. */
export function useTheme(): { choice: ThemeChoice; theme: Theme; cycle: () => void } {
  const [choice, systemTheme] = useSyncExternalStore(subscribe, snapshot, () => 'system:light').split(':') as [ThemeChoice, Theme];
  const theme: Theme = choice === 'system' ? systemTheme : choice;

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  const cycle = useCallback(() => {
    const next: ThemeChoice = choice === 'system' ? 'light' : choice === 'light' ? 'dark' : 'system';
    if (next === 'system') window.localStorage.removeItem(STORAGE_KEY);
    else window.localStorage.setItem(STORAGE_KEY, next);
    for (const listener of listeners) listener();
  }, [choice]);

  return { choice, theme, cycle };
}
