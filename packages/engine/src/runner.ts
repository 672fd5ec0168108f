import {
  DEFAULT_SETTINGS,
  stageLanes,
  type ErrorRecord,
  type MetricsSnapshot,
  type PipelineDocument,
  type PipelineValidator,
  type RunState,
} from '@duto/model';
import { BatchExecutor, type RuntimeOf } from './executor';
import { PipelineMetrics } from './metrics';
import { planGraph } from './plan';
import { batchesByStage, ReprocessError, type ReprocessEntry } from './reprocess';
import {
  stageConfig,
  type DestinationRuntime,
  type OffsetStore,
  type OriginRuntime,
  type ProcessorRuntime,
  type StageImplementations,
  type StageLogger,
  type StageRuntime,
  type StageServices,
} from './stage-runtime';

/** What the process hosting a runner provides: durable offsets and error records, logs. */
export interface RunnerHost {
  offsets(stageId: string): OffsetStore;
  storeErrors(errors: ErrorRecord[]): Promise<void>;
  logger(stageId?: string): StageLogger;
  services: StageServices;
}

export interface RunnerOptions {
  pipelineId: string;
  document: PipelineDocument;
  /** Values that override the document's parameter defaults for this run. */
  parameters?: Record<string, string>;
  implementations: StageImplementations;
  validate: PipelineValidator;
  host: RunnerHost;
  /** How often processors are asked for records they release by time (windows). */
  flushIntervalMs?: number;
}

export class PipelineStartError extends Error {}

/**
 * Runs one pipeline in this process: builds every stage's runtime (destinations first, so
 * that nothing is read before it can be written), runs the origins, and stops by letting
 * each origin finish its batch in flight, so that everything read is written and committed.
 */
export class PipelineRunner {
  private readonly abort = new AbortController();
  private readonly runtimes = new Map<string, StageRuntime>();
  private metrics!: PipelineMetrics;
  private executor!: BatchExecutor;
  private origins: Array<Promise<void>> = [];
  private flushTimer: NodeJS.Timeout | undefined;
  private failed = false;
  private closing: Promise<void> | undefined;
  /** Re-processing under way: a stop lets it finish, as it does the batches in flight. */
  private readonly reprocessing = new Set<Promise<number>>();
  /** Settles when the run ends: resolves on a clean stop, rejects on a failure. */
  readonly finished: Promise<void>;
  private settleFinished!: { resolve: () => void; reject: (error: unknown) => void };

  constructor(private readonly options: RunnerOptions) {
    this.finished = new Promise((resolve, reject) => (this.settleFinished = { resolve, reject }));
    this.finished.catch(() => {});
  }

