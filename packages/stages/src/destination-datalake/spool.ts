import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { makeFolderDurably, syncFolder, writeAll } from './durable-fs';

/**
 * The hidden in-progress file of one future output file: records are appended to it as
 * JSON lines and fsynced before a write is acknowledged. Its counts include lines added but
 * not yet flushed, so that a batch can be split exactly at the roll limits.
 */
export class Spool {
  records = 0;
  bytes = 0;
  readonly openedAt: number;
  private pending: Buffer[] = [];
  private handle: FileHandle | undefined;

  constructor(
    readonly folder: string,
    readonly name: string,
    nowMs: number,
  ) {
    this.openedAt = nowMs;
  }

  get path(): string {
    return join(this.folder, this.name);
  }

  add(line: Buffer): void {
    this.pending.push(line);
    this.records += 1;
    this.bytes += line.length;
  }

  /** Appends what was added and fsyncs it; the spool's name is durable from its first flush. */
  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const data = Buffer.concat(this.pending);
    this.pending = [];
    if (!this.handle) {
      await makeFolderDurably(this.folder);
      this.handle = await open(this.path, 'wx');
      await syncFolder(this.folder);
    }
    await writeAll(this.handle, data);
    await this.handle.sync();
  }

  async close(): Promise<void> {
    await this.handle?.close();
    this.handle = undefined;
  }
}
