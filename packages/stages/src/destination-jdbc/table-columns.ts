import type { SqlDialect } from '../common/sql';
import type { SqlWriter } from './sql-writer';

/** How a column takes a record's value: arrays natively (PostgreSQL arrays), MariaDB time values as SQL text. */
export type ColumnKind = 'array' | 'mysql-datetime' | 'plain';

export interface TableColumn {
  name: string;
  kind: ColumnKind;
}

const QUERIES = {
  postgres: `SELECT column_name, data_type FROM information_schema.columns
             WHERE table_schema = COALESCE($1::text, current_schema()) AND table_name = $2
             ORDER BY ordinal_position`,
  mysql: `SELECT COLUMN_NAME AS column_name, DATA_TYPE AS data_type FROM information_schema.COLUMNS
          WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ?
          ORDER BY ORDINAL_POSITION`,
};

/** The table's columns, read once at start; `table` is `name` or `schema.name`. */
export async function readTableColumns(writer: SqlWriter, table: string): Promise<TableColumn[]> {
  const [schema, name] = table.includes('.') ? table.split('.') : [null, table];
  const rows = await writer.select(QUERIES[writer.dialect], [schema, name]);
  if (rows.length === 0) throw new Error(`table ${table} does not exist, or its columns are not visible to this user`);
  return rows.map((row) => ({ name: String(row.column_name), kind: columnKind(writer.dialect, String(row.data_type).toLowerCase()) }));
}

function columnKind(dialect: SqlDialect, dataType: string): ColumnKind {
  if (dialect === 'postgres') return dataType === 'array' ? 'array' : 'plain';
  if (dataType === 'datetime' || dataType === 'timestamp') return 'mysql-datetime';
  return 'plain';
}