  /** Builds every stage and runs the origins; resolves once every origin is ready to read. */
  async start(): Promise<void> {
    const { document, parameters = {}, implementations, host, pipelineId } = this.options;
    const effective = { ...document, parameters: { ...document.parameters, ...parameters } };
    const validation = this.options.validate(effective);
    if (!validation.valid) {
      throw new PipelineStartError(validation.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
    }
    const settings = { ...DEFAULT_SETTINGS, ...document.settings };
    const plan = planGraph(document);
    const kindOf = new Map<string, StageRuntime['kind']>();
    const lanesOf = new Map<string, string[]>();

    const byCreationOrder = [...document.stages].sort((a, b) => rank(implementations, a.type) - rank(implementations, b.type));
    for (const stage of byCreationOrder) {
      const implementation = implementations.get(stage.type);
      if (!implementation) throw new PipelineStartError(`stage "${stage.id}": no runtime for type ${stage.type} in this version`);
      const config = stageConfig(implementation, stage, effective.parameters);
      const lanes = stageLanes(implementation.definition, config);
      if (lanes) lanesOf.set(stage.id, lanes);
      const runtime = await implementation.create(config as never, {
        pipelineId,
        stageId: stage.id,
        mode: 'run',
        settings,
        signal: this.abort.signal,
        logger: host.logger(stage.id),
        offsets: host.offsets(stage.id),
        services: host.services,
        reportLag: (topic, partition, lag) => this.metrics.reportLag(topic, partition, lag),
      });
      this.runtimes.set(stage.id, runtime);
      kindOf.set(stage.id, runtime.kind);
    }

    const ids = document.stages.map((s) => s.id);
    this.metrics = new PipelineMetrics(
      ids,
      ids.filter((id) => kindOf.get(id) === 'origin'),
      ids.filter((id) => kindOf.get(id) === 'destination'),
    );
    for (const [id, lanes] of lanesOf) this.metrics.declareLanes(id, lanes);
    this.executor = new BatchExecutor(plan, this.runtimeOf, this.metrics, settings.onRecordError, (errors) => host.storeErrors(errors));

    this.flushTimer = setInterval(() => void this.flush(false).catch((error) => this.fail(error)), this.options.flushIntervalMs ?? 250);
    const readiness: Array<Promise<void>> = [];
    this.origins = [...this.runtimes].flatMap(([id, stage]) => {
      if (stage.kind !== 'origin') return [];
      let ready!: () => void;
      readiness.push(new Promise<void>((resolve) => (ready = resolve)));
      const running = this.runOrigin(id, stage.runtime, ready);
      // An origin that ends (or fails) before it said so counts as ready: start must not hang.
      void running.then(ready, ready);
      return [running];
    });
    void Promise.all(this.origins).then(
      () => undefined,
      (error) => this.fail(error),
    );
    await Promise.all(readiness);
    if (this.failed) await this.finished;
  }

  /** Stops reading, lets the batches in flight finish and commit, releases the windows, closes. */
  async stop(): Promise<void> {
    this.abort.abort();
    const outcome = await Promise.allSettled(this.origins);
    await Promise.allSettled(this.reprocessing);
    clearInterval(this.flushTimer);
    const failed = outcome.find((o) => o.status === 'rejected');
    // An origin that failed while stopping makes the run a failure, not a clean stop.
    if (failed) this.fail(failed.reason);
    else await this.flush(true).catch((error) => this.fail(error));
    await this.closeAll();
    if (!this.failed) this.settleFinished.resolve();
  }

  /**
   * Sends error records back into the stages where they failed (an origin's as that
   * origin's output) and on through the graph under the rule of any batch: resolves once
   * every destination reached has written them and their new failures are handled.
   * Answers how many new error records they made.
   */
  async reprocess(entries: ReprocessEntry[]): Promise<number> {
    if (this.abort.signal.aborted) throw new ReprocessError('the pipeline is stopping');
    const work = this.carryBack(entries);
    this.reprocessing.add(work);
    try {
      return await work;
    } finally {
      this.reprocessing.delete(work);
    }
  }

  private async carryBack(entries: ReprocessEntry[]): Promise<number> {
    const unknown = [...new Set(entries.map((e) => e.stageId))].filter((id) => !this.runtimes.has(id));
    if (unknown.length > 0) {
      throw new ReprocessError(`the running pipeline has no stage ${unknown.map((id) => `"${id}"`).join(', ')}`);
    }
    const { batchSize } = { ...DEFAULT_SETTINGS, ...this.options.document.settings };
    let failedAgain = 0;
    for (const { stageId, records } of batchesByStage(entries, batchSize)) {
      const errors =
        this.runtimes.get(stageId)!.kind === 'origin'
          ? await this.executor.flow(stageId, records.map((record) => ({ record })))
          : await this.executor.inject(stageId, records);
      failedAgain += errors.length;
    }
    return failedAgain;
  }

  snapshot(state: RunState): MetricsSnapshot {
    return this.metrics.snapshot(this.options.pipelineId, state);
  }

  private runtimeOf: RuntimeOf = (stageId) => {
    const stage = this.runtimes.get(stageId)!;
    return stage.kind === 'origin' ? { kind: 'origin' } : stage;
  };

  private async runOrigin(id: string, origin: OriginRuntime, ready: () => void): Promise<void> {
    await origin.run((batch) => {
      if (batch.records.length === 0 && (batch.failures?.length ?? 0) === 0) return Promise.resolve();
      return this.executor.fromOrigin(id, batch);
    }, ready);
  }

  private async flush(final: boolean): Promise<void> {
    const now = Date.now();
    for (const [id, stage] of this.runtimes) {
      if (stage.kind !== 'processor' || !stage.runtime.flush) continue;
      const outputs = stage.runtime.flush(now, final);
      if (outputs.length > 0) {
        this.metrics.record(id, { out: outputs.length });
        await this.executor.flow(id, outputs);
      }
    }
  }

  private fail(error: unknown): void {
    if (this.failed) return;
    this.failed = true;
    this.options.host.logger().error('pipeline failed', { error: error instanceof Error ? error.message : String(error) });
    this.abort.abort();
    clearInterval(this.flushTimer);
    void Promise.allSettled(this.origins)
      .then(() => this.closeAll())
      .finally(() => this.settleFinished.reject(error));
  }

  /** Closes every stage once, whether the run stopped, failed, or both. */
  private closeAll(): Promise<void> {
    this.closing ??= this.closeEach();
    return this.closing;
  }

  private async closeEach(): Promise<void> {
    // Origins first (no more reads), destinations last (their buffers are flushed).
    const order = [...this.runtimes.values()].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
    for (const stage of order) {
      const runtime = stage.runtime as OriginRuntime | ProcessorRuntime | DestinationRuntime;
      await runtime.close?.().catch((error: unknown) => this.options.host.logger().warn('close failed', { error: String(error) }));
    }
  }
}

const KIND_ORDER = { origin: 0, processor: 1, destination: 2 } as const;

function rank(implementations: StageImplementations, type: string): number {
  const category = implementations.get(type)?.definition.category;
  return category === 'destination' ? 0 : category === 'processor' ? 1 : 2;
}
