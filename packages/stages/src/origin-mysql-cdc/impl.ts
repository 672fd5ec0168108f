import mysql from 'mysql2/promise';
import type { ConnectionOptions } from 'mysql2';
import { implementStage, type StageContext } from '@duto/engine';
import { plainSecret } from '../common/secrets';
import { assertRowFormat, assertStillOnServer, binlogEnd, formatPosition, parsePosition, positionText, type BinlogPosition } from './binlog-position';
import { BinlogReader } from './binlog-reader';
import { ChangeBuffer } from './change-buffer';
import { emitUntilStopped } from './emit-changes';
import { originMysqlCdc } from './meta';
import { previewServerId } from './preview';

/** Batches the buffer may hold before reading pauses. */
const BUFFERED_BATCHES = 10;

/**
 * Change capture from the MySQL/MariaDB row binlog. It resumes from the last committed
 * transaction boundary; a first run starts at the current end of the binlog and commits
 * that position at once, so that a restart resumes from there.
 */
export const originMysqlCdcImpl = implementStage(originMysqlCdc, async (config, context) => {
  const connection: ConnectionOptions = {
    host: config.host,
    port: config.port,
    user: config.user,
    password: plainSecret(config.password),
  };
  const from = await startingPosition(connection, context);
  context.logger.info(`reading the binlog from ${positionText(from)}`, { serverId: config.serverId });

  return {
    kind: 'origin',
    runtime: {
      async run(emit, ready) {
        const buffer = new ChangeBuffer();
        const reader = new BinlogReader({
          connection,
          serverId: context.mode === 'preview' ? previewServerId() : config.serverId,
          tables: capturedTables(config.database, config.tables),
          from,
          buffer,
          maxBuffered: BUFFERED_BATCHES * context.settings.batchSize,
        });
        try {
          await reader.start();
          ready();
          await emitUntilStopped(reader, buffer, context, emit);
        } finally {
          await reader.stop();
        }
      },
    },
  };
}, { endpoints: (config) => [{ path: '/host', host: config.host, port: config.port! }] });

async function startingPosition(connection: ConnectionOptions, context: StageContext): Promise<BinlogPosition> {
  const control = await mysql.createConnection(connection);
  try {
    await assertRowFormat(control);
    const committed = await context.offsets.read();
    if (committed !== undefined) {
      const from = parsePosition(committed);
      await assertStillOnServer(control, from);
      return from;
    }
    const end = await binlogEnd(control);
    await context.offsets.commit(formatPosition(end));
    return end;
  } finally {
    await control.end().catch(() => control.destroy());
  }
}

/** `orders` is a table of the configured database; `other_db.orders` names its own. */
function capturedTables(database: string, tables: string[]): Record<string, string[]> {
  const byDatabase: Record<string, string[]> = {};
  for (const name of tables) {
    const [db, table] = name.includes('.') ? name.split('.') : [database, name];
    (byDatabase[db!] ??= []).push(table!);
  }
  return byDatabase;
}
