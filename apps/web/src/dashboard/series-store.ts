import type { MetricsBucket, MetricsSnapshot } from '@duto/model';
import { pointFromBucket, RingBuffer, SnapshotRates, type SeriesPoint } from './series';

export const WINDOW_MS = 15 * 60_000;

export interface SeriesStore {
  /** Replaces the points from the stored history (older than the first live point). */
  loadHistory(buckets: readonly MetricsBucket[]): void;
  addSnapshot(snapshot: MetricsSnapshot): void;
  /** The points of the last 15 minutes, oldest first; a new array only when they changed. */
  points(): readonly SeriesPoint[];
  /** The server's time now, as far as the snapshots tell (charts and the server may not share a clock). */
  now(): number;
  subscribe(listener: () => void): () => void;
}

/**
 * The dashboard's series, kept outside React: the history loaded on open, then a point
 * per live interval in a ring buffer. Only the charts subscribe, so a new point redraws
 * them and nothing else on the page.
 */
export function createSeriesStore({ capacity = 900, clock = Date.now }: { capacity?: number; clock?: () => number } = {}): SeriesStore {
  let history: SeriesPoint[] = [];
  const live = new RingBuffer<SeriesPoint>(capacity);
  const rates = new SnapshotRates();
  let skewMs = 0;
  let view: readonly SeriesPoint[] = [];
  const listeners = new Set<() => void>();
  const now = () => clock() + skewMs;

  const rebuild = () => {
    const from = now() - WINDOW_MS;
    const firstLive = live.first()?.t ?? Infinity;
    view = [...history.filter((p) => p.t >= from && p.t < firstLive), ...live.toArray().filter((p) => p.t >= from)];
    for (const listener of [...listeners]) listener();
  };

  return {
    loadHistory(buckets) {
      history = buckets.flatMap((bucket) => pointFromBucket(bucket, now()) ?? []);
      rebuild();
    },
    addSnapshot(snapshot) {
      skewMs = Date.parse(snapshot.at) - clock();
      const point = rates.add(snapshot);
      if (!point) return;
      live.push(point);
      rebuild();
    },
    points: () => view,
    now,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
