import type { MetricsBucket, MetricsSnapshot } from '@duto/model';

/**
 * The dashboard's time series: one point per interval, with records per second in, out
 * and failed, for the pipeline and per stage, and each stage's batch time. Points come
 * from the stored history (10 s buckets) and from the live snapshots (counter deltas).
 */

export interface Rates {
  in: number;
  out: number;
  errors: number;
}

export interface StagePoint extends Rates {
  p50: number;
  p99: number;
}

export interface SeriesPoint {
  /** End of the interval, ms since the epoch (server time). */
  t: number;
  total: Rates;
  stages: Record<string, StagePoint>;
}

/** A fixed number of the newest items; the oldest go first. */
export class RingBuffer<T> {
  private readonly items: Array<T | undefined>;
  private start = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    this.items = new Array<T | undefined>(capacity);
  }

  push(item: T): void {
    this.items[(this.start + this.count) % this.capacity] = item;
    if (this.count < this.capacity) this.count++;
    else this.start = (this.start + 1) % this.capacity;
  }

  first(): T | undefined {
    return this.count === 0 ? undefined : this.items[this.start];
  }

  toArray(): T[] {
    return Array.from({ length: this.count }, (_, i) => this.items[(this.start + i) % this.capacity] as T);
  }
}

/** A closed history bucket as a point; a bucket still open (ending after `now`) gives none, live snapshots cover it. */
export function pointFromBucket(bucket: MetricsBucket, now: number): SeriesPoint | undefined {
  const start = Date.parse(bucket.start);
  const end = Date.parse(bucket.end);
  if (!(end > start) || end > now) return undefined;
  const seconds = (end - start) / 1000;
  const perSecond = (c: Rates): Rates => ({ in: c.in / seconds, out: c.out / seconds, errors: c.errors / seconds });
  const stages: Record<string, StagePoint> = {};
  for (const [id, stage] of Object.entries(bucket.stages)) {
    stages[id] = { ...perSecond(stage), p50: stage.batchMs.p50Max, p99: stage.batchMs.p99Max };
  }
  return { t: end, total: perSecond(bucket.totals), stages };
}

/**
 * Rates from consecutive snapshots: a point once at least `minStepMs` has passed since
 * the last one (snapshots come twice a second; steadier points chart better). Counters
 * that go down mean a new run: the next snapshot starts over from there.
 */
export class SnapshotRates {
  private base: { t: number; snapshot: MetricsSnapshot } | undefined;

  constructor(private readonly minStepMs = 2000) {}

  add(snapshot: MetricsSnapshot): SeriesPoint | undefined {
    const t = Date.parse(snapshot.at);
    const base = this.base;
    if (!base || t < base.t || restarted(base.snapshot, snapshot)) {
      this.base = { t, snapshot };
      return undefined;
    }
    if (t - base.t < this.minStepMs) return undefined;
    const seconds = (t - base.t) / 1000;
    const rate = (now: Rates, before: Rates | undefined): Rates => ({
      in: (now.in - (before?.in ?? 0)) / seconds,
      out: (now.out - (before?.out ?? 0)) / seconds,
      errors: (now.errors - (before?.errors ?? 0)) / seconds,
    });
    const stages: Record<string, StagePoint> = {};
    for (const [id, stage] of Object.entries(snapshot.stages)) {
      stages[id] = { ...rate(stage, base.snapshot.stages[id]), p50: stage.batchMs.p50, p99: stage.batchMs.p99 };
    }
    this.base = { t, snapshot };
    return { t, total: rate(snapshot.totals, base.snapshot.totals), stages };
  }
}

function restarted(before: MetricsSnapshot, now: MetricsSnapshot): boolean {
  return now.totals.in < before.totals.in || now.totals.out < before.totals.out || now.totals.errors < before.totals.errors;
}

/** Records per second in, out and failed, of the pipeline (no stage) or of one stage, for the throughput chart. */
export function throughputRows(points: readonly SeriesPoint[], stageId: string | undefined): Array<Rates & { t: number }> {
  return points.flatMap((p) => {
    const rates = stageId === undefined ? p.total : p.stages[stageId];
    return rates ? [{ t: p.t, in: rates.in, out: rates.out, errors: rates.errors }] : [];
  });
}

/** Batch time p50 and p99 of one stage, per point. */
export function stageBatchRows(points: readonly SeriesPoint[], stageId: string): Array<{ t: number; p50: number; p99: number }> {
  return points.flatMap((p) => {
    const stage = p.stages[stageId];
    return stage ? [{ t: p.t, p50: stage.p50, p99: stage.p99 }] : [];
  });
}

/** The batch time p99 of every stage, per point, for comparing the stages. */
export function everyStageBatchRows(points: readonly SeriesPoint[]): Array<{ t: number; p99: Record<string, number> }> {
  return points.map((p) => ({ t: p.t, p99: Object.fromEntries(Object.entries(p.stages).map(([id, stage]) => [id, stage.p99])) }));
}
