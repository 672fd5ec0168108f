import { valueJsonLine, type RecordFailure, type StageLogger } from '@duto/engine';
import type { DutoRecord } from '@duto/model';
import { LakePathError, resolveLakePath } from '../common/lake-path';
import type { FileNames } from './file-names';
import { PlacementError, type PartitionFolders } from './partition-folder';
import { ColumnProfiles } from './parquet-columns';
import { SerialQueue } from './serial-queue';
import { Spool } from './spool';

export interface RollLimits {
  records: number;
  bytes: number;
  intervalMs: number;
}

export interface LakeWriterOptions {
  lakeDir: string;
  folders: PartitionFolders;
  names: FileNames;
  limits: RollLimits;
  /** Makes a complete spool visible; `profiles` when `profileColumns` is set. */
  finish: (spoolPath: string, profiles?: ColumnProfiles) => Promise<unknown>;
  /** Whether each spool profiles its records' columns as they are added (Parquet). */
  profileColumns?: boolean;
  logger: StageLogger;
}

/**
 * Rolls waiting or running beyond which a write waits for the roll of the files it filled:
 * conversion that falls behind slows the writes instead of piling up spools.
 */
const MAX_PENDING_ROLLS = 2;

interface OpenFile {
  spool: Spool;
  timer: NodeJS.Timeout;
}

/**
 * Keeps one open file per partition folder. A write appends each record to its folder's
 * spool and resolves once every touched spool is fsynced. A file rolls when it reaches
 * its record or byte limit (a batch is split exactly there) or when its interval since
 * opening has passed, by a timer, so a quiet stream still rolls. Writes run one at a time,
 * in order; rolls too, beside them, so that converting a full file (seconds for a large
 * Parquet file) does not hold up the writes that follow.
 */
export class LakeWriter {
  private readonly open = new Map<string, OpenFile>();
  private readonly queue = new SerialQueue();
  private readonly rolls = new SerialQueue();
  private pendingRolls = 0;
  private failure: Error | undefined;
  private closed = false;

  constructor(private readonly options: LakeWriterOptions) {}

  write(records: DutoRecord[]): Promise<RecordFailure[]> {
    return this.queue.run(() => this.append(records));
  }

  /** Rolls every open file; after a failure, leaves the spools to the next start's recovery. */
  close(): Promise<void> {
    return this.queue.run(async () => {
      this.closed = true;
      const spools = [...this.open.keys()].map((folder) => this.detach(folder));
      await this.scheduleRoll(spools);
      if (this.failure) throw this.failure;
    });
  }

  private async append(records: DutoRecord[]): Promise<RecordFailure[]> {
    if (this.failure) throw new Error(`an earlier write or roll failed (${this.failure.message}); files are recovered when the pipeline restarts`);
    if (this.closed) throw new Error('the data lake destination is closed');
    const now = Date.now();
    const { groups, refused } = this.place(records, now);
    const touched = new Set<Spool>();
    const full: Spool[] = [];
    for (const [folder, group] of groups) {
      let absolute: string;
      try {
        absolute = this.open.get(folder)?.spool.folder ?? resolveLakePath(this.options.lakeDir, folder);
      } catch (error) {
        if (!(error instanceof LakePathError)) throw error;
        for (const record of group) refused.push({ record, reason: error.message });
        continue;
      }
      for (const record of group) {
        const line = valueJsonLine(record.value) + '\n';
        const bytes = Buffer.byteLength(line);
        let spool = this.open.get(folder)?.spool;
        if (spool && spool.bytes + bytes > this.options.limits.bytes) full.push(this.detach(folder));
        spool = this.open.get(folder)?.spool ?? this.openFile(folder, absolute, now);
        spool.add(record.value, line, bytes);
        touched.add(spool);
        if (spool.records >= this.options.limits.records || spool.bytes >= this.options.limits.bytes) full.push(this.detach(folder));
      }
    }
    try {
      await Promise.all([...touched].map((spool) => spool.flush()));
    } catch (error) {
      // A half-done append leaves a spool in an unknown state: only recovery may touch it.
      this.fail(error);
      throw error;
    }
    // Full files are already durable: making them visible need not delay the acknowledgement,
    // unless the rolls fall behind.
    if (full.length > 0) {
      const rolled = this.scheduleRoll(full);
      if (this.pendingRolls > MAX_PENDING_ROLLS) await rolled;
    }
    return refused;
  }

  private place(records: DutoRecord[], now: number) {
    const groups = new Map<string, DutoRecord[]>();
    const refused: RecordFailure[] = [];
    for (const record of records) {
      let folder: string;
      try {
        folder = this.options.folders.folderOf(record.value, now);
      } catch (error) {
        if (!(error instanceof PlacementError)) throw error;
        refused.push({ record, reason: error.message });
        continue;
      }
      const group = groups.get(folder);
      if (group) group.push(record);
      else groups.set(folder, [record]);
    }
    return { groups, refused };
  }

  private openFile(folder: string, absolute: string, now: number): Spool {
    const profiles = this.options.profileColumns ? new ColumnProfiles() : undefined;
    const spool = new Spool(absolute, this.options.names.nextSpool(now), now, profiles);
    const timer = setTimeout(() => void this.queue.run(() => this.rollIfStillOpen(folder, spool)), this.options.limits.intervalMs);
    // An open file must not keep the process alive: close() rolls it.
    timer.unref();
    this.open.set(folder, { spool, timer });
    return spool;
  }

  private async rollIfStillOpen(folder: string, spool: Spool): Promise<void> {
    if (this.open.get(folder)?.spool !== spool) return;
    void this.scheduleRoll([this.detach(folder)]);
  }

  /** Queues the roll of detached spools; resolves once they (and the rolls queued before) are done. */
  private scheduleRoll(spools: Spool[]): Promise<void> {
    this.pendingRolls += 1;
    return this.rolls.run(() => this.roll(spools)).finally(() => (this.pendingRolls -= 1));
  }

  private detach(folder: string): Spool {
    const file = this.open.get(folder)!;
    clearTimeout(file.timer);
    this.open.delete(folder);
    return file.spool;
  }

  private async roll(spools: Spool[]): Promise<void> {
    for (const spool of spools) {
      try {
        await spool.close();
        if (!this.failure) await this.options.finish(spool.path, spool.profiles);
      } catch (error) {
        this.fail(error);
      }
    }
  }

  private fail(error: unknown): void {
    if (this.failure) return;
    this.failure = error instanceof Error ? error : new Error(String(error));
    this.options.logger.error('data lake file failed; its spool is finished on the next start', { error: this.failure.message });
  }
}
