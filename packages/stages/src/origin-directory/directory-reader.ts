import { stat } from 'node:fs/promises';
import { join, posix } from 'node:path';
import type { Emit, RecordFailure, StageContext } from '@duto/engine';
import type { DutoRecord } from '@duto/model';
import { abortableSleep } from '../common/sleep';
import { disposeOfReadFile, type AfterRead } from './after-read';
import { START_OF_FILE, type FileItem, type FilePosition, type ReadFileItems } from './file-items';
import { FolderListing, type Listing } from './folder-listing';
import { ReadProgress } from './read-progress';

export interface DirectoryReaderOptions {
  /** The watched folder, absolute, and as configured (relative to the lake root). */
  folder: string;
  lakePath: string;
  pattern: string;
  pollIntervalMs: number;
  afterRead: AfterRead;
  archiveFolder: string | undefined;
  readItems: ReadFileItems;
}

/** A file could not be read (gone, no permission): it is tried again at the next poll. */
class FileReadError extends Error {}

/**
 * Reads the files of a folder in name order, batch by batch. After each batch is emitted
 * (everything downstream durable) the position in the file is committed; after the last,
 * the file is committed as finished and then kept, deleted or archived. A restart resumes
 * inside the file it was reading and never reads a finished file again.
 */
export class DirectoryReader {
  private progress = new ReadProgress();
  private readonly listing: FolderListing;

  constructor(
    private readonly options: DirectoryReaderOptions,
    private readonly context: StageContext,
  ) {
    this.listing = new FolderListing(options.folder, options.pattern, options.pollIntervalMs);
  }

  async run(emit: Emit): Promise<void> {
    const { signal } = this.context;
    this.progress = ReadProgress.parse(await this.context.offsets.read());
    while (!signal.aborted) {
      await this.poll(emit);
      await abortableSleep(this.options.pollIntervalMs, signal);
    }
  }

  private async poll(emit: Emit): Promise<void> {
    const listing = await this.listing.list((name) => this.progress.finished.has(name));
    await this.settleFinished(listing);
    const resumed = this.progress.reading;
    if (resumed && !listing.present.has(resumed.name)) {
      this.context.logger.warn('the file being read is gone; its remaining records are lost with it', { file: resumed.name });
      this.progress.reading = undefined;
      await this.commit();
    }
    // The file being read when the last run stopped comes first, ready or not: it was ready then.
    const current = this.progress.reading?.name;
    const queue = current === undefined ? listing.ready : [current, ...listing.ready.filter((name) => name !== current)];
    for (const name of queue) {
      if (this.context.signal.aborted) return;
      try {
        await this.readFile(name, emit);
      } catch (error) {
        if (!(error instanceof FileReadError)) throw error;
        this.context.logger.warn('could not read a file; trying again at the next poll', { file: name, error: error.message });
      }
    }
  }

  private async readFile(name: string, emit: Emit): Promise<void> {
    const path = join(this.options.folder, name);
    const from = await this.startOf(name, path);
    const filePath = posix.join(this.options.lakePath, name);
    const batchSize = this.context.settings.batchSize;
    let records: DutoRecord[] = [];
    let failures: RecordFailure[] = [];
    let position = from;
    const emitBatch = async () => {
      if (records.length + failures.length > 0) await emit({ records, failures });
      records = [];
      failures = [];
    };

    for await (const item of guarded(this.options.readItems(path, from))) {
      const attributes: Record<string, string> = { 'file.path': filePath };
      if (item.line !== undefined) attributes['file.line'] = String(item.line);
      if (item.kind === 'record') records.push({ value: item.value, attributes });
      else failures.push({ record: { value: { raw: item.raw }, attributes }, reason: item.reason });
      position = item.next;
      if (records.length + failures.length >= batchSize) {
        await emitBatch();
        this.progress.reading = { name, position };
        await this.commit();
        if (this.context.signal.aborted) return;
      }
    }
    await emitBatch();
    this.progress.finish(name);
    await this.commit();
    if (this.options.afterRead !== 'keep' && (await this.dispose(name))) await this.commit();
  }

  /** Where to start a file: the saved position if it is the one being read and still fits. */
  private async startOf(name: string, path: string): Promise<FilePosition> {
    const reading = this.progress.reading;
    if (reading?.name !== name) return START_OF_FILE;
    const { size } = await stat(path).catch((error: Error) => {
      throw new FileReadError(error.message);
    });
    if (size >= reading.position.byte) return reading.position;
    this.context.logger.warn('the file being read is now shorter than the saved position; reading it from the start', { file: name });
    return START_OF_FILE;
  }

  /** Forgets finished files that are gone; applies delete/archive to those still there (after a crash). */
  private async settleFinished(listing: Listing): Promise<void> {
    let changed = false;
    for (const name of [...this.progress.finished]) {
      if (!listing.present.has(name)) {
        this.progress.finished.delete(name);
        changed = true;
      } else if (this.options.afterRead !== 'keep' && (await this.dispose(name))) {
        changed = true;
      }
    }
    if (changed) await this.commit();
  }

  /** Deletes or archives a finished file, then forgets it. Answers whether it did. */
  private async dispose(name: string): Promise<boolean> {
    try {
      await disposeOfReadFile(this.options.afterRead as 'delete' | 'archive', join(this.options.folder, name), name, this.options.archiveFolder);
    } catch (error) {
      this.context.logger.warn(`could not ${this.options.afterRead} a read file; trying again at the next poll`, { file: name, error: String(error) });
      return false;
    }
    this.progress.finished.delete(name);
    return true;
  }

  private commit(): Promise<void> {
    return this.context.offsets.commit(this.progress.serialize());
  }
}

/** Marks errors of the file itself, so that they are told apart from a failed emit. */
async function* guarded(items: AsyncGenerator<FileItem>): AsyncGenerator<FileItem> {
  try {
    yield* items;
  } catch (error) {
    throw new FileReadError((error as Error).message);
  }
}
