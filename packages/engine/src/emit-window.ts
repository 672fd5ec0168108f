import { EMITS_IN_FLIGHT } from './stage-runtime';

/**
 * The emits an origin has under way, EMITS_IN_FLIGHT at most, each followed, once it and
 * every earlier one resolved, by what the origin does for a durable batch (commit its
 * position, acknowledge its messages): in emit order, as soon as it can, even while the
 * origin waits for its next records.
 */
export class EmitWindow {
  private last: Promise<void> = Promise.resolve();
  private readonly open: Array<Promise<void>> = [];
  /** Settles once every emit added has settled, durable or failed. */
  private ended: Promise<unknown> = Promise.resolve();

  /** Adds an emit; resolves once there is room for the next one, rejects if an emit failed. */
  async add(written: Promise<void>, whenDurable: () => void | Promise<void>): Promise<void> {
    this.ended = Promise.allSettled([this.ended, written]);
    this.last = Promise.all([this.last, written]).then(whenDurable);
    // Awaited below or by `drain`; until then a failure must not count as unhandled.
    this.last.catch(() => undefined);
    this.open.push(this.last);
    if (this.open.length >= EMITS_IN_FLIGHT) await this.open.shift();
  }

  /** Resolves once every emit added is durable and followed up; rejects if one failed. */
  async drain(): Promise<void> {
    this.open.length = 0;
    await this.last;
  }

  /**
   * Resolves once no emit is being written any more, failed or not: an origin that fails
   * waits for this before it returns, so that nothing is closed under a write.
   */
  async settled(): Promise<void> {
    await this.ended;
  }
}
