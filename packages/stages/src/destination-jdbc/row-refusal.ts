/**
 * Tells a row the database refuses (a constraint, a value of the wrong type or size) from a
 * failure of the database itself (down, connection lost, table gone). The first is the
 * record's fault and goes to the error lane; the second fails the batch, to be retried.
 */
export function rowRefusal(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { message?: unknown; code?: unknown; sqlState?: unknown; errno?: unknown; detail?: unknown };
  const message = typeof e.message === 'string' ? e.message : String(error);
  if (typeof e.sqlState === 'string' && typeof e.errno === 'number') {
    return isMysqlDataError(e.sqlState, e.errno) ? `${message} (MariaDB/MySQL error ${e.errno}, SQLSTATE ${e.sqlState})` : undefined;
  }
  if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) && isDataSqlState(e.code)) {
    const detail = typeof e.detail === 'string' ? `: ${e.detail}` : '';
    return `${message}${detail} (SQLSTATE ${e.code})`;
  }
  return undefined;
}

/** SQLSTATE classes 22 (data exception) and 23 (integrity constraint violation). */
function isDataSqlState(sqlState: string): boolean {
  return sqlState.startsWith('22') || sqlState.startsWith('23');
}

/**
 * Row errors that MariaDB and MySQL report under the catch-all SQLSTATE HY000 or a warning
 * state promoted to an error by strict mode.
 */
const MYSQL_ROW_ERRORS = new Set([
  1265, // data truncated for column
  1364, // field has no default value
  1366, // incorrect value for column (e.g. text in an integer column)
  1411, // incorrect value for a function (e.g. STR_TO_DATE in a generated column)
  3140, // invalid JSON text (MySQL)
  4025, // CHECK constraint failed (MariaDB)
]);

function isMysqlDataError(sqlState: string, errno: number): boolean {
  return isDataSqlState(sqlState) || MYSQL_ROW_ERRORS.has(errno);
}
