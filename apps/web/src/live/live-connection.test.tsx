import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MetricsSnapshot } from '@duto/model';
import { LiveConnection, type LiveSocket, type SocketEvents } from './live-connection';

/** A WebSocket stand-in: records what is sent; the test opens, feeds and drops it. */
class FakeSocket implements LiveSocket {
  readonly sent: unknown[] = [];
  closedByClient = false;
  constructor(private readonly events: SocketEvents) {}
  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }
  close(): void {
    this.closedByClient = true;
  }
  open(): void {
    this.events.open();
  }
  receive(message: object): void {
    this.events.message(JSON.stringify(message));
  }
  drop(): void {
    this.events.close();
  }
}

function snapshot(pipelineId: string, inCount: number): MetricsSnapshot {
  return {
    pipelineId,
    at: new Date(1_800_000_000_000 + inCount).toISOString(),
    state: 'RUNNING',
    totals: { in: inCount, out: inCount, errors: 0, recordsPerSec: 1 },
    stages: {},
    kafkaLag: {},
  };
}

describe('the live connection', () => {
  let sockets: FakeSocket[];
  let connection: LiveConnection;
  const last = () => sockets[sockets.length - 1]!;

  beforeEach(() => {
    vi.useFakeTimers();
    sockets = [];
    connection = new LiveConnection({
      openSocket: (events) => {
        const socket = new FakeSocket(events);
        sockets.push(socket);
        return socket;
      },
      initialDelayMs: 100,
      maxDelayMs: 1000,
      idleCloseMs: 2000,
      random: () => 0.5, // no spread: delays are exactly initial × 2^n
    });
  });

  afterEach(() => vi.useRealTimers());

  it('opens one socket for every watcher and subscribes each pipeline once, once the socket is open', () => {
    const stopA1 = connection.watch('a', {});
    connection.watch('a', {});
    connection.watch('b', {});
    expect(sockets).toHaveLength(1);
    expect(last().sent).toEqual([]);
    expect(connection.status()).toBe('connecting');
    last().open();
    expect(last().sent).toEqual([{ subscribe: 'a' }, { subscribe: 'b' }]);
    expect(connection.status()).toBe('open');
    connection.watch('c', {});
    expect(last().sent).toEqual([{ subscribe: 'a' }, { subscribe: 'b' }, { subscribe: 'c' }]);
    stopA1();
    expect(last().sent).toHaveLength(3);
  });

  it('unsubscribes when the last watcher of a pipeline leaves, and closes the idle socket later', () => {
    const stopFirst = connection.watch('a', {});
    const stopSecond = connection.watch('a', {});
    last().open();
    stopFirst();
    expect(last().sent).toEqual([{ subscribe: 'a' }]);
    stopSecond();
    expect(last().sent).toEqual([{ subscribe: 'a' }, { unsubscribe: 'a' }]);
    vi.advanceTimersByTime(1999);
    expect(last().closedByClient).toBe(false);
    vi.advanceTimersByTime(1);
    expect(last().closedByClient).toBe(true);
    expect(connection.status()).toBe('idle');
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
  });

  it('keeps the socket when a watcher comes back within the idle time', () => {
    connection.watch('a', {})();
    last().open();
    vi.advanceTimersByTime(1000);
    connection.watch('a', {});
    vi.advanceTimersByTime(5000);
    expect(sockets).toHaveLength(1);
    expect(last().closedByClient).toBe(false);
    expect(last().sent).toEqual([{ subscribe: 'a' }]);
  });

  it('delivers snapshots, state and alert events to the watchers of their pipeline only', () => {
    const seen: string[] = [];
    connection.watch('a', { snapshot: (s) => seen.push(`a:snapshot:${s.totals.in}`), state: (e) => seen.push(`a:state:${e.state}`) });
    connection.watch('b', { snapshot: (s) => seen.push(`b:snapshot:${s.totals.in}`), alert: (e) => seen.push(`b:alert:${e.firing}`) });
    last().open();
    last().receive(snapshot('a', 5));
    last().receive({ pipelineId: 'a', event: 'state', state: 'STOPPING' });
    last().receive({ pipelineId: 'b', event: 'alert', firing: true, alert: { id: 'x' } });
    last().receive(snapshot('c', 9));
    last().receive({ error: { code: 'DUTO_NOT_FOUND', message: 'no pipeline' } });
    expect(seen).toEqual(['a:snapshot:5', 'a:state:STOPPING', 'b:alert:true']);
    expect(connection.latest('a')?.totals.in).toBe(5);
  });

  it('hands a later watcher the newest snapshot at once', () => {
    connection.watch('a', {});
    last().open();
    last().receive(snapshot('a', 7));
    const seen: number[] = [];
    connection.watch('a', { snapshot: (s) => seen.push(s.totals.in) });
    expect(seen).toEqual([7]);
    expect(last().sent).toEqual([{ subscribe: 'a' }]);
  });

  it('reconnects with a doubling delay, capped, and subscribes every watched pipeline again', () => {
    connection.watch('a', {});
    connection.watch('b', {});
    last().open();
    last().drop();
    expect(connection.status()).toBe('reconnecting');
    const delays: number[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      const before = sockets.length;
      let waited = 0;
      while (sockets.length === before) {
        vi.advanceTimersByTime(10);
        waited += 10;
      }
      delays.push(waited);
      last().drop(); // the server is still away
    }
    expect(delays).toEqual([100, 200, 400, 800, 1000]);
    vi.advanceTimersByTime(1000);
    last().open();
    expect(connection.status()).toBe('open');
    expect(last().sent).toEqual([{ subscribe: 'a' }, { subscribe: 'b' }]);
    // A successful open starts the backoff over.
    last().drop();
    vi.advanceTimersByTime(99);
    const count = sockets.length;
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(count + 1);
  });

  it('does not resubscribe a pipeline nobody watches any more after a reconnect', () => {
    connection.watch('a', {});
    const stopB = connection.watch('b', {});
    last().open();
    last().drop();
    stopB();
    vi.advanceTimersByTime(100);
    last().open();
    expect(last().sent).toEqual([{ subscribe: 'a' }]);
  });

  it('ignores a socket it has replaced', () => {
    const seen: number[] = [];
    connection.watch('a', { snapshot: (s) => seen.push(s.totals.in) });
    const first = last();
    first.open();
    first.drop();
    vi.advanceTimersByTime(100);
    first.receive(snapshot('a', 1));
    first.drop();
    last().open();
    last().receive(snapshot('a', 2));
    expect(seen).toEqual([2]);
    expect(sockets).toHaveLength(2);
  });
});
