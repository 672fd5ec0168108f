import type { DutoRecord, PreviewStage } from '@duto/model';
import { PreviewError } from './preview-errors';
import type { DestinationRuntime, ProcessorOutput, ProcessorResult, ProcessorRuntime } from './stage-runtime';

/**
 * Processors see a preview's records in slices this long. A preview runs in the server
 * process: between slices it lets the server serve other requests and checks the time
 * limit, so a costly expression (up to its 200 ms limit a record) holds the event loop for
 * one slice at most, and work left after the limit is one slice.
 */
const SLICE = 16;

/**
 * Records what each stage of a preview receives and passes on. Processors are the real
 * ones, wrapped; destinations are stand-ins that only record what they would have written.
 * Records are kept by reference: stages copy what they change and never alter their input.
 */
export class PreviewTaps {
  private readonly stages = new Map<string, PreviewStage>();

  constructor(
    stageIds: string[],
    /** Time (Date.now()) after which no processor call starts. */
    private readonly deadline: number,
  ) {
    for (const stageId of stageIds) this.stages.set(stageId, { stageId, input: [], output: [], errors: [] });
  }

  processor(stageId: string, runtime: ProcessorRuntime): ProcessorRuntime {
    const entry = this.entry(stageId);
    return {
      process: async (records) => {
        const result: ProcessorResult = { outputs: [], failures: [] };
        for (let from = 0; from < records.length; from += SLICE) {
          if (from > 0) await new Promise((resolve) => setImmediate(resolve));
          if (Date.now() > this.deadline) throw new PreviewError('timeout', `stage "${stageId}" was still processing when the preview's time was up`, stageId);
          const part = await runtime.process(records.slice(from, from + SLICE));
          result.outputs.push(...part.outputs);
          result.failures.push(...part.failures);
        }
        entry.input.push(...records);
        this.released(stageId, result.outputs);
        entry.errors.push(...result.failures.map(({ record, reason }) => ({ record, reason })));
        return result;
      },
    };
  }

  destination(stageId: string): DestinationRuntime {
    const entry = this.entry(stageId);
    return { write: async (records: DutoRecord[]) => void entry.input.push(...records) };
  }

  origin(stageId: string, records: DutoRecord[], failures: Array<{ record: DutoRecord; reason: string }>): void {
    this.released(stageId, records.map((record) => ({ record })));
    this.entry(stageId).errors.push(...failures.map(({ record, reason }) => ({ record, reason })));
  }

  /** Outputs a stage passed on, from a batch or released by time (a window's result). */
  released(stageId: string, outputs: ProcessorOutput[]): void {
    this.entry(stageId).output.push(...outputs.map(({ record, lane }) => (lane === undefined ? { record } : { record, lane })));
  }

  result(): Record<string, PreviewStage> {
    return Object.fromEntries(this.stages);
  }

  private entry(stageId: string): PreviewStage {
    const entry = this.stages.get(stageId);
    if (!entry) throw new Error(`no preview entry for stage "${stageId}"`);
    return entry;
  }
}
