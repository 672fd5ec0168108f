import { describe, expect, it } from 'vitest';
import { ChangeBuffer } from './change-buffer';

const change = (n: number) => ({ value: { n }, attributes: {} });

describe('ChangeBuffer waits', () => {
  it('end at the next change, at the time limit, or on wake', async () => {
    const buffer = new ChangeBuffer();
    const arrived = buffer.nextArrival();
    buffer.addChange(change(1));
    await arrived;
    const started = Date.now();
    await buffer.nextArrival(30);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    const woken = buffer.nextArrival();
    buffer.wake();
    await woken;
    expect(buffer.changes).toBe(1);
  });

  it('reject, the waiting one and every later one, once reading failed', async () => {
    const buffer = new ChangeBuffer();
    const waiting = buffer.nextArrival();
    buffer.fail(new Error('binlog connection lost'));
    await expect(waiting).rejects.toThrow('binlog connection lost');
    await expect(buffer.nextArrival(10)).rejects.toThrow('binlog connection lost');
  });
});
