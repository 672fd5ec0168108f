/** A record count as people read it on a busy canvas: 950, 12.4k, 3.1M. */
export function formatCount(value: number): string {
  const magnitude = Math.abs(value);
  if (magnitude < 1000) return String(Math.round(value));
  for (const [limit, suffix] of [
    [1e12, 'T'],
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ] as const) {
    if (magnitude >= limit) {
      const scaled = value / limit;
      return `${Math.abs(scaled) >= 100 ? Math.round(scaled) : Number(scaled.toFixed(1))}${suffix}`;
    }
  }
  return String(value);
}

/** The exact count with thousands separators, for titles. */
export const exactCount = (value: number) => value.toLocaleString('en-US');
