import type { MetricsBucket, MetricsResolution, MetricsSnapshot } from '@duto/model';

/** Bucket widths and how long each is kept. */
export const RESOLUTIONS: Record<MetricsResolution, { widthMs: number; retentionMs: number }> = {
  '10s': { widthMs: 10_000, retentionMs: 24 * 60 * 60 * 1000 },
  '1m': { widthMs: 60_000, retentionMs: 30 * 24 * 60 * 60 * 1000 },
};

/** A bucket's figures without its time span; `samples` counts the snapshots in the means. */
export interface BucketData {
  samples: number;
  totals: MetricsBucket['totals'];
  stages: MetricsBucket['stages'];
  kafkaLag: MetricsBucket['kafkaLag'];
}

/** Counts of one snapshot minus the previous one of the same run. */
export interface SnapshotDelta {
  totals: { in: number; out: number; errors: number };
  stages: Record<string, { in: number; out: number; errors: number }>;
}

export const emptyBucket = (): BucketData => ({ samples: 0, totals: { in: 0, out: 0, errors: 0, recordsPerSec: 0 }, stages: {}, kafkaLag: {} });

/** Adds one snapshot to a bucket: its deltas to the sums, its rates to the means, its batch times and lag to the maxima. */
export function addToBucket(bucket: BucketData, snapshot: MetricsSnapshot, delta: SnapshotDelta): void {
  const n = bucket.samples + 1;
  const mean = (old: number, value: number) => round(old + (value - old) / n);
  bucket.totals = {
    in: bucket.totals.in + delta.totals.in,
    out: bucket.totals.out + delta.totals.out,
    errors: bucket.totals.errors + delta.totals.errors,
    recordsPerSec: mean(bucket.totals.recordsPerSec, snapshot.totals.recordsPerSec),
  };
  for (const [stageId, stage] of Object.entries(snapshot.stages)) {
    const old = bucket.stages[stageId] ?? { in: 0, out: 0, errors: 0, recordsPerSec: 0, batchMs: { p50Max: 0, p99Max: 0 } };
    const d = delta.stages[stageId] ?? { in: 0, out: 0, errors: 0 };
    bucket.stages[stageId] = {
      in: old.in + d.in,
      out: old.out + d.out,
      errors: old.errors + d.errors,
      recordsPerSec: mean(old.recordsPerSec, stage.recordsPerSec),
      batchMs: { p50Max: Math.max(old.batchMs.p50Max, stage.batchMs.p50), p99Max: Math.max(old.batchMs.p99Max, stage.batchMs.p99) },
    };
  }
  for (const [partition, lag] of Object.entries(snapshot.kafkaLag)) bucket.kafkaLag[partition] = Math.max(bucket.kafkaLag[partition] ?? 0, lag);
  bucket.samples = n;
}

/**
 * The counts a snapshot adds to the previous one. Counters start at 0 with each run, so a
 * count lower than before means a new run, whose whole count is new.
 */
export function deltaOf(snapshot: MetricsSnapshot, previous: MetricsSnapshot | undefined): SnapshotDelta {
  const diff = (now: number, before: number | undefined) => (before === undefined || now < before ? now : now - before);
  const counts = (now: { in: number; out: number; errors: number }, before: { in: number; out: number; errors: number } | undefined) => ({
    in: diff(now.in, before?.in),
    out: diff(now.out, before?.out),
    errors: diff(now.errors, before?.errors),
  });
  return {
    totals: counts(snapshot.totals, previous?.totals),
    stages: Object.fromEntries(Object.entries(snapshot.stages).map(([id, stage]) => [id, counts(stage, previous?.stages[id])])),
  };
}

export const bucketStart = (atMs: number, resolution: MetricsResolution) => atMs - (atMs % RESOLUTIONS[resolution].widthMs);

const round = (n: number) => Math.round(n * 100) / 100;
