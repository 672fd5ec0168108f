import { DEFAULT_SETTINGS, type DutoRecord, type PipelineDocument, type PreviewRequest, type PreviewResult } from '@duto/model';
import { BatchExecutor, type RuntimeOf } from './executor';
import { PipelineMetrics } from './metrics';
import { planGraph } from './plan';
import { PreviewError } from './preview-errors';
import { previewOffsets, sampleOrigin, within, type OriginSample, type SampleLimits } from './preview-origin';
import { PreviewTaps } from './preview-taps';
import type { RunnerHost } from './runner';
import { stageConfig, type ProcessorRuntime, type StageContext, type StageImplementations, type StageRuntime } from './stage-runtime';

/** What the process hosting a preview provides: committed positions to read, logs, services. */
export interface PreviewHost extends Pick<RunnerHost, 'logger' | 'services'> {
  readOffset(stageId: string): Promise<string | undefined>;
}

export interface PreviewOptions {
  pipelineId: string;
  /** A validated document, its parameters holding the values of this preview. */
  document: PipelineDocument;
  implementations: StageImplementations;
  host: PreviewHost;
  /** The origin to read, or whose output the pasted records stand for; default the first origin. */
  originId?: string | undefined;
  /** Record values to run instead of reading the origin. */
  records?: PreviewRequest['records'];
  /** Default the pipeline's batchSize. */
  maxRecords?: number | undefined;
  timeoutMs?: number | undefined;
  /** How long the processors may take over the sample. */
  processingLimitMs?: number;
  /** How long an origin may take to leave after the reading ended. */
  cleanupMs?: number;
}

export const PREVIEW_DEFAULTS = { timeoutMs: 10_000, processingLimitMs: 20_000, cleanupMs: 5_000 } as const;

/**
 * Runs a sample through a pipeline as a run would carry it (the same plan, lanes and
 * executor) and answers what each stage received and passed on. Nothing is written:
 * destinations are never built, nor origins other than the one read, which runs in preview
 * mode (throwaway sessions, groups and slots; committed positions read, never moved). Processors that hold records by time (windows) are flushed as at a stop, so their
 * results show. Bounded: reading by `timeoutMs` plus `cleanupMs`, processing by `processingLimitMs`.
 */
export async function previewPipeline(options: PreviewOptions): Promise<PreviewResult> {
  const started = performance.now();
  const { document, implementations, host } = options;
  const settings = { ...DEFAULT_SETTINGS, ...document.settings };
  const maxRecords = options.maxRecords ?? settings.batchSize;
  const categoryOf = (type: string) => implementations.get(type)?.definition.category;
  const originId = chooseOrigin(document, categoryOf, options.originId);
  // The origin is aborted once its sample is read; the processors when the preview ends.
  const originAbort = new AbortController();
  const done = new AbortController();
  const contextOf = (stageId: string, signal: AbortSignal): StageContext => ({
    pipelineId: options.pipelineId,
    stageId,
    mode: 'preview',
    // An origin reads the whole sample as one batch when it can.
    settings: { ...settings, batchSize: maxRecords },
    signal,
    logger: host.logger(stageId),
    offsets: previewOffsets(() => host.readOffset(stageId)),
    services: host.services,
    reportLag() {},
  });
  const build = async (stageId: string, signal: AbortSignal) => {
    const stage = document.stages.find((s) => s.id === stageId)!;
    const implementation = implementations.get(stage.type);
    if (!implementation) throw new PreviewError('stage', `stage "${stageId}": no runtime for type ${stage.type} in this version`, stageId);
    try {
      return await implementation.create(stageConfig(implementation, stage, document.parameters ?? {}) as never, contextOf(stageId, signal));
    } catch (error) {
      throw new PreviewError('stage', `stage "${stageId}" could not be built: ${error instanceof Error ? error.message : String(error)}`, stageId);
    }
  };

  const processors = new Map<string, ProcessorRuntime>();
  try {
    for (const stage of document.stages) {
      if (categoryOf(stage.type) !== 'processor') continue;
      const built = await build(stage.id, done.signal);
      if (built.kind === 'processor') processors.set(stage.id, built.runtime);
    }
    const timeoutMs = options.timeoutMs ?? PREVIEW_DEFAULTS.timeoutMs;
    const sample: OriginSample = options.records
      ? { records: options.records.map((value): DutoRecord => ({ value: value as DutoRecord['value'], attributes: {} })), failures: [], timedOut: false }
      : await readOrigin(build(originId, originAbort.signal), originAbort, { maxRecords, timeoutMs, cleanupMs: options.cleanupMs ?? PREVIEW_DEFAULTS.cleanupMs }, host, originId);

    const processingLimitMs = options.processingLimitMs ?? PREVIEW_DEFAULTS.processingLimitMs;
    const taps = new PreviewTaps(document.stages.map((s) => s.id), Date.now() + processingLimitMs);
    taps.origin(originId, sample.records, sample.failures);
    const processing = carry(document, categoryOf, processors, taps, originId, sample);
    if ((await within(processing, processingLimitMs)) === 'late') {
      throw new PreviewError('timeout', `the processors took longer than ${processingLimitMs / 1000} s over ${sample.records.length} records`);
    }
    await processing;
    return {
      origin: { stageId: originId, source: options.records ? 'pasted' : 'origin', timedOut: sample.timedOut },
      stages: taps.result(),
      tookMs: Math.round(performance.now() - started),
    };
  } finally {
    originAbort.abort();
    done.abort();
    for (const processor of processors.values()) await processor.close?.().catch(() => {});
  }
}

