import type { DutoRecord, ErrorRecord, PipelineSettings } from '@duto/model';
import { InOrder } from './in-order';
import type { PipelineMetrics } from './metrics';
import { SINGLE_OUTPUT, type GraphPlan } from './plan';
import type { DestinationRuntime, OriginBatch, ProcessorOutput, ProcessorRuntime, RecordFailure } from './stage-runtime';

export type RuntimeOf = (stageId: string) =>
  | { kind: 'processor'; runtime: ProcessorRuntime }
  | { kind: 'destination'; runtime: DestinationRuntime }
  | { kind: 'origin' };

/** A record error under `onRecordError: stop-pipeline`: the pipeline stops, nothing is committed. */
export class StopPipelineError extends Error {}

/** A destination's write failed; the batch is not acknowledged and will be read again. */
export class DestinationError extends Error {
  constructor(
    readonly stageId: string,
    cause: unknown,
  ) {
    super(`destination "${stageId}" failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/**
 * Carries a batch from the stage that released it through the graph: processors in
 * topological order, lanes to their edges, then every destination reached, in parallel.
 * Resolves when all writes are durable and the batch's error records are handled by
 * `onRecordError`; only then may the origin commit.
 *
 * Batches handed in before earlier ones resolved (see `Emit`) take turns through the
 * processors, one batch at a time in the order handed in, so that no stage sees records
 * out of order; a batch's turn ends once it has started its writes, and each destination
 * receives the writes in turn order.
 */
export class BatchExecutor {
  /** Settles when the batch whose turn it is has started its writes. */
  private turn: Promise<unknown> = Promise.resolve();
  /** The writes of each destination without overlapping writes, one after another. */
  private readonly writesOf = new Map<string, InOrder>();

  constructor(
    private readonly plan: GraphPlan,
    private readonly runtimeOf: RuntimeOf,
    private readonly metrics: PipelineMetrics,
    private readonly onRecordError: Required<PipelineSettings>['onRecordError'],
    private readonly storeErrors: (errors: ErrorRecord[]) => Promise<void>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async fromOrigin(originId: string, batch: OriginBatch): Promise<void> {
    const failures = batch.failures ?? [];
    this.metrics.record(originId, { in: batch.records.length + failures.length, out: batch.records.length, errors: failures.length });
    await this.flow(originId, batch.records.map((record) => ({ record })), this.errorRecords(originId, failures));
  }

  /** Carries what `sourceId` released on; answers the error records made on the way (already handled). */
  async flow(sourceId: string, outputs: ProcessorOutput[], errors: ErrorRecord[] = []): Promise<ErrorRecord[]> {
    const inbox = new Map<string, DutoRecord[]>();
    this.route(sourceId, outputs, inbox);
    return this.walk(inbox, errors);
  }

  /** Runs records into a stage as its input, e.g. error records sent back to where they failed. */
  inject(stageId: string, records: DutoRecord[]): Promise<ErrorRecord[]> {
    return this.walk(new Map([[stageId, records]]), []);
  }

  private async walk(inbox: Map<string, DutoRecord[]>, errors: ErrorRecord[]): Promise<ErrorRecord[]> {
    const turn = this.turn.then(() => this.process(inbox, errors));
    this.turn = turn.catch(() => undefined);
    const writes = await turn;
    for (const refused of await Promise.all(writes)) errors.push(...refused);
    await this.handleErrors(errors);
    return errors;
  }

  /** Runs the processors and starts the writes; answers the writes under way. */
  private async process(inbox: Map<string, DutoRecord[]>, errors: ErrorRecord[]): Promise<Array<Promise<ErrorRecord[]>>> {
    const writes: Array<Promise<ErrorRecord[]>> = [];
    try {
      await this.runStages(inbox, errors, writes);
    } catch (error) {
      // A processor failed after some writes of the batch started: they end before the batch fails.
      await Promise.allSettled(writes);
      throw error;
    }
    return writes;
  }

  private async runStages(inbox: Map<string, DutoRecord[]>, errors: ErrorRecord[], writes: Array<Promise<ErrorRecord[]>>): Promise<void> {
    for (const id of this.plan.order) {
      const input = inbox.get(id);
      if (!input || input.length === 0) continue;
      inbox.delete(id);
      const stage = this.runtimeOf(id);
      if (stage.kind === 'processor') {
        const started = performance.now();
        const result = await stage.runtime.process(input);
        this.metrics.record(id, { in: input.length, out: result.outputs.length, errors: result.failures.length }, performance.now() - started);
        this.metrics.recordLanes(id, result.outputs);
        errors.push(...this.errorRecords(id, result.failures));
        this.route(id, result.outputs, inbox);
      } else if (stage.kind === 'destination') {
        const write = this.write(id, stage.runtime, input);
        // Awaited by `walk`; a failure before then must not count as unhandled.
        write.catch(() => undefined);
        writes.push(write);
      }
    }
  }

  private route(sourceId: string, outputs: ProcessorOutput[], inbox: Map<string, DutoRecord[]>): void {
    const lanes = this.plan.children.get(sourceId);
    if (!lanes) return;
    for (const { record, lane } of outputs) {
      for (const target of lanes.get(lane ?? SINGLE_OUTPUT) ?? []) {
        const queue = inbox.get(target);
        if (queue) queue.push(record);
        else inbox.set(target, [record]);
      }
    }
  }

  private write(stageId: string, destination: DestinationRuntime, records: DutoRecord[]): Promise<ErrorRecord[]> {
    if (destination.overlappingWrites) return this.written(stageId, destination.write(records), records);
    let writes = this.writesOf.get(stageId);
    if (!writes) this.writesOf.set(stageId, (writes = new InOrder()));
    return this.written(stageId, writes.run(() => destination.write(records)), records);
  }

  private async written(stageId: string, write: Promise<RecordFailure[] | void>, records: DutoRecord[]): Promise<ErrorRecord[]> {
    const started = performance.now();
    let refused: RecordFailure[];
    try {
      refused = (await write) ?? [];
    } catch (error) {
      throw new DestinationError(stageId, error);
    }
    const written = records.length - refused.length;
    this.metrics.record(stageId, { in: records.length, out: written, errors: refused.length }, performance.now() - started);
    return this.errorRecords(stageId, refused);
  }

  private async handleErrors(errors: ErrorRecord[]): Promise<void> {
    if (errors.length === 0) return;
    if (this.onRecordError === 'stop-pipeline') {
      const first = errors[0]!;
      throw new StopPipelineError(`record failed in "${first.stageId}": ${first.reason} (onRecordError is stop-pipeline)`);
    }
    if (this.onRecordError === 'error-lane') await this.storeErrors(errors);
  }

  private errorRecords(stageId: string, failures: RecordFailure[]): ErrorRecord[] {
    const at = this.now().toISOString();
    return failures.map((f) => ({ stageId, at, reason: f.reason, record: f.record }));
  }
}
