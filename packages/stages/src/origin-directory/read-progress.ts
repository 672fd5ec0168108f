import type { FilePosition } from './file-items';

interface SavedProgress {
  finished: string[];
  reading?: { name: string; position: FilePosition };
}

/**
 * What the origin commits as its offset: the file being read and how far, and the files
 * read to the end (names in the watched folder). A finished name is forgotten once its
 * file is gone, so the set stays as small as the folder.
 */
export class ReadProgress {
  constructor(
    readonly finished = new Set<string>(),
    public reading?: { name: string; position: FilePosition },
  ) {}

  static parse(offset: string | undefined): ReadProgress {
    if (offset === undefined) return new ReadProgress();
    let saved: SavedProgress;
    try {
      saved = JSON.parse(offset) as SavedProgress;
    } catch {
      throw new Error(`the committed offset of this directory origin is not readable: ${offset.slice(0, 200)}`);
    }
    return new ReadProgress(new Set(saved.finished), saved.reading);
  }

  finish(name: string): void {
    this.finished.add(name);
    if (this.reading?.name === name) this.reading = undefined;
  }

  serialize(): string {
    const saved: SavedProgress = { finished: [...this.finished].sort() };
    if (this.reading) saved.reading = this.reading;
    return JSON.stringify(saved);
  }
}
