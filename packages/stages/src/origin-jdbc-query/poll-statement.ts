import { quoteIdentifier, type SqlDialect } from '../common/sql';

export type PollSource = { table: string } | { query: string };

/** Which rows one poll reads, by the offset column: above `above`, up to `upTo`, at most `limit`. */
export interface PollBounds {
  above?: string;
  upTo?: string;
  limit?: number;
}

export interface Statement {
  sql: string;
  params: string[];
}

/**
 * Quoted text (strings, quoted names) is matched first and kept as it is, so that only a
 * bare `:offset` is a marker; not one inside `::offset` (a cast) or a longer name. MariaDB
 * strings escape with backslashes, PostgreSQL's standard strings do not.
 */
const OFFSET_MARKER: Record<SqlDialect, RegExp> = {
  postgres: /'(?:[^']|'')*'|"(?:[^"]|"")*"|(?<![:\w]):offset\b/g,
  mysql: /'(?:[^'\\]|\\.|'')*'|"(?:[^"\\]|\\.|"")*"|`(?:[^`]|``)*`|(?<![:\w]):offset\b/g,
};

/**
 * The SELECT of one poll, ordered by the offset column. Identifiers are checked and quoted,
 * every value is a bound parameter. A query is wrapped, so that the order and the limit are
 * the origin's whatever the query says.
 */
export function pollStatement(dialect: SqlDialect, source: PollSource, offsetColumn: string, bounds: PollBounds): Statement {
  const params: string[] = [];
  const bind = (value: string) => {
    params.push(value);
    return dialect === 'postgres' ? `$${params.length}` : '?';
  };
  const column = quoteIdentifier(dialect, offsetColumn);
  const conditions: string[] = [];
  let from: string;
  if ('table' in source) {
    from = quoteIdentifier(dialect, source.table);
    conditions.push(bounds.above === undefined ? `${column} IS NOT NULL` : `${column} > ${bind(bounds.above)}`);
  } else {
    const above = bounds.above;
    if (above === undefined) throw new Error('a query needs an offset to compare with :offset');
    const query = source.query.trim().replace(/;+\s*$/, '');
    from = `(${query.replace(OFFSET_MARKER[dialect], (token) => (token === ':offset' ? bind(above) : token))}) AS duto_poll`;
  }
  if (bounds.upTo !== undefined) conditions.push(`${column} <= ${bind(bounds.upTo)}`);
  const where = conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '';
  return { sql: `SELECT * FROM ${from}${where} ORDER BY ${column}${limitClause(bounds.limit)}`, params };
}

function limitClause(limit: number | undefined): string {
  if (limit === undefined) return '';
  // A LIMIT placeholder is not portable (MariaDB wants an integer-typed parameter);
  // the number is the pipeline's own batch size, checked here to be a plain integer.
  if (!Number.isSafeInteger(limit) || limit < 1) throw new Error(`invalid poll limit ${limit}`);
  return ` LIMIT ${limit}`;
}
