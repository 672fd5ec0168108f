import type { MetricsBucket, MetricsResolution, MetricsSnapshot, PipelineStatus } from '@duto/model';
import type { RunListener } from '../runner/run-listener';
import type { MetricsHistoryStore, StoredBucket } from '../store/metrics-history-store';
import { addToBucket, bucketStart, deltaOf, emptyBucket, RESOLUTIONS } from './bucket';

type OpenBuckets = Record<MetricsResolution, StoredBucket>;

/**
 * Rolls the live snapshots up into 10 s and one-minute buckets. The open buckets live in
 * memory and are written when a 10 s bucket closes and when a run ends, so a crash of the
 * server loses at most the last 10 s; a bucket reopened after a restart continues from
 * what was stored.
 */
export class MetricsHistoryRecorder implements RunListener {
  private readonly previous = new Map<string, MetricsSnapshot>();
  private readonly open = new Map<string, OpenBuckets>();

  constructor(
    private readonly store: MetricsHistoryStore,
    private readonly now: () => number = Date.now,
  ) {}

  onSnapshot(snapshot: MetricsSnapshot): void {
    // After a run ends the supervisor republishes its last counts with the final state: nothing new.
    if (snapshot.state === 'STOPPED' || snapshot.state === 'FAILED') return;
    const { pipelineId } = snapshot;
    const delta = deltaOf(snapshot, this.previous.get(pipelineId));
    this.previous.set(pipelineId, snapshot);
    const at = Date.parse(snapshot.at);
    let open = this.open.get(pipelineId);
    if (open && open['10s'].start !== bucketStart(at, '10s')) this.persist(pipelineId);
    open = {
      '10s': this.reopen(pipelineId, '10s', at, open?.['10s']),
      '1m': this.reopen(pipelineId, '1m', at, open?.['1m']),
    };
    this.open.set(pipelineId, open);
    addToBucket(open['10s'].data, snapshot, delta);
    addToBucket(open['1m'].data, snapshot, delta);
  }

  onState(pipelineId: string, status: PipelineStatus): void {
    // A new run counts from 0 again.
    if (status.state === 'STARTING') this.previous.delete(pipelineId);
    if (status.state === 'STOPPED' || status.state === 'FAILED') {
      this.persist(pipelineId);
      this.open.delete(pipelineId);
      this.previous.delete(pipelineId);
    }
  }

  /** Stored buckets plus the open one, oldest first. */
  history(pipelineId: string, resolution: MetricsResolution, since: number, limit: number): MetricsBucket[] {
    const stored = this.store.list(pipelineId, resolution, since, limit);
    const open = this.open.get(pipelineId)?.[resolution];
    const buckets = open && open.start >= since ? [...stored.filter((b) => b.start !== open.start), open] : stored;
    const { widthMs } = RESOLUTIONS[resolution];
    return buckets.slice(-limit).map(({ start, data }) => ({
      start: new Date(start).toISOString(),
      end: new Date(start + widthMs).toISOString(),
      totals: data.totals,
      stages: data.stages,
      kafkaLag: data.kafkaLag,
    }));
  }

  /** Writes every open bucket (at shutdown). */
  close(): void {
    for (const pipelineId of this.open.keys()) this.persist(pipelineId);
  }

  private reopen(pipelineId: string, resolution: MetricsResolution, at: number, current: StoredBucket | undefined): StoredBucket {
    const start = bucketStart(at, resolution);
    if (current?.start === start) return current;
    return { start, data: this.store.get(pipelineId, resolution, start) ?? emptyBucket() };
  }

  private persist(pipelineId: string): void {
    const open = this.open.get(pipelineId);
    if (!open) return;
    this.store.write(
      pipelineId,
      (Object.keys(open) as MetricsResolution[]).map((resolution) => ({ resolution, ...open[resolution] })),
      this.now(),
    );
  }
}
