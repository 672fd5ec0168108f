/**
 * The buffer between a push-style source (MQTT messages, replication stream) and the
 * origin's emit loop. `take` hands over a batch when `max` items are there, or when the
 * first item has waited `waitMs`; `room` lets a source that can pause wait while the
 * queue is full, so memory stays bounded.
 */
export class BatchQueue<T> {
  private items: T[] = [];
  private firstAt = 0;
  private wakeTaker: (() => void) | undefined;
  private wakeProducers: Array<() => void> = [];
  private failure: Error | undefined;

  constructor(private readonly capacity: number) {}

  get length(): number {
    return this.items.length;
  }

  get full(): boolean {
    return this.items.length >= this.capacity;
  }

  push(item: T): void {
    if (this.items.length === 0) this.firstAt = Date.now();
    this.items.push(item);
    this.wakeTaker?.();
  }

  /** Resolves once the queue is below its capacity, `signal` aborted, or the source failed. */
  async room(signal?: AbortSignal): Promise<void> {
    while (this.items.length >= this.capacity && !signal?.aborted && !this.failure) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          signal?.removeEventListener('abort', wake);
          resolve();
        };
        this.wakeProducers.push(wake);
        signal?.addEventListener('abort', wake, { once: true });
      });
    }
  }

  /**
   * The source failed: the waiting `take` and every later one reject with `error`. (A
   * source's failure must not be raced against `take` with Promise.race: every race adds
   * a reaction to the never-settling failure promise, which keeps each batch ever taken.)
   */
  fail(error: Error): void {
    this.failure ??= error;
    this.wakeTaker?.();
    for (const wake of this.wakeProducers.splice(0)) wake();
  }

  /**
   * Up to `max` items, waiting for the batch to fill at most `waitMs` after its first item
   * arrived. Returns what there is (possibly nothing) once `signal` aborts; rejects once
   * the source failed.
   */
  async take(max: number, waitMs: number, signal: AbortSignal): Promise<T[]> {
    while (!signal.aborted) {
      if (this.failure) throw this.failure;
      const waited = Date.now() - this.firstAt;
      if (this.items.length >= max || (this.items.length > 0 && waited >= waitMs)) break;
      const timeout = this.items.length > 0 ? waitMs - waited : undefined;
      await this.sleep(timeout, signal);
    }
    if (this.failure) throw this.failure;
    return this.drain(max);
  }

  /** Up to `max` items at once, without waiting. */
  drain(max: number): T[] {
    const taken = this.items.splice(0, max);
    if (this.items.length > 0) this.firstAt = Date.now();
    const producers = this.wakeProducers;
    this.wakeProducers = [];
    for (const wake of producers) wake();
    return taken;
  }

  private sleep(timeoutMs: number | undefined, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.wakeTaker = undefined;
        resolve();
      };
      const timer = timeoutMs === undefined ? undefined : setTimeout(done, Math.max(0, timeoutMs));
      signal.addEventListener('abort', done, { once: true });
      this.wakeTaker = done;
    });
  }
}
