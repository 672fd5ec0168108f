/**
 * Column values as JSON can carry them: timestamps as ISO-8601, bytes as base64, big
 * integers as numbers when exact, else as strings.
 */
export function jsonSafe(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (typeof value === 'bigint') return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (typeof value === 'object') {
    const row: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) row[key] = jsonSafe(item);
    return row;
  }
  return value;
}

export function jsonSafeRow(row: Record<string, unknown>): Record<string, unknown> {
  return jsonSafe(row) as Record<string, unknown>;
}
