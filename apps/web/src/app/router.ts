import { useSyncExternalStore } from 'react';

/**
 * A tiny client-side router over the History API: the app has two routes, so a
 * dependency would cost more than it gives. Screens with unsaved work register a
 * guard; every in-app navigation (links, back/forward) asks it first.
 */

export type Route = { name: 'pipelines' } | { name: 'designer'; pipelineId: string } | { name: 'not-found'; path: string };

export function parseRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { name: 'pipelines' };
  const designer = /^\/pipelines\/([^/]+)\/?$/.exec(pathname);
  if (designer) return { name: 'designer', pipelineId: decodeURIComponent(designer[1]!) };
  return { name: 'not-found', path: pathname };
}

export const pipelineHref = (id: string) => `/pipelines/${encodeURIComponent(id)}`;

type Guard = () => boolean;
const guards = new Set<Guard>();
const listeners = new Set<() => void>();
let currentPath = typeof window === 'undefined' ? '/' : window.location.pathname;

function notify(): void {
  currentPath = window.location.pathname;
  for (const listener of listeners) listener();
}

/** Whether every guard lets the user leave the current screen. */
function mayLeave(): boolean {
  for (const guard of guards) if (!guard()) return false;
  return true;
}

export function navigate(path: string, { replace = false }: { replace?: boolean } = {}): void {
  if (path === window.location.pathname) return;
  if (!mayLeave()) return;
  if (replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  notify();
}

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', () => {
    if (window.location.pathname === currentPath) return;
    if (!mayLeave()) {
      // The browser has already moved: put the screen's address back.
      window.history.pushState(null, '', currentPath);
      return;
    }
    notify();
  });
}

/** Registers a guard; it returns false to keep the user on the current screen. */
export function addNavigationGuard(guard: Guard): () => void {
  guards.add(guard);
  return () => guards.delete(guard);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => currentPath, () => '/');
}
