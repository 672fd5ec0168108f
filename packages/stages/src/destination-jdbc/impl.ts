import { implementStage, type RecordFailure } from '@duto/engine';
import { urlEndpoint } from '../common/endpoints';
import { plainSecret } from '../common/secrets';
import { quoteIdentifier, sqlDialect } from '../common/sql';
import { writeBatch } from './batch-writer';
import { destinationJdbc } from './meta';
import { RecordRows, type RowToWrite } from './record-rows';
import { openSqlWriter } from './sql-writer';
import { readTableColumns } from './table-columns';
import { assertUniqueKey } from './unique-keys';

/**
 * Inserts or upserts each batch into a PostgreSQL or MariaDB table in one transaction. The
 * table's columns are read at start; fields without a column are left out.
 */
export const destinationJdbcImpl = implementStage(destinationJdbc, async (config, context) => {
  const dialect = sqlDialect(config.connectionString);
  quoteIdentifier(dialect, config.table);
  const upsert = config.mode === 'upsert';
  const keyColumns = upsert ? (config.keyColumns ?? []) : [];
  for (const key of keyColumns) quoteIdentifier(dialect, key);

  const writer = openSqlWriter(dialect, config.connectionString, plainSecret(config.password));
  let rowsOf: RecordRows;
  try {
    rowsOf = new RecordRows(config.table, await readTableColumns(writer, config.table), keyColumns, context.logger);
    if (upsert) await assertUniqueKey(writer, config.table, rowsOf.keyColumns);
  } catch (error) {
    await writer.close();
    throw error;
  }
  const target = { table: config.table, upsertKeys: upsert ? rowsOf.keyColumns : undefined };

  return {
    kind: 'destination',
    runtime: {
      async write(records) {
        const unfit: RecordFailure[] = [];
        const rows: RowToWrite[] = [];
        for (const record of records) {
          const row = rowsOf.toRow(record);
          if ('reason' in row) unfit.push(row);
          else rows.push(row);
        }
        return [...unfit, ...(await writeBatch(writer, target, rows))];
      },
      close: () => writer.close(),
    },
  };
}, { endpoints: (config) => urlEndpoint('/connectionString', config.connectionString) });
