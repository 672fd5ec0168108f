/**
 * What the SQL stages share: which database a connection string names, identifiers
 * quoted for it (after the schema's pattern has validated them), and connection options.
 */
export type SqlDialect = 'postgres' | 'mysql';

export function sqlDialect(connectionString: string): SqlDialect {
  const scheme = connectionString.slice(0, connectionString.indexOf(':')).toLowerCase();
  if (scheme === 'postgres' || scheme === 'postgresql') return 'postgres';
  if (scheme === 'mysql' || scheme === 'mariadb') return 'mysql';
  throw new Error(`unsupported database URL scheme "${scheme}"; use postgres:// or mysql:// (mariadb://)`);
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** `schema.table` or `column`, each part quoted; refuses anything but plain identifiers. */
export function quoteIdentifier(dialect: SqlDialect, name: string): string {
  const parts = name.split('.');
  if (parts.length > 2 || !parts.every((p) => IDENTIFIER.test(p))) {
    throw new Error(`"${name}" is not a plain SQL identifier (letters, digits, _; optionally schema.table)`);
  }
  return parts.map((p) => (dialect === 'postgres' ? `"${p}"` : `\`${p}\``)).join('.');
}

/** Connection options from a URL and a separate password. */
export function connectionOptions(connectionString: string, password: string | undefined) {
  const url = new URL(connectionString.replace(/^(mariadb|postgresql):/, (m) => (m.startsWith('maria') ? 'mysql:' : 'postgres:')));
  return {
    host: url.hostname || '127.0.0.1',
    port: url.port ? Number(url.port) : undefined,
    user: decodeURIComponent(url.username) || undefined,
    password: password ?? (url.password ? decodeURIComponent(url.password) : undefined),
    database: url.pathname.replace(/^\//, '') || undefined,
  };
}
