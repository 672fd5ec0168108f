/** Where the login page lives, and how it remembers where the user was going. */
export const LOGIN_PATH = '/login';

/** The login page's address, carrying the page asked for (path and query) to return to. */
export function loginHref(requested: string): string {
  const next = safeNext(requested);
  return next === '/' ? LOGIN_PATH : `${LOGIN_PATH}?next=${encodeURIComponent(next)}`;
}

/** Where to go after logging in, from the login page's query string. */
export function nextFromSearch(search: string): string {
  return safeNext(new URLSearchParams(search).get('next') ?? '/');
}

/**
 * Only a path of this app: a link someone else made (`?next=https://evil`, `//evil`,
 * `/\evil`) must not turn the login page into a way to send users elsewhere.
 */
function safeNext(path: string): string {
  if (!path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return '/';
  if (path === LOGIN_PATH || path.startsWith(`${LOGIN_PATH}?`)) return '/';
  return path;
}
