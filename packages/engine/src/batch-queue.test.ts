import { describe, expect, it } from 'vitest';
import { BatchQueue } from './batch-queue';

describe('BatchQueue', () => {
  it('hands over a full batch at once, and a partial one after the wait', async () => {
    const queue = new BatchQueue<number>(100);
    const signal = new AbortController().signal;
    for (let i = 0; i < 5; i++) queue.push(i);
    expect(await queue.take(3, 10_000, signal)).toEqual([0, 1, 2]);
    const started = Date.now();
    expect(await queue.take(3, 100, signal)).toEqual([3, 4]);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('wakes a waiting taker when items arrive, and returns at abort', async () => {
    const queue = new BatchQueue<string>(10);
    const abort = new AbortController();
    const taking = queue.take(2, 5000, abort.signal);
    setTimeout(() => {
      queue.push('a');
      queue.push('b');
    }, 20);
    expect(await taking).toEqual(['a', 'b']);
    const empty = queue.take(2, 5000, abort.signal);
    setTimeout(() => abort.abort(), 20);
    expect(await empty).toEqual([]);
  });

  it('rejects the waiting and later takes once the source failed', async () => {
    const queue = new BatchQueue<number>(10);
    const signal = new AbortController().signal;
    const waiting = queue.take(2, 5000, signal);
    setTimeout(() => queue.fail(new Error('broker gone')), 20);
    await expect(waiting).rejects.toThrow('broker gone');
    queue.push(1);
    await expect(queue.take(1, 0, signal)).rejects.toThrow('broker gone');
  });

  it('makes producers wait while it is full', async () => {
    const queue = new BatchQueue<number>(2);
    queue.push(1);
    queue.push(2);
    let admitted = false;
    const waiting = queue.room().then(() => (admitted = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(admitted).toBe(false);
    queue.drain(1);
    await waiting;
    expect(admitted).toBe(true);
  });

  it('lets a waiting producer go when the reading stops or the source fails, and leaves no listener behind', async () => {
    const queue = new BatchQueue<number>(1);
    queue.push(1);
    const abort = new AbortController();
    const stopped = queue.room(abort.signal);
    abort.abort();
    await stopped;
    const failed = queue.room();
    queue.fail(new Error('broker gone'));
    await failed;

    const roomy = new BatchQueue<number>(1);
    const reading = new AbortController();
    let removed = 0;
    const removeEventListener = reading.signal.removeEventListener.bind(reading.signal);
    reading.signal.removeEventListener = (...args: Parameters<AbortSignal['removeEventListener']>) => {
      removed++;
      removeEventListener(...args);
    };
    roomy.push(1);
    const waiting = roomy.room(reading.signal);
    roomy.drain(1);
    await waiting;
    expect(removed).toBe(1);
  });
});
