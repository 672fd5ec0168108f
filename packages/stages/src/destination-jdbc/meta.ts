import Type from 'typebox';
import { defineStage } from '@duto/model';
import { DatabasePassword, SqlColumn, SqlConnectionString, SqlTable } from '../common/fields';

export const destinationJdbc = defineStage({
  type: 'destination.jdbc',
  category: 'destination',
  label: 'JDBC',
  description:
    'Inserts or upserts records as rows of a PostgreSQL or MariaDB table, one transaction per batch. Record fields map to columns of the same name.',
  icon: 'table',
  outputs: { kind: 'none' },
  configSchema: Type.Object(
    {
      connectionString: SqlConnectionString,
      password: DatabasePassword,
      table: SqlTable('Table to write to.'),
      mode: Type.Optional(
        Type.Enum(['insert', 'upsert'], {
          default: 'insert',
          description: 'insert adds rows; upsert updates the row with the same key columns, so replays do not duplicate.',
        }),
      ),
      keyColumns: Type.Optional(
        Type.Array(SqlColumn('A key column.'), { maxItems: 32, description: 'Columns of the primary or unique key, for upsert.' }),
      ),
    },
    { additionalProperties: false },
  ),
  lint: (config) =>
    config.mode === 'upsert' && (config.keyColumns?.length ?? 0) === 0
      ? [{ path: '/keyColumns', message: 'upsert needs at least one key column' }]
      : [],
  examples: [{ connectionString: 'postgres://postgres@127.0.0.1:5432/shop', table: 'public.readings', mode: 'upsert', keyColumns: ['id'] }],
});
