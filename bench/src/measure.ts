/** How long a count may stand still before the bench gives up on a run. */
const STALL_MS = 60_000;
const POLL_MS = 100;

/** When records first arrived (and how many had by then), and when the last one did (performance.now()). */
export interface Arrivals {
  firstAt: number;
  firstCount: number;
  lastAt: number;
}

/**
 * Polls `read` until it answers `expected`. Fails when a count goes past `expected`
 * (records were repeated: every scenario must deliver exactly its records), when nothing
 * moves for a minute, or when the measured process fails.
 */
export async function reachCount(what: string, read: () => Promise<number>, expected: number, failure: Promise<never>): Promise<Arrivals> {
  // Not Promise.race with `failure`: a race per poll would pile up reactions on it.
  const failed: { error?: unknown } = {};
  failure.catch((error: unknown) => (failed.error = error ?? new Error('failed')));
  let first: { at: number; count: number } | undefined;
  let last = -1;
  let movedAt = performance.now();
  for (;;) {
    const count = await read();
    if (failed.error) throw failed.error;
    const now = performance.now();
    if (count > 0) first ??= { at: now, count };
    if (count === expected) return { firstAt: first!.at, firstCount: first!.count, lastAt: now };
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
 * Records per second between the first arrival seen and the last: the steady rate, the
 * same for a runner and a baseline whatever their start-up takes or reads ahead before
 * they report ready. A run that arrived in one poll counts from the start of that poll.
 */
export function arrivalRate(expected: number, { firstAt, firstCount, lastAt }: Arrivals, pollStartedAt: number): number {
  if (firstCount === expected) return expected / ((lastAt - pollStartedAt) / 1000);
  return (expected - firstCount) / ((lastAt - firstAt) / 1000);
}

/** p-quantile of sorted values (nearest rank). */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
