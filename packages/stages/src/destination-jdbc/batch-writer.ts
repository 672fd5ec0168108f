import type { RecordFailure } from '@duto/engine';
import { insertStatement } from './insert-statement';
import type { RowToWrite } from './record-rows';
import { rowRefusal } from './row-refusal';
import type { SqlTransaction, SqlWriter } from './sql-writer';

export interface BatchTarget {
  table: string;
  /** Set for upsert. */
  upsertKeys?: string[];
}

/**
 * Writes a batch in one transaction. When the database refuses a row, the transaction is
 * rolled back and the batch written again row by row, each behind a savepoint, so that the
 * good rows are committed together and the refused ones come back as failures with the
 * database's message. Any other error (the database is down) rejects: the batch is retried.
 */
export async function writeBatch(writer: SqlWriter, target: BatchTarget, rows: RowToWrite[]): Promise<RecordFailure[]> {
  if (rows.length === 0) return [];
  try {
    await writer.transaction((tx) => writeStatements(tx, writer, target, rows));
    return [];
  } catch (error) {
    if (rowRefusal(error) === undefined) throw error;
    return writer.transaction((tx) => writeRowByRow(tx, writer, target, rows));
  }
}

async function writeStatements(tx: SqlTransaction, writer: SqlWriter, target: BatchTarget, rows: RowToWrite[]): Promise<void> {
  for (const group of sameColumns(rows)) {
    const unique = target.upsertKeys ? lastPerKey(group, target.upsertKeys) : group;
    for (const chunk of withinStatementLimits(unique)) {
      const sql = insertStatement({ dialect: writer.dialect, table: target.table, columns: chunk[0]!.columns, rows: chunk.length, keyColumns: target.upsertKeys });
      await tx.execute(sql, chunk.flatMap((row) => row.values));
    }
  }
}

async function writeRowByRow(tx: SqlTransaction, writer: SqlWriter, target: BatchTarget, rows: RowToWrite[]): Promise<RecordFailure[]> {
  const refused: RecordFailure[] = [];
  for (const row of rows) {
    const sql = insertStatement({ dialect: writer.dialect, table: target.table, columns: row.columns, rows: 1, keyColumns: target.upsertKeys });
    await tx.execute('SAVEPOINT duto_row');
    try {
      await tx.execute(sql, row.values);
      await tx.execute('RELEASE SAVEPOINT duto_row');
    } catch (error) {
      const reason = rowRefusal(error);
      if (reason === undefined) throw error;
      await tx.execute('ROLLBACK TO SAVEPOINT duto_row');
      refused.push({ record: row.record, reason });
    }
  }
  return refused;
}

/** Runs of consecutive rows that set the same columns: one statement shape each, order kept. */
function sameColumns(rows: RowToWrite[]): RowToWrite[][] {
  const groups: RowToWrite[][] = [];
  let signature: string | undefined;
  for (const row of rows) {
    const current = row.columns.join('\u0000');
    if (current === signature) groups.at(-1)!.push(row);
    else groups.push([row]);
    signature = current;
  }
  return groups;
}

/**
 * One upsert statement may not touch a row twice (PostgreSQL refuses it): of the records
 * with the same key, the last one is written, as if they had been written in turn.
 */
function lastPerKey(rows: RowToWrite[], keys: string[]): RowToWrite[] {
  const positions = keys.map((key) => rows[0]!.columns.indexOf(key));
  const keyOf = (row: RowToWrite) => JSON.stringify(positions.map((p) => row.values[p]));
  const last = new Map<string, RowToWrite>();
  for (const row of rows) last.set(keyOf(row), row);
  return rows.filter((row) => last.get(keyOf(row)) === row);
}

/** Both databases take at most 65,535 parameters a statement; MariaDB's packets are 16 MiB by default. */
const MAX_PARAMETERS = 65_535;
const MAX_STATEMENT_BYTES = 4 * 1024 * 1024;

function withinStatementLimits(rows: RowToWrite[]): RowToWrite[][] {
  const chunks: RowToWrite[][] = [];
  let chunk: RowToWrite[] = [];
  let parameters = 0;
  let bytes = 0;
  for (const row of rows) {
    const size = row.values.reduce<number>((sum, value) => sum + approximateBytes(value), 0);
    if (chunk.length > 0 && (parameters + row.values.length > MAX_PARAMETERS || bytes + size > MAX_STATEMENT_BYTES)) {
      chunks.push(chunk);
      chunk = [];
      parameters = 0;
      bytes = 0;
    }
    chunk.push(row);
    parameters += row.values.length;
    bytes += size;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

function approximateBytes(value: unknown): number {
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (Array.isArray(value)) return Buffer.byteLength(JSON.stringify(value));
  return 8;
}
