/**
 * Runs tasks one after another in the order they were queued, so that a roll started by a
 * timer never interleaves with a write appending to the same file.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    // A failed task must not stop the ones queued after it; its caller sees the failure.
    this.tail = result.catch(() => undefined);
    return result;
  }
}
