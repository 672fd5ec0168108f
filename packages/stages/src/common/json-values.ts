/**
 * Database values as JSON record values. Exact numbers (bigint, numeric, decimal) stay the
 * strings the drivers give, binary becomes base64, and time values become ISO 8601 text at
 * the precision the database holds (a JS Date would cut microseconds, and an offset cut
 * that way would read the same row again and again).
 */
export function toJsonValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (typeof value === 'object') return toJsonObject(value as Record<string, unknown>);
  return value;
}

export function toJsonObject(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) out[key] = toJsonValue(value);
  return out;
}

const SQL_DATETIME = /^(\d{4,}-\d\d-\d\d) (\d\d:\d\d:\d\d(?:\.\d+)?)(\+00)?$/;

/**
 * `2024-01-02 03:04:05.123456` as the database writes it, as `2024-01-02T03:04:05.123456`;
 * with `Z` when it is an instant read in UTC. Anything else (infinity, BC dates, MariaDB's
 * zero dates) is kept as the database wrote it.
 */
export function isoDateTime(sqlText: string, instant: boolean): string {
  const match = SQL_DATETIME.exec(sqlText);
  if (!match) return sqlText;
  return `${match[1]}T${match[2]}${instant || match[3] ? 'Z' : ''}`;
}
