import type { ColumnKind } from './table-columns';

/**
 * A record field's value as a statement parameter: objects and arrays as JSON text (arrays
 * natively into PostgreSQL array columns), ISO time text as MariaDB takes it.
 */
export function columnValue(value: unknown, kind: ColumnKind): unknown {
  if (value === undefined || value === null) return null;
  if (kind === 'array' && Array.isArray(value)) return value;
  if (typeof value === 'object') return JSON.stringify(value);
  if (kind === 'mysql-datetime' && typeof value === 'string') return mysqlDateTime(value);
  return value;
}

const ISO_DATETIME = /^(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d:\d\d)(\.\d{1,6})?\d*(Z|[+-]\d\d(?::?\d\d)?)?$/;

/**
 * MariaDB refuses ISO 8601 text with a zone (`…Z`, `…+02:00`) for DATETIME and TIMESTAMP.
 * An instant is written as its UTC wall-clock time (the session's zone), keeping the
 * microseconds a Date would lose; text it cannot read is passed on for MariaDB to judge.
 */
export function mysqlDateTime(text: string): string {
  const match = ISO_DATETIME.exec(text);
  if (!match) return text;
  const [, date, time, fraction = '', zone] = match;
  if (zone === undefined || zone === 'Z') return `${date} ${time}${fraction}`;
  const utc = new Date(`${date}T${time}${normalizedZone(zone)}`);
  if (Number.isNaN(utc.getTime())) return text;
  const iso = utc.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${fraction}`;
}

/** `+02`, `+0200` and `+02:00` as `+02:00`, which Date parses. */
function normalizedZone(zone: string): string {
  const digits = zone.slice(1).replace(':', '');
  return `${zone[0]}${digits.slice(0, 2)}:${digits.slice(2, 4) || '00'}`;
}
