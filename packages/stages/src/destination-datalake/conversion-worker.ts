/**
 * The entry of a data lake destination's conversion thread: turns spools into CSV or
 * Parquet files (see SpoolConverter), so that encoding never holds up the runner's reading
 * and writing. Bundled beside the runner as conversion-worker.mjs.
 */
import { parentPort } from 'node:worker_threads';
import type { StageLogger } from '@duto/engine';
import { convertSpool, type ConversionJob } from './convert-spool';
import type { FromConverter } from './spool-converter';

const port = parentPort!;
const post = (message: FromConverter) => port.postMessage(message);
const logger: StageLogger = {
  info: (message, extra) => post({ type: 'log', level: 'info', message, extra }),
  warn: (message, extra) => post({ type: 'log', level: 'warn', message, extra }),
  error: (message, extra) => post({ type: 'log', level: 'error', message, extra }),
};

port.on('message', ({ id, job }: { id: number; job: ConversionJob }) => {
  convertSpool(job, logger).then(
    () => post({ type: 'done', id }),
    (error: unknown) => post({ type: 'done', id, error: error instanceof Error ? error.message : String(error) }),
  );
});
