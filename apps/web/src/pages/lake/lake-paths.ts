/** A crumb of the path to a lake folder: its name, and where it leads. */
export interface Crumb {
  name: string;
  path: string;
}

/** The folders from the root down to `path`, each with its own path. */
export function crumbsOf(path: string): Crumb[] {
  const names = path.split('/').filter(Boolean);
  return names.map((name, i) => ({ name, path: names.slice(0, i + 1).join('/') }));
}

export function parentOf(path: string): string {
  return path.split('/').slice(0, -1).join('/');
}

/** The download address of a lake file (a plain link: the browser sends the session cookie). */
export const downloadHref = (path: string) => `/api/lake/download?path=${encodeURIComponent(path)}`;

/** 1.2 MB, 830 kB, 12 B: file sizes as people read them (decimal units, as file browsers show). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value >= 100 ? Math.round(value) : Number(value.toFixed(1))} ${units[unit]}`;
}