function chooseOrigin(document: PipelineDocument, categoryOf: (type: string) => string | undefined, wanted: string | undefined): string {
  const origins = document.stages.filter((s) => categoryOf(s.type) === 'origin').map((s) => s.id);
  if (wanted === undefined) {
    if (origins.length === 0) throw new PreviewError('request', 'the pipeline has no origin to preview');
    return origins[0]!;
  }
  if (!origins.includes(wanted)) {
    throw new PreviewError('request', `"${wanted}" is not an origin of this pipeline (origins: ${origins.join(', ') || 'none'})`, wanted);
  }
  return wanted;
}

/** The origin built and sampled, within the read timeout together: building may connect to its service. */
async function readOrigin(
  building: Promise<StageRuntime>,
  abort: AbortController,
  limits: SampleLimits,
  host: PreviewHost,
  originId: string,
): Promise<OriginSample> {
  const started = Date.now();
  if ((await within(building, limits.timeoutMs)) === 'late') {
    // Whatever it opens is closed once it is built.
    void building.then((stage) => (stage.runtime as { close?: () => Promise<void> }).close?.()).catch(() => {});
    throw new PreviewError('stage', `origin "${originId}" could not be built within ${limits.timeoutMs / 1000} s`, originId);
  }
  const built = await building;
  if (built.kind !== 'origin') throw new PreviewError('stage', `stage "${originId}" is not an origin`, originId);
  const left = Math.max(0, limits.timeoutMs - (Date.now() - started));
  return sampleOrigin(built.runtime, abort, { ...limits, timeoutMs: left }, host.logger(originId), originId);
}

/** The sample through the graph with the executor of a run, then every window flushed as at a stop. */
async function carry(
  document: PipelineDocument,
  categoryOf: (type: string) => string | undefined,
  processors: Map<string, ProcessorRuntime>,
  taps: PreviewTaps,
  originId: string,
  sample: OriginSample,
): Promise<void> {
  const plan = planGraph(document);
  const tapped = new Map([...processors].map(([id, runtime]) => [id, taps.processor(id, runtime)]));
  const runtimeOf: RuntimeOf = (stageId) => {
    const processor = tapped.get(stageId);
    if (processor) return { kind: 'processor', runtime: processor };
    const type = document.stages.find((s) => s.id === stageId)!.type;
    return categoryOf(type) === 'destination' ? { kind: 'destination', runtime: taps.destination(stageId) } : { kind: 'origin' };
  };
  const ids = document.stages.map((s) => s.id);
  const metrics = new PipelineMetrics(ids, [originId], []);
  // Failures are answered per stage by the taps; a preview stores none and never stops on one.
  const executor = new BatchExecutor(plan, runtimeOf, metrics, 'discard', async () => {});
  await executor.fromOrigin(originId, { records: sample.records, failures: sample.failures });
  for (const id of plan.order) {
    const outputs = processors.get(id)?.flush?.(Date.now(), true) ?? [];
    if (outputs.length === 0) continue;
    taps.released(id, outputs);
    await executor.flow(id, outputs);
  }
}
