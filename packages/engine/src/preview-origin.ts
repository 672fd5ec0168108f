import type { DutoRecord } from '@duto/model';
import { PreviewError } from './preview-errors';
import type { Emit, OffsetStore, OriginRuntime, RecordFailure, StageLogger } from './stage-runtime';

/** What an origin gave a preview. */
export interface OriginSample {
  records: DutoRecord[];
  /** Items the origin read but could not make a record of (e.g. a payload that is not JSON). */
  failures: RecordFailure[];
  /** The timeout ended the reading before `maxRecords` came. */
  timedOut: boolean;
}

export interface SampleLimits {
  /** Records (and unreadable items) to take at most. */
  maxRecords: number;
  timeoutMs: number;
  /** How long the aborted origin may take to leave (close its consumer, drop its slot) before the preview goes on without it. */
  cleanupMs: number;
}

/** An origin's committed position as a preview sees it: read, never moved. */
export function previewOffsets(read: () => Promise<string | undefined>): OffsetStore {
  return { read, commit: async () => {} };
}

/**
 * Runs an origin (built in preview mode, with `abort`'s signal) until it has given
 * `maxRecords` or the timeout passed, then aborts it and waits, for a bounded time, for
 * its run to end and its close, which is where it removes what it made. Every emit
 * resolves at once: nothing is durable, and the origin in preview mode commits nothing.
 */
export async function sampleOrigin(origin: OriginRuntime, abort: AbortController, limits: SampleLimits, logger: StageLogger, stageId: string): Promise<OriginSample> {
  const sample: OriginSample = { records: [], failures: [], timedOut: false };
  const taken = () => sample.records.length + sample.failures.length;
  const emit: Emit = async ({ records, failures = [] }) => {
    const room = limits.maxRecords - taken();
    if (room <= 0) return;
    const kept = records.slice(0, room);
    sample.records.push(...kept);
    sample.failures.push(...failures.slice(0, room - kept.length));
    if (taken() >= limits.maxRecords) abort.abort();
  };
  const timer = setTimeout(() => {
    sample.timedOut = taken() < limits.maxRecords;
    abort.abort();
  }, limits.timeoutMs);

  let failure: unknown;
  const running = origin.run(emit, () => {}).catch((error: unknown) => {
    // A failure while leaving after the abort loses nothing of the sample.
    if (abort.signal.aborted) logger.warn('the previewed origin failed while it stopped', { error: String(error) });
    else failure = error;
  });
  const stopped = new Promise<void>((resolve) => abort.signal.addEventListener('abort', () => resolve(), { once: true }));
  await Promise.race([running, stopped]);
  clearTimeout(timer);
  abort.abort();
  const left = await within(running.then(() => origin.close?.()), limits.cleanupMs).catch((error: unknown) => logger.warn('the previewed origin failed to close', { error: String(error) }));
  if (left === 'late') logger.warn('the previewed origin is still closing; the preview answers without waiting', { cleanupMs: limits.cleanupMs });
  if (failure !== undefined) {
    throw new PreviewError('stage', `origin "${stageId}" could not be read: ${failure instanceof Error ? failure.message : String(failure)}`, stageId);
  }
  return sample;
}

/** Whether `work` settled within `ms`; it goes on in the background when late. */
export async function within(work: Promise<unknown>, ms: number): Promise<'done' | 'late'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), ms)));
  const done = work.then(() => 'done' as const);
  // Settling late is nobody's error any more: it must not surface as an unhandled rejection.
  done.catch(() => {});
  try {
    return await Promise.race([done, late]);
  } finally {
    clearTimeout(timer);
  }
}
