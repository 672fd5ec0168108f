import { quoteIdentifier, type SqlDialect } from '../common/sql';

export interface InsertShape {
  dialect: SqlDialect;
  table: string;
  columns: string[];
  rows: number;
  /** Set for upsert: the key columns the conflict is on (PostgreSQL names them, MariaDB uses any unique key). */
  keyColumns?: string[];
}

/** A multi-row INSERT (or upsert) with one placeholder per value; every name checked and quoted. */
export function insertStatement(shape: InsertShape): string {
  const { dialect, columns, keyColumns } = shape;
  const quote = (name: string) => quoteIdentifier(dialect, name);
  let n = 0;
  const placeholder = () => (dialect === 'postgres' ? `$${++n}` : '?');
  const tuple = () => `(${columns.map(placeholder).join(', ')})`;
  const tuples = Array.from({ length: shape.rows }, tuple).join(', ');
  const insert = `INSERT INTO ${quoteIdentifier(dialect, shape.table)} (${columns.map(quote).join(', ')}) VALUES ${tuples}`;
  if (keyColumns === undefined) return insert;

  const updated = columns.filter((c) => !keyColumns.includes(c));
  if (dialect === 'postgres') {
    const target = `ON CONFLICT (${keyColumns.map(quote).join(', ')})`;
    if (updated.length === 0) return `${insert} ${target} DO NOTHING`;
    return `${insert} ${target} DO UPDATE SET ${updated.map((c) => `${quote(c)} = EXCLUDED.${quote(c)}`).join(', ')}`;
  }
  // With nothing but the key to set, the update is a no-op that keeps the row as it is.
  const assigned = updated.length > 0 ? updated : keyColumns.slice(0, 1);
  return `${insert} ON DUPLICATE KEY UPDATE ${assigned.map((c) => `${quote(c)} = VALUES(${quote(c)})`).join(', ')}`;
}
