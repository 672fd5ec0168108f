import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Visible (not hidden, not in progress) files under a folder, recursively. */
export function visibleFiles(dir: string, extension: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    if (entry.name.startsWith('.')) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return visibleFiles(path, extension);
    return entry.name.endsWith(extension) ? [path] : [];
  });
}

/** Every record of the visible JSONL files under a folder. */
export function readJsonl(dir: string): Array<Record<string, any>> {
  return visibleFiles(dir, '.jsonl').flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line)),
  );
}
