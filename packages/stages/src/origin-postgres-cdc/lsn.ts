/** PostgreSQL log sequence numbers ("16/B374D848") as numbers, for comparison and arithmetic. */
export function parseLsn(lsn: string): bigint {
  const [high, low] = lsn.split('/');
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}

export function formatLsn(value: bigint): string {
  return `${(value >> 32n).toString(16).toUpperCase()}/${(value & 0xffffffffn).toString(16).toUpperCase()}`;
}

/**
 * pg-logical-replication's acknowledge(lsn) reports lsn + 1 as flushed. To confirm exactly
 * the end of a committed transaction, pass it the LSN just before that end: confirming one
 * byte further could skip a transaction whose commit record starts right there.
 */
export function acknowledgeArgument(commitEndLsn: string): string {
  return formatLsn(parseLsn(commitEndLsn) - 1n);
}
