import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { makeFolderDurably, syncFolder, writeAll } from './durable-fs';
import type { ColumnProfiles } from './parquet-columns';

/**
 * The hidden in-progress file of one future output file: records are appended to it as
 * JSON lines and fsynced before a write is acknowledged. Its counts include lines added but
 * not yet flushed, so that a batch can be split exactly at the roll limits.
 */
export class Spool {
  records = 0;
  bytes = 0;
  readonly openedAt: number;
  /** Lines added since the last flush, as text: one buffer per flush instead of one per record. */
  private pending: string[] = [];
  private handle: FileHandle | undefined;

  /** `profiles`: when given, observes every record added (the column types of a Parquet file). */
  constructor(
    readonly folder: string,
    readonly name: string,
    nowMs: number,
    readonly profiles?: ColumnProfiles,
  ) {
    this.openedAt = nowMs;
  }

  get path(): string {
    return join(this.folder, this.name);
  }

  /** Adds a record: its line (JSON and a newline) of `bytes` bytes as UTF-8. */
  add(value: Record<string, unknown>, line: string, bytes: number): void {
    this.profiles?.observeRecord(value);
    this.pending.push(line);
    this.records += 1;
    this.bytes += bytes;
  }

  /** Appends what was added and fsyncs it; the spool's name is durable from its first flush. */
  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const data = Buffer.from(this.pending.join(''));
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
