/** A record time in epoch milliseconds from epoch ms or an ISO-8601 string; undefined if neither. */
export function parseRecordTime(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    return Number.isFinite(ms) ? ms : undefined;
  }
  return undefined;
}
