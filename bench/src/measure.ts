/** How long a count may stand still before the bench gives up on a run. */
const STALL_MS = 60_000;
const POLL_MS = 100;

/**
 * Polls `read` until it answers `expected`. Fails when a count goes past `expected`
 * (records were repeated: every scenario must deliver exactly its records), when nothing
 * moves for a minute, or when the measured process fails.
 */
export async function reachCount(what: string, read: () => Promise<number>, expected: number, failure: Promise<never>): Promise<number> {
  // Not Promise.race with `failure`: a race per poll would pile up reactions on it.
  const failed: { error?: unknown } = {};
  failure.catch((error: unknown) => (failed.error = error ?? new Error('failed')));
  let last = -1;
  let movedAt = performance.now();
  for (;;) {
    const count = await read();
    if (failed.error) throw failed.error;
    const now = performance.now();
    if (count === expected) return now;
    if (count > expected) throw new Error(`${what}: ${count} records, expected exactly ${expected}`);
    if (count !== last) {
      last = count;
      movedAt = now;
    } else if (now - movedAt > STALL_MS) {
      throw new Error(`${what}: stuck at ${count} of ${expected} records for ${STALL_MS / 1000} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    if (failed.error) throw failed.error;
  }
}

/**
 * Records per second from the moment the process reported ready (it has just connected to
 * its source) until the last record was seen at the destination: the time a backlog takes
 * to drain. Not from the first record seen: a client that reads its whole backlog into
 * memory before its first write (the raw MQTT subscriber acknowledges as it reads) would
 * have its reading left out.
 */
export function drainRate(expected: number, readyAt: number, lastAt: number): number {
  return expected / ((lastAt - readyAt) / 1000);
}

/** p-quantile of sorted values (nearest rank). */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
