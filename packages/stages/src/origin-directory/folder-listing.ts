import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import picomatch from 'picomatch';

export interface Listing {
  /** Every file that matches, read or not. */
  present: Set<string>;
  /** Files not read yet that nobody seems to be writing any more, by name. */
  ready: string[];
}

/**
 * Looks at the watched folder. Hidden files and symbolic links are ignored (a writer can
 * write under a hidden name and rename; a link could lead out of the lake). A file is
 * taken as complete once it has not changed for one poll interval: its modification time
 * is that old, and its size and time are what the previous look saw, if it saw the file.
 */
export class FolderListing {
  private readonly matches: (name: string) => boolean;
  private seen = new Map<string, { size: number; mtimeMs: number }>();

  constructor(
    private readonly folder: string,
    pattern: string,
    private readonly settleMs: number,
  ) {
    this.matches = picomatch(pattern);
  }

  async list(isRead: (name: string) => boolean, nowMs = Date.now()): Promise<Listing> {
    const present = new Set<string>();
    const ready: string[] = [];
    const seen = new Map<string, { size: number; mtimeMs: number }>();
    for (const entry of await this.entries()) {
      if (!entry.isFile() || entry.name.startsWith('.') || !this.matches(entry.name)) continue;
      present.add(entry.name);
      if (isRead(entry.name)) continue;
      const stats = await stat(join(this.folder, entry.name)).catch(() => undefined);
      if (!stats) continue;
      const now = { size: stats.size, mtimeMs: stats.mtimeMs };
      const before = this.seen.get(entry.name);
      seen.set(entry.name, now);
      const unchanged = !before || (before.size === now.size && before.mtimeMs === now.mtimeMs);
      if (unchanged && nowMs - now.mtimeMs >= this.settleMs) ready.push(entry.name);
    }
    this.seen = seen;
    return { present, ready: ready.sort() };
  }

  /** A folder removed while the pipeline runs is empty, not a failure: it may come back. */
  private async entries() {
    try {
      return await readdir(this.folder, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }
}
