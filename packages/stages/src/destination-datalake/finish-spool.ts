import { unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { StageLogger } from '@duto/engine';
import type { ParquetCompression } from './compression';
import { writeCsvFile } from './csv-file';
import { renameDurably } from './durable-fs';
import type { FileNames, OutputFormat } from './file-names';
import { writeParquetFile } from './parquet-file';
import type { ColumnProfiles } from './parquet-columns';

export interface FinishOptions {
  format: OutputFormat;
  names: FileNames;
  /** Required for Parquet. */
  compression?: ParquetCompression;
  logger: StageLogger;
}

/**
 * Turns a complete spool into its visible file, in the same folder. JSON lines are the
 * spool itself, renamed. CSV and Parquet are written as a hidden temporary file, fsynced,
 * renamed into place, and only then is the spool deleted: a crash at any step leaves
 * either the spool (finished again on the next start, to the same final name) or the
 * complete visible file, never a partial visible file. `profiles`: the Parquet column
 * types, when the records were observed as they were spooled.
 */
export async function finishSpool(spoolPath: string, options: FinishOptions, profiles?: ColumnProfiles): Promise<string> {
  const { format, names, logger } = options;
  const folder = dirname(spoolPath);
  const spoolName = basename(spoolPath);
  const finalPath = join(folder, names.finalOf(spoolName, format));
  if (format === 'jsonl') {
    await renameDurably(spoolPath, finalPath);
    return finalPath;
  }
  const tempPath = join(folder, names.tempOf(spoolName, format));
  if (format === 'csv') await writeCsvFile(spoolPath, tempPath, logger);
  else await writeParquetFile(spoolPath, tempPath, options.compression!, logger, profiles);
  await renameDurably(tempPath, finalPath);
  await unlink(spoolPath);
  return finalPath;
}
