import type { DutoRecord } from '@duto/model';
import type { BinlogPosition } from './binlog-position';

type Entry = { record: DutoRecord } | { boundary: BinlogPosition };

export interface ChangeBatch {
  records: DutoRecord[];
  /** The position after the last transaction the records complete: where a restart may resume once they are durable. */
  resumeAt?: BinlogPosition;
}

/**
 * The changes read from the binlog and not emitted yet, in binlog order, with the
 * transaction boundaries between them. Only a boundary is a safe place to resume: a
 * position inside a transaction lacks the table-map events its rows need.
 */
export class ChangeBuffer {
  private entries: Entry[] = [];
  private changeCount = 0;
  private arrival: { promise: Promise<void>; resolve: () => void } | undefined;
  private failure: Error | undefined;

  get changes(): number {
    return this.changeCount;
  }

  get isEmpty(): boolean {
    return this.entries.length === 0;
  }

  addChange(record: DutoRecord): void {
    this.entries.push({ record });
    this.changeCount += 1;
    this.notify();
  }

  addBoundary(position: BinlogPosition): void {
    const last = this.entries.at(-1);
    // Back-to-back boundaries (transactions on other tables) keep only the latest.
    if (last && 'boundary' in last) last.boundary = position;
    else this.entries.push({ boundary: position });
    this.notify();
  }

  /** Up to `max` changes, with the boundaries among them and those right after the last. */
  take(max: number): ChangeBatch {
    const batch: ChangeBatch = { records: [] };
    let taken = 0;
    for (const entry of this.entries) {
      if ('record' in entry) {
        if (batch.records.length === max) break;
        batch.records.push(entry.record);
      } else {
        batch.resumeAt = entry.boundary;
      }
      taken += 1;
    }
    this.entries.splice(0, taken);
    this.changeCount -= batch.records.length;
    return batch;
  }

  /** Every change up to the last boundary; a transaction not complete yet is dropped, to be read again from that boundary. */
  takeCompleted(): ChangeBatch {
    const end = this.entries.findLastIndex((entry) => 'boundary' in entry);
    const completed = this.entries.slice(0, end + 1);
    this.entries = [];
    this.changeCount = 0;
    const batch: ChangeBatch = { records: completed.flatMap((entry) => ('record' in entry ? [entry.record] : [])) };
    const last = completed.at(-1);
    if (last && 'boundary' in last) batch.resumeAt = last.boundary;
    return batch;
  }

  /**
   * Resolves when the next change or boundary comes in, when `timeoutMs` passed, or on
   * `wake`; rejects once reading failed. (Not a race against a stop or failure promise that
   * lives as long as the reading: each race would leave a reaction on it, one per arrival.)
   */
  async nextArrival(timeoutMs?: number): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.arrival) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      this.arrival = { promise, resolve };
    }
    if (timeoutMs === undefined) await this.arrival.promise;
    else {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.arrival.promise, new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.max(0, timeoutMs))))]);
      clearTimeout(timer);
    }
    if (this.failure) throw this.failure;
  }

  /** Wakes a wait for the next arrival: the origin is stopping. */
  wake(): void {
    this.notify();
  }

  /** Reading failed: the wait for an arrival, and every later one, rejects with `error`. */
  fail(error: Error): void {
    this.failure ??= error;
    this.notify();
  }

  private notify(): void {
    const arrival = this.arrival;
    this.arrival = undefined;
    arrival?.resolve();
  }
}
