import { implementStage, PipelineStartError } from '@duto/engine';
import { LakePathError, resolveLakePath } from '../common/lake-path';
import { parquetCompression, UnsupportedCompressionError } from './compression';
import { FileNames, type OutputFormat } from './file-names';
import { finishSpool } from './finish-spool';
import { LakeWriter } from './lake-writer';
import type { ColumnProfiles } from './parquet-columns';
import type { ConversionJob } from './convert-spool';
import { destinationDatalake, partitionTemplateProblem } from './meta';
import { recoverOrphans } from './orphan-recovery';
import { PartitionFolders } from './partition-folder';
import { SpoolConverter } from './spool-converter';

/**
 * Writes records under the lake root in partition folders. A write is acknowledged once
 * its records are fsynced in hidden spool files; a spool becomes a visible file of the
 * configured format when it rolls. At start, spools left by a crashed run of this stage
 * are finished first, so a kill -9 loses nothing that was acknowledged.
 */
export const destinationDatalakeImpl = implementStage(destinationDatalake, async (config, context) => {
  const { logger, services } = context;
  const format = config.format as OutputFormat;
  const root = startChecked(() => resolveLakePath(services.lakeDir, config.path));
  const templateProblem = config.partitionBy === undefined ? undefined : partitionTemplateProblem(config.partitionBy);
  if (templateProblem) throw new PipelineStartError(`partitionBy ${templateProblem}`);
  const compression = config.compression as 'snappy' | 'zstd' | 'none';
  if (format === 'parquet') startChecked(() => parquetCompression(compression));

  const names = new FileNames(context.pipelineId, context.stageId);
  const converter = new SpoolConverter(logger);
  const convert = (job: ConversionJob) => converter.convert(job);
  const finish = (spoolPath: string, profiles?: ColumnProfiles) => finishSpool(spoolPath, { format, names, compression, convert }, profiles);
  const recovered = await recoverOrphans(root, names, finish, logger).catch(async (error: unknown) => {
    await converter.close();
    throw error;
  });
  if (recovered > 0) logger.info('finished files left by an earlier run', { files: recovered });

  const writer = new LakeWriter({
    lakeDir: services.lakeDir,
    folders: new PartitionFolders(config.path, config.partitionBy, config.timeField),
    names,
    limits: { records: config.rollRecords!, bytes: config.rollBytes!, intervalMs: config.rollIntervalMs! },
    finish,
    profileColumns: format === 'parquet',
    logger,
  });
  return {
    kind: 'destination',
    runtime: {
      write: (records) => writer.write(records),
      close: () => writer.close().finally(() => converter.close()),
    },
  };
});

/** A configuration that can never work is refused at start, without retries. */
function startChecked<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof LakePathError || error instanceof UnsupportedCompressionError) throw new PipelineStartError(error.message);
    throw error;
  }
}
