import Type from 'typebox';
import { defineStage } from '@duto/model';
import { DatabasePassword, SQL_IDENTIFIER, SqlTable } from '../common/fields';

export const originMysqlCdc = defineStage({
  type: 'origin.mysql-cdc',
  category: 'origin',
  label: 'MySQL / MariaDB CDC',
  description:
    'Streams inserts, updates and deletes from the row binlog of MySQL or MariaDB, resuming from the last committed binlog position. Needs log_bin, binlog_format=ROW and a server_id.',
  icon: 'database',
  outputs: { kind: 'single' },
  configSchema: Type.Object(
    {
      host: Type.String({ minLength: 1, maxLength: 255, default: '127.0.0.1', description: 'Database host.' }),
      port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65_535, default: 3306, description: 'Database port.' })),
      user: Type.String({ minLength: 1, maxLength: 255, description: 'User with REPLICATION SLAVE and REPLICATION CLIENT rights.' }),
      password: DatabasePassword,
      database: Type.String({ pattern: SQL_IDENTIFIER, description: 'Database (schema) whose tables are captured.' }),
      tables: Type.Array(SqlTable('A table to capture.'), { minItems: 1, maxItems: 500, description: 'Tables to capture.' }),
      serverId: Type.Integer({
        minimum: 1,
        maximum: 4_294_967_295,
        description: 'Replica server id; unique among everything that reads this server\'s binlog.',
      }),
    },
    { additionalProperties: false },
  ),
  examples: [{ host: '127.0.0.1', port: 3306, user: 'root', database: 'shop', tables: ['orders'], serverId: 4101 }],
});
