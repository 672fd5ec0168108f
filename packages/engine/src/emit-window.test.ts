import { describe, expect, it } from 'vitest';
import { EmitWindow } from './emit-window';

function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('EmitWindow', () => {
  it('follows each emit up in emit order, as soon as it and the earlier ones are durable', async () => {
    const window = new EmitWindow();
    const done: number[] = [];
    const [first, second] = [deferred(), deferred()];
    void window.add(first.promise, () => void done.push(1));
    const room = window.add(second.promise, () => void done.push(2));
    second.resolve();
    await tick();
    expect(done).toEqual([]);
    first.resolve();
    await room;
    await tick();
    expect(done).toEqual([1, 2]);
    await window.drain();
  });

  it('makes room for the next emit only once the oldest of two is followed up', async () => {
    const window = new EmitWindow();
    const first = deferred();
    await window.add(first.promise, () => {});
    let roomy = false;
    const room = window.add(Promise.resolve(), () => {}).then(() => (roomy = true));
    await tick();
    expect(roomy).toBe(false);
    first.resolve();
    await room;
    expect(roomy).toBe(true);
  });

  it('rejects, and follows up nothing after, once an emit failed', async () => {
    const window = new EmitWindow();
    const done: number[] = [];
    const failed = deferred();
    await window.add(failed.promise, () => void done.push(1));
    const room = window.add(Promise.resolve(), () => void done.push(2));
    failed.reject(new Error('destination down'));
    await expect(room).rejects.toThrow('destination down');
    await expect(window.drain()).rejects.toThrow('destination down');
    expect(done).toEqual([]);
  });

  it('is settled only once every emit has ended, also the ones after a failure', async () => {
    const window = new EmitWindow();
    const [failed, writing] = [deferred(), deferred()];
    await window.add(failed.promise, () => {});
    const room = window.add(writing.promise, () => {});
    failed.reject(new Error('destination down'));
    await expect(room).rejects.toThrow('destination down');
    let settled = false;
    const all = window.settled().then(() => (settled = true));
    await tick();
    expect(settled).toBe(false);
    writing.resolve();
    await all;
    expect(settled).toBe(true);
  });
});
