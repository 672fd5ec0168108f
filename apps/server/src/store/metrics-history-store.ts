import type { Database } from 'better-sqlite3';
import type { MetricsResolution } from '@duto/model';
import { RESOLUTIONS, type BucketData } from '../metrics/bucket';

export interface StoredBucket {
  start: number;
  data: BucketData;
}

/** Rolled-up metrics buckets in SQLite, pruned to their retention as they are written. */
export class MetricsHistoryStore {
  constructor(private readonly db: Database) {}

  get(pipelineId: string, resolution: MetricsResolution, start: number): BucketData | undefined {
    const row = this.db
      .prepare(`SELECT data FROM metrics_buckets WHERE pipeline_id = ? AND resolution = ? AND bucket_start = ?`)
      .get(pipelineId, resolution, start) as { data: string } | undefined;
    return row && (JSON.parse(row.data) as BucketData);
  }

  /** Writes the buckets in one transaction, and drops buckets older than their retention. */
  write(pipelineId: string, buckets: Array<{ resolution: MetricsResolution; start: number; data: BucketData }>, nowMs: number): void {
    const upsert = this.db.prepare(
      `INSERT INTO metrics_buckets (pipeline_id, resolution, bucket_start, samples, data) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (pipeline_id, resolution, bucket_start) DO UPDATE SET samples = excluded.samples, data = excluded.data`,
    );
    const prune = this.db.prepare(`DELETE FROM metrics_buckets WHERE resolution = ? AND bucket_start < ?`);
    this.db.transaction(() => {
      for (const b of buckets) upsert.run(pipelineId, b.resolution, b.start, b.data.samples, JSON.stringify(b.data));
      for (const [resolution, { retentionMs }] of Object.entries(RESOLUTIONS)) prune.run(resolution, nowMs - retentionMs);
    })();
  }

  /** The newest `limit` buckets starting at or after `since`, oldest first. */
  list(pipelineId: string, resolution: MetricsResolution, since: number, limit: number): StoredBucket[] {
    const rows = this.db
      .prepare(
        `SELECT bucket_start, data FROM metrics_buckets WHERE pipeline_id = ? AND resolution = ? AND bucket_start >= ?
         ORDER BY bucket_start DESC LIMIT ?`,
      )
      .all(pipelineId, resolution, since, limit) as Array<{ bucket_start: number; data: string }>;
    return rows.reverse().map((r) => ({ start: r.bucket_start, data: JSON.parse(r.data) as BucketData }));
  }
}
