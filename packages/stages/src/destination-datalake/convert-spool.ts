import type { StageLogger } from '@duto/engine';
import { parquetCompression } from './compression';
import { writeCsvFile } from './csv-file';
import type { ColumnType } from './parquet-columns';
import { writeParquetFile } from './parquet-file';

/** A spool to write as a CSV or Parquet file: plain data, so that it can be posted to a worker. */
export interface ConversionJob {
  format: 'csv' | 'parquet';
  spoolPath: string;
  /** The hidden file to write and fsync; the caller renames it into place. */
  target: string;
  compression?: 'snappy' | 'zstd' | 'none';
  /** The Parquet column types, when the records were profiled as they were spooled. */
  columns?: Array<{ name: string; type: ColumnType }>;
}

/** Writes a job's file: reads the spool, encodes, fsyncs. CPU-bound for seconds on a large file. */
export async function convertSpool(job: ConversionJob, logger: StageLogger): Promise<void> {
  if (job.format === 'csv') await writeCsvFile(job.spoolPath, job.target, logger);
  else await writeParquetFile(job.spoolPath, job.target, parquetCompression(job.compression ?? 'snappy'), logger, job.columns);
}
