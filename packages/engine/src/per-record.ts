import type { DutoRecord } from '@duto/model';
import { failureReason } from './expressions';
import type { ProcessorOutput, ProcessorResult, ProcessorRuntime, RecordFailure } from './stage-runtime';

/**
 * A processor from a function of one record. A record whose function throws becomes a
 * failure with the reason; the rest of the batch goes on.
 */
export function perRecord(
  handle: (record: DutoRecord) => Promise<ProcessorOutput[] | ProcessorOutput | null> | ProcessorOutput[] | ProcessorOutput | null,
): ProcessorRuntime {
  return {
    async process(records) {
      const result: ProcessorResult = { outputs: [], failures: [] };
      for (const record of records) {
        try {
          const produced = await handle(record);
          if (produced === null) continue;
          if (Array.isArray(produced)) result.outputs.push(...produced);
          else result.outputs.push(produced);
        } catch (error) {
          result.failures.push(failure(record, error));
        }
      }
      return result;
    },
  };
}

export function failure(record: DutoRecord, error: unknown): RecordFailure {
  return { record, reason: failureReason(error) };
}
