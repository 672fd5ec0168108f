import Type from 'typebox';
import { defineStage, type ConfigProblem } from '@duto/model';
import { DatabasePassword, SqlColumn, SqlConnectionString, SqlTable } from '../common/fields';

export const originJdbcQuery = defineStage({
  type: 'origin.jdbc-query',
  category: 'origin',
  label: 'JDBC query',
  description:
    'Polls a PostgreSQL or MariaDB table for rows whose offset column is above the last committed offset. Rows committed out of offset order can be missed and deletes are never seen: use CDC to capture every change.',
  icon: 'table',
  outputs: { kind: 'single' },
  configSchema: Type.Object(
    {
      connectionString: SqlConnectionString,
      password: DatabasePassword,
      table: Type.Optional(SqlTable('Table to poll (or give a query).')),
      query: Type.Optional(
        Type.String({
          minLength: 1,
          maxLength: 20_000,
          description:
            'SELECT to run instead of a table, with :offset where the last committed offset goes; Duto orders by the offset column and limits each poll. Its column names must be unique.',
        }),
      ),
      offsetColumn: SqlColumn('Column that grows with every new row (an id or a timestamp).'),
      initialOffset: Type.Optional(
        Type.String({ maxLength: 200, description: 'Offset to start above on the first run; empty reads every row.' }),
      ),
      intervalMs: Type.Optional(
        Type.Integer({ minimum: 100, maximum: 86_400_000, default: 5000, description: 'Time between polls when no new rows came.' }),
      ),
    },
    { additionalProperties: false },
  ),
  lint: (config) => {
    const problems: ConfigProblem[] = [];
    if ((config.table === undefined) === (config.query === undefined)) {
      problems.push({ path: '/table', message: 'give either a table or a query, not both' });
    }
    if (config.query !== undefined && !config.query.includes(':offset')) {
      problems.push({ path: '/query', message: 'must use :offset where the last committed offset goes' });
    }
    if (config.query !== undefined && config.initialOffset === undefined) {
      problems.push({ path: '/initialOffset', message: 'is required with a query: the first poll binds it to :offset' });
    }
    return problems;
  },
  examples: [
    { connectionString: 'postgres://postgres@127.0.0.1:5432/shop', table: 'public.orders', offsetColumn: 'id', intervalMs: 1000 },
    {
      connectionString: 'mysql://root@127.0.0.1:3306/shop',
      query: 'SELECT id, status, updated_at FROM orders WHERE updated_at > :offset',
      offsetColumn: 'updated_at',
      initialOffset: '2026-01-01 00:00:00',
    },
  ],
});
