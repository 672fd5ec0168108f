import { implementStage, PipelineStartError } from '@duto/engine';
import { urlEndpoint } from '../common/endpoints';
import { plainSecret } from '../common/secrets';
import { quoteIdentifier, sqlDialect } from '../common/sql';
import { originJdbcQuery } from './meta';
import type { PollSource } from './poll-statement';
import { pollUntilStopped } from './poller';
import { openSqlReader } from './sql-reader';

/**
 * Incremental polling of a PostgreSQL or MariaDB table (or query) on an offset column. A
 * failing database rejects run(), and the runner restarts the pipeline with backoff from the
 * last committed offset.
 */
export const originJdbcQueryImpl = implementStage(originJdbcQuery, async (config, context) => {
  const dialect = sqlDialect(config.connectionString);
  quoteIdentifier(dialect, config.offsetColumn);
  const source: PollSource = config.table !== undefined ? { table: config.table } : { query: config.query! };
  if ('table' in source) quoteIdentifier(dialect, source.table);
  // An empty initial offset means "every row", as the field's help says.
  const initialOffset = config.initialOffset === '' ? undefined : config.initialOffset;
  if ('query' in source && initialOffset === undefined && (await context.offsets.read()) === undefined) {
    throw new PipelineStartError(
      `stage "${context.stageId}": a query needs initialOffset for its first run, the value :offset starts above (e.g. 0, or 1970-01-01 for a timestamp)`,
    );
  }
  const reader = await openSqlReader(dialect, config.connectionString, plainSecret(config.password));
  const sourceAttributes: Record<string, string> = 'table' in source ? { 'jdbc.table': source.table } : { 'jdbc.query': source.query };

  return {
    kind: 'origin',
    runtime: {
      run: (emit, ready) => {
        ready();
        return pollUntilStopped(
          reader,
          { source, offsetColumn: config.offsetColumn, initialOffset, intervalMs: config.intervalMs!, sourceAttributes },
          context,
          emit,
        );
      },
      close: () => reader.close(),
    },
  };
}, { endpoints: (config) => urlEndpoint('/connectionString', config.connectionString) });
