import { useSyncExternalStore } from 'react';

/**
 * A tiny client-side router over the History API: the app has two routes, so a
 * dependency would cost more than it gives. Screens with unsaved work register a
 * guard; every in-app navigation (links, back/forward) asks it first.
 */

/** The designer's views of one pipeline: its canvas, its dashboard, its error records. */
export type DesignerView = 'design' | 'dashboard' | 'errors';

/** The pages under /admin: users, API tokens, secrets, the audit log. */
export type AdminSection = 'users' | 'tokens' | 'secrets' | 'audit';

export type Route =
  | { name: 'pipelines' }
  | { name: 'designer'; pipelineId: string; view: DesignerView }
  | { name: 'lake'; path: string }
  | { name: 'login' }
  | { name: 'admin'; section: AdminSection | undefined }
  | { name: 'not-found'; path: string };

export function parseRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { name: 'pipelines' };
  if (pathname === '/login') return { name: 'login' };
  const admin = /^\/admin(?:\/(users|tokens|secrets|audit))?\/?$/.exec(pathname);
  if (admin) return { name: 'admin', section: admin[1] as AdminSection | undefined };
  const designer = /^\/pipelines\/([^/]+)(?:\/(dashboard|errors))?\/?$/.exec(pathname);
  if (designer) return { name: 'designer', pipelineId: decodeURIComponent(designer[1]!), view: (designer[2] as DesignerView | undefined) ?? 'design' };
  const lake = /^\/lake(?:\/(.*?))?\/?$/.exec(pathname);
  if (lake) {
    try {
      return { name: 'lake', path: (lake[1] ?? '').split('/').map(decodeURIComponent).join('/') };
    } catch {
      return { name: 'not-found', path: pathname };
    }
  }
  return { name: 'not-found', path: pathname };
}

export const pipelineHref = (id: string, view: DesignerView = 'design') => `/pipelines/${encodeURIComponent(id)}${view === 'design' ? '' : `/${view}`}`;

export const adminHref = (section: AdminSection) => `/admin/${section}`;

/** A folder of the data lake in the browser; `=` stays readable in partition names (dt=2026-11-25). */
export const lakeHref = (path: string) =>
  path === '' ? '/lake' : `/lake/${path.split('/').map((name) => encodeURIComponent(name).replace(/%3D/g, '=')).join('/')}`;

/** The views of one pipeline are one screen: moving between them leaves no unsaved work behind. */
function screenOf(pathname: string): string {
  const route = parseRoute(pathname);
  return route.name === 'designer' ? `designer:${route.pipelineId}` : pathname;
}

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
  if (screenOf(path) !== screenOf(currentPath) && !mayLeave()) return;
  if (replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  notify();
}

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', () => {
    if (window.location.pathname === currentPath) return;
    if (screenOf(window.location.pathname) !== screenOf(currentPath) && !mayLeave()) {
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
