/**
 * Runs tasks one after another in the order they were handed in; once one failed, every
 * later one fails with its error without running, so that nothing is ever written ahead
 * of an earlier write that failed.
 */
export class InOrder {
  private last: Promise<unknown> = Promise.resolve();

  run<T>(task: () => T | Promise<T>): Promise<T> {
    const result = this.last.then(task);
    this.last = result;
    return result;
  }
}
