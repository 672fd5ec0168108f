import type { Emit, StageContext } from '@duto/engine';
import type { DutoRecord } from '@duto/model';
import { abortableSleep } from '../common/sleep';
import { pollStatement, type PollBounds, type PollSource } from './poll-statement';
import { rowOffset } from './row-offset';
import type { SqlReader } from './sql-reader';

export interface PollerOptions {
  source: PollSource;
  offsetColumn: string;
  /** Where to start when nothing was committed yet; undefined reads every row. */
  initialOffset: string | undefined;
  intervalMs: number;
  /** Attributes every record of this origin carries (table or query). */
  sourceAttributes: Record<string, string>;
}

/**
 * Reads rows above the committed offset, a batch at a time, until the pipeline stops. The
 * offset of a batch's last row is committed once the emit resolved, so a restart reads
 * again exactly the rows that were not durable yet.
 */
export async function pollUntilStopped(reader: SqlReader, options: PollerOptions, context: StageContext, emit: Emit): Promise<void> {
  const { signal, settings, offsets } = context;
  const read = (bounds: PollBounds) => {
    const statement = pollStatement(reader.dialect, options.source, options.offsetColumn, bounds);
    return reader.select(statement.sql, statement.params);
  };
  let offset = (await offsets.read()) ?? options.initialOffset;
  while (!signal.aborted) {
    // One row more than a batch tells whether the batch ends inside a run of equal offsets.
    const page = await read({ above: offset, limit: settings.batchSize + 1 });
    const full = page.length > settings.batchSize;
    const rows = full ? await wholeOffsetRuns(page, settings.batchSize, offset, options.offsetColumn, read) : page;
    if (rows.length > 0) {
      const records = rows.map((row): DutoRecord => ({
        value: row,
        attributes: { ...options.sourceAttributes, 'jdbc.offset': rowOffset(row, options.offsetColumn) },
      }));
      await emit({ records });
      offset = records.at(-1)!.attributes['jdbc.offset']!;
      await offsets.commit(offset);
    }
    if (!full) await abortableSleep(options.intervalMs, signal);
  }
}

/**
 * A batch may end inside a run of rows sharing one offset (a timestamp, say). Committing
 * that offset would skip the rest of the run forever, so the batch then stops before the
 * run and the next poll starts with it; a run longer than a batch is read whole.
 */
async function wholeOffsetRuns(
  page: Array<Record<string, unknown>>,
  batchSize: number,
  offset: string | undefined,
  offsetColumn: string,
  read: (bounds: PollBounds) => Promise<Array<Record<string, unknown>>>,
): Promise<Array<Record<string, unknown>>> {
  const batch = page.slice(0, batchSize);
  const last = rowOffset(batch.at(-1)!, offsetColumn);
  if (rowOffset(page[batchSize]!, offsetColumn) !== last) return batch;
  const runStart = batch.findIndex((row) => rowOffset(row, offsetColumn) === last);
  if (runStart > 0) return batch.slice(0, runStart);
  return read({ above: offset, upTo: last });
}
