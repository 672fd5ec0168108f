import { unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ConversionJob } from './convert-spool';
import { renameDurably } from './durable-fs';
import type { FileNames, OutputFormat } from './file-names';
import type { ColumnProfiles } from './parquet-columns';

export interface FinishOptions {
  format: OutputFormat;
  names: FileNames;
  /** Required for Parquet. */
  compression?: ConversionJob['compression'];
  /** Writes a CSV or Parquet file from a spool (convertSpool, or on a thread: SpoolConverter). */
  convert: (job: ConversionJob) => Promise<void>;
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
  const { format, names } = options;
  const folder = dirname(spoolPath);
  const spoolName = basename(spoolPath);
  const finalPath = join(folder, names.finalOf(spoolName, format));
  if (format === 'jsonl') {
    await renameDurably(spoolPath, finalPath);
    return finalPath;
  }
  const tempPath = join(folder, names.tempOf(spoolName, format));
  await options.convert({ format, spoolPath, target: tempPath, compression: options.compression, columns: profiles?.columns() });
  await renameDurably(tempPath, finalPath);
  await unlink(spoolPath);
  return finalPath;
}
