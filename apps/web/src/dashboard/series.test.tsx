import { describe, expect, it } from 'vitest';
import type { MetricsBucket, MetricsSnapshot } from '@duto/model';
import { everyStageBatchRows, pointFromBucket, RingBuffer, SnapshotRates, stageBatchRows, throughputRows, type SeriesPoint } from './series';
import { createSeriesStore, WINDOW_MS } from './series-store';

const T0 = Date.parse('2026-11-25T10:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

function bucket(startMs: number, counts: { in: number; out: number; errors: number }, p99 = 8): MetricsBucket {
  return {
    start: iso(startMs),
    end: iso(startMs + 10_000),
    totals: { ...counts, recordsPerSec: counts.in / 10 },
    stages: { gen: { ...counts, recordsPerSec: counts.in / 10, batchMs: { p50Max: p99 / 2, p99Max: p99 } } },
    kafkaLag: {},
  };
}

function snapshot(atMs: number, total: number, errors = 0, p99 = 4): MetricsSnapshot {
  return {
    pipelineId: 'p',
    at: iso(atMs),
    state: 'RUNNING',
    totals: { in: total, out: total - errors, errors, recordsPerSec: 0 },
    stages: {
      gen: { in: 0, out: total, errors: 0, recordsPerSec: 0, batchMs: { p50: 1, p99: 2 } },
      expr: { in: total, out: total - errors, errors, recordsPerSec: 0, batchMs: { p50: p99 / 2, p99 } },
    },
    kafkaLag: {},
  };
}

describe('the ring buffer', () => {
  it('keeps the newest items in order once full', () => {
    const ring = new RingBuffer<number>(3);
    expect(ring.toArray()).toEqual([]);
    for (const n of [1, 2, 3, 4, 5]) ring.push(n);
    expect(ring.toArray()).toEqual([3, 4, 5]);
    expect(ring.first()).toBe(3);
    ring.push(6);
    expect(ring.toArray()).toEqual([4, 5, 6]);
  });
});

describe('points from the history', () => {
  it('turns a closed 10 s bucket into rates per second at its end', () => {
    const point = pointFromBucket(bucket(T0, { in: 500, out: 480, errors: 20 }, 12), T0 + 60_000)!;
    expect(point.t).toBe(T0 + 10_000);
    expect(point.total).toEqual({ in: 50, out: 48, errors: 2 });
    expect(point.stages.gen).toEqual({ in: 50, out: 48, errors: 2, p50: 6, p99: 12 });
  });

  it('leaves out the bucket still open: its counts are partial', () => {
    expect(pointFromBucket(bucket(T0, { in: 50, out: 50, errors: 0 }), T0 + 5_000)).toBeUndefined();
  });
});

describe('points from live snapshots', () => {
  it('derives rates from the counter deltas, at most one point per step', () => {
    const rates = new SnapshotRates(2000);
    expect(rates.add(snapshot(T0, 1000))).toBeUndefined(); // the baseline
    expect(rates.add(snapshot(T0 + 500, 1050))).toBeUndefined();
    const point = rates.add(snapshot(T0 + 2000, 1200, 10, 9))!;
    expect(point.t).toBe(T0 + 2000);
    expect(point.total).toEqual({ in: 100, out: 95, errors: 5 });
    expect(point.stages.expr).toEqual({ in: 100, out: 95, errors: 5, p50: 4.5, p99: 9 });
    expect(rates.add(snapshot(T0 + 4000, 1400, 10))!.total).toEqual({ in: 100, out: 100, errors: 0 });
  });

  it('starts over when the counters go down: a new run began', () => {
    const rates = new SnapshotRates(2000);
    rates.add(snapshot(T0, 5000));
    expect(rates.add(snapshot(T0 + 2000, 40))).toBeUndefined();
    expect(rates.add(snapshot(T0 + 4000, 240))!.total.in).toBe(100);
  });

  it('counts a stage that appeared since the last snapshot from zero', () => {
    const rates = new SnapshotRates(1000);
    const first = snapshot(T0, 0);
    delete (first.stages as Record<string, unknown>).expr;
    rates.add(first);
    expect(rates.add(snapshot(T0 + 1000, 30))!.stages.expr!.in).toBe(30);
  });
});

describe('the series store', () => {
  it('shows the history first, then the live points, over the last 15 minutes only', () => {
    const opened = T0 + 20 * 60_000;
    let clock = opened;
    const store = createSeriesStore({ clock: () => clock });
    let changes = 0;
    store.subscribe(() => changes++);
    const buckets = [-18, -14, -10, -5, -1].map((min) => bucket(clock + min * 60_000, { in: 100, out: 100, errors: 0 }));
    store.loadHistory(buckets);
    expect(store.points().map((p) => p.t)).toEqual([-14, -10, -5, -1].map((min) => clock + min * 60_000 + 10_000));
    expect(changes).toBe(1);

    const before = store.points();
    store.addSnapshot(snapshot(clock, 1000));
    expect(store.points()).toBe(before); // a baseline makes no point and no change
    clock += 2000;
    store.addSnapshot(snapshot(clock, 1400));
    const points = store.points();
    expect(points).toHaveLength(5);
    expect(points[4]!.total.in).toBe(200);
    expect(changes).toBe(2);

    // Ten minutes on, the oldest history has left the window.
    clock += 10 * 60_000;
    store.addSnapshot(snapshot(clock, 2000));
    expect(store.points().every((p) => p.t >= store.now() - WINDOW_MS)).toBe(true);
    expect(store.points().map((p) => p.t)).toEqual([opened - 5 * 60_000 + 10_000, opened - 60_000 + 10_000, opened + 2000, clock]);
  });

  it('drops history that overlaps the live points, whichever arrives first', () => {
    let clock = T0;
    const store = createSeriesStore({ clock: () => clock });
    store.addSnapshot(snapshot(clock, 0));
    clock += 2000;
    store.addSnapshot(snapshot(clock, 100));
    clock += 20_000;
    store.loadHistory([bucket(T0 - 30_000, { in: 1, out: 1, errors: 0 }), bucket(T0 - 10_000, { in: 1, out: 1, errors: 0 }), bucket(T0, { in: 1, out: 1, errors: 0 })]);
    expect(store.points().map((p) => p.t)).toEqual([T0 - 20_000, T0, T0 + 2000]);
  });

  it('keeps at most its capacity of live points', () => {
    let clock = T0;
    const store = createSeriesStore({ capacity: 4, clock: () => clock });
    for (let i = 0; i <= 10; i++) {
      store.addSnapshot(snapshot(clock, i * 100));
      clock += 2000;
    }
    expect(store.points()).toHaveLength(4);
  });

  it('uses the server’s clock as the snapshots tell it', () => {
    const store = createSeriesStore({ clock: () => T0 });
    store.addSnapshot(snapshot(T0 + 90_000, 0));
    expect(store.now()).toBe(T0 + 90_000);
  });
});

describe('chart rows', () => {
  const points: SeriesPoint[] = [
    { t: 1, total: { in: 10, out: 9, errors: 1 }, stages: { a: { in: 10, out: 10, errors: 0, p50: 1, p99: 3 }, b: { in: 10, out: 9, errors: 1, p50: 2, p99: 7 } } },
    { t: 2, total: { in: 20, out: 20, errors: 0 }, stages: { a: { in: 20, out: 20, errors: 0, p50: 1, p99: 4 } } },
  ];

  it('picks the pipeline’s or one stage’s rates', () => {
    expect(throughputRows(points, undefined)).toEqual([
      { t: 1, in: 10, out: 9, errors: 1 },
      { t: 2, in: 20, out: 20, errors: 0 },
    ]);
    expect(throughputRows(points, 'b')).toEqual([{ t: 1, in: 10, out: 9, errors: 1 }]);
  });

  it('picks one stage’s batch times, or every stage’s p99', () => {
    expect(stageBatchRows(points, 'a')).toEqual([
      { t: 1, p50: 1, p99: 3 },
      { t: 2, p50: 1, p99: 4 },
    ]);
    expect(everyStageBatchRows(points)).toEqual([
      { t: 1, p99: { a: 3, b: 7 } },
      { t: 2, p99: { a: 4 } },
    ]);
  });
});
