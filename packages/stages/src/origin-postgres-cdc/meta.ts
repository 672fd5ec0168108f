import Type from 'typebox';
import { defineStage } from '@duto/model';
import { DatabasePassword, PostgresConnectionString, SQL_IDENTIFIER, SqlTable } from '../common/fields';

export const originPostgresCdc = defineStage({
  type: 'origin.postgres-cdc',
  category: 'origin',
  label: 'PostgreSQL CDC',
  description:
    'Streams inserts, updates and deletes in commit order through logical replication (pgoutput). The slot is confirmed only after a batch is committed downstream. Needs wal_level=logical; a stopped pipeline\'s slot keeps WAL on the server.',
  icon: 'database',
  outputs: { kind: 'single' },
  configSchema: Type.Object(
    {
      connectionString: PostgresConnectionString,
      password: DatabasePassword,
      tables: Type.Array(SqlTable('A table to capture.'), { minItems: 1, maxItems: 500, description: 'Tables to capture.' }),
      slotName: Type.String({
        pattern: '^[a-z0-9_]{1,63}$',
        description: 'Replication slot; created when missing. One slot per pipeline.',
      }),
      publication: Type.String({
        pattern: SQL_IDENTIFIER,
        description: 'Publication listing the tables; created when missing.',
      }),
      snapshot: Type.Optional(
        Type.Boolean({
          default: false,
          description: 'Whether existing rows are read first, at the slot\'s consistent point, before streaming changes.',
        }),
      ),
    },
    { additionalProperties: false },
  ),
  examples: [
    {
      connectionString: 'postgres://postgres@127.0.0.1:5432/shop',
      tables: ['public.orders', 'public.customers'],
      slotName: 'duto_shop',
      publication: 'duto_shop',
      snapshot: true,
    },
  ],
});
