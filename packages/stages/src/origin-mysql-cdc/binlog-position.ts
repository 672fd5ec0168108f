import { PipelineStartError } from '@duto/engine';
import type { Connection, RowDataPacket } from 'mysql2/promise';

/** A point in the server's binlog: a file and a byte position in it. */
export interface BinlogPosition {
  file: string;
  position: number;
}

/** The committed form: `{"file":"mysql-bin.000002","position":328}`. */
export function formatPosition(at: BinlogPosition): string {
  return JSON.stringify({ file: at.file, position: at.position });
}

export function parsePosition(committed: string): BinlogPosition {
  const parsed: unknown = JSON.parse(committed);
  if (typeof parsed === 'object' && parsed !== null) {
    const { file, position } = parsed as Record<string, unknown>;
    if (typeof file === 'string' && typeof position === 'number' && Number.isSafeInteger(position)) return { file, position };
  }
  throw new Error(`committed binlog position ${committed} is not {"file": string, "position": integer}`);
}

export const positionText = (at: BinlogPosition) => `${at.file}:${at.position}`;

/** Where the binlog ends now: where a first run starts. */
export async function binlogEnd(control: Connection): Promise<BinlogPosition> {
  const [rows] = await control.query<RowDataPacket[]>('SHOW MASTER STATUS').catch(
    // MySQL 8.4 renamed the statement.
    () => control.query<RowDataPacket[]>('SHOW BINARY LOG STATUS'),
  );
  const status = rows[0];
  if (!status) throw new PipelineStartError('the server writes no binlog: change capture needs log_bin=ON and binlog_format=ROW');
  return { file: String(status.File), position: Number(status.Position) };
}

/**
 * A position the server no longer has (purged by binlog_expire_logs_seconds or PURGE BINARY
 * LOGS while the pipeline was stopped) would silently lose every change in between:
 * refuse to start, and say what to do.
 */
export async function assertStillOnServer(control: Connection, at: BinlogPosition): Promise<void> {
  const [logs] = await control.query<RowDataPacket[]>('SHOW BINARY LOGS');
  const names = logs.map((log) => String(log.Log_name));
  const file = logs.find((log) => log.Log_name === at.file);
  if (file && at.position <= Number(file.File_size)) return;
  const what = file
    ? `lies beyond the end of ${at.file} (${file.File_size} bytes): the binlog was reset or belongs to another server`
    : `is no longer on the server, whose binlogs now are ${names[0] ?? '(none)'} to ${names.at(-1) ?? '(none)'}: the changes after it were purged (binlog_expire_logs_seconds or PURGE BINARY LOGS) while the pipeline was stopped`;
  throw new PipelineStartError(
    `binlog position ${positionText(at)} ${what}. Those changes cannot be read, and skipping them would lose them silently. ` +
      'To go on: copy the captured tables afresh (e.g. with origin.jdbc-query), then start change capture from the current end of the binlog ' +
      'by giving this stage a new id or importing the pipeline as a new one; keep binlogs longer than a pipeline may stay stopped.',
  );
}

/** Row events are written only in ROW format; in any other, changes would pass unseen. */
export async function assertRowFormat(control: Connection): Promise<void> {
  const [[settings]] = await control.query<RowDataPacket[]>('SELECT @@GLOBAL.binlog_format AS format, @@GLOBAL.log_bin AS logBin');
  if (!settings || Number(settings.logBin) !== 1 || String(settings.format).toUpperCase() !== 'ROW') {
    throw new PipelineStartError(
      `change capture needs log_bin=ON and binlog_format=ROW; the server has log_bin=${settings?.logBin}, binlog_format=${settings?.format}`,
    );
  }
}
