import { quoteIdentifier } from '../common/sql';
import type { SqlWriter } from './sql-writer';

const QUERIES = {
  postgres: `SELECT i.indexrelid::text AS index_name, a.attname::text AS column_name
             FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
             WHERE i.indrelid = to_regclass($1) AND i.indisunique AND i.indpred IS NULL`,
  mysql: `SELECT INDEX_NAME AS index_name, COLUMN_NAME AS column_name FROM information_schema.STATISTICS
          WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ? AND NON_UNIQUE = 0`,
};

/**
 * Upsert is idempotent only on a primary key or unique index of exactly the key columns.
 * PostgreSQL would refuse every statement without one; MariaDB would insert duplicates
 * without a word (ON DUPLICATE KEY finds no key), so this is checked at start.
 */
export async function assertUniqueKey(writer: SqlWriter, table: string, keyColumns: string[]): Promise<void> {
  const [schema, name] = table.includes('.') ? table.split('.') : [null, table];
  const params = writer.dialect === 'postgres' ? [quoteIdentifier('postgres', table)] : [schema, name];
  const rows = await writer.select(QUERIES[writer.dialect], params);
  const indexes = new Map<string, Set<string>>();
  for (const row of rows) {
    const index = String(row.index_name);
    indexes.set(index, (indexes.get(index) ?? new Set()).add(String(row.column_name)));
  }
  const wanted = new Set(keyColumns);
  const matches = [...indexes.values()].some((columns) => columns.size === wanted.size && [...wanted].every((c) => columns.has(c)));
  if (!matches) {
    throw new Error(`upsert needs a primary key or unique index on exactly (${keyColumns.join(', ')}) in ${table}; without one a replay would add duplicates`);
  }
}
