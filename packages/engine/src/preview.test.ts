import { describe, expect, it } from 'vitest';
import type { DutoRecord, PipelineDocument } from '@duto/model';
import { perRecord } from './per-record';
import { previewPipeline, type PreviewOptions } from './preview';
import { PreviewError } from './preview-errors';
import type { OriginRuntime, StageContext, StageImplementation } from './stage-runtime';
import { standInImplementations, standInStage } from './testing/stand-in-stages';

/**
 * The preview executor with stand-in stages (the stage runtimes and real services are
 * covered by the server's preview tests): routing, taps, flushing, sampling and bounds.
 */
const route = standInStage('route', 'processor', () => ({
  kind: 'processor',
  runtime: perRecord(({ value, attributes }) => {
    if (typeof value.t !== 'number') throw new Error('t is not a number');
    return { record: { value: { ...value, hot: value.t > 30 }, attributes }, lane: value.t > 30 ? 'hot' : 'cold' };
  }),
}));
/** Counts what it absorbed and releases the count only when flushed. */
const counter = standInStage('counter', 'processor', () => {
  let count = 0;
  return {
    kind: 'processor',
    runtime: {
      process: async (records) => {
        count += records.length;
        return { outputs: [], failures: [] };
      },
      flush: (_now, final) => (final && count > 0 ? [{ record: { value: { count }, attributes: {} } }] : []),
    },
  };
});
const sinkCreated: string[] = [];
const sink = standInStage('sink', 'destination', (_config, context) => {
  sinkCreated.push(context.stageId);
  return { kind: 'destination', runtime: { write: async () => {} } };
});

function originStage(runtime: (context: StageContext) => OriginRuntime): StageImplementation {
  return standInStage('origin', 'origin', (_config, context) => ({ kind: 'origin', runtime: runtime(context) }));
}

const document = {
  format: 'duto.pipeline/v1',
  name: 'preview',
  settings: { batchSize: 5 },
  stages: [
    { id: 'in', type: 'origin', config: {} },
    { id: 'route', type: 'route', config: {} },
    { id: 'count', type: 'counter', config: {} },
    { id: 'hot-sink', type: 'sink', config: {} },
    { id: 'cold-sink', type: 'sink', config: {} },
  ],
  edges: [
    { from: 'in', to: 'route' },
    { from: 'route', to: 'hot-sink', lane: 'hot' },
    { from: 'route', to: 'count', lane: 'hot' },
    { from: 'route', to: 'cold-sink', lane: 'cold' },
  ],
} as PipelineDocument;

function preview(origin: StageImplementation, options: Partial<PreviewOptions> = {}) {
  const offsets = new Map([['in', '41']]);
  return previewPipeline({
    pipelineId: 'p',
    document,
    implementations: standInImplementations([origin, route, counter, sink]),
    host: {
      readOffset: async (stageId) => offsets.get(stageId),
      logger: () => ({ info() {}, warn() {}, error() {} }),
      services: { kafkaBrokers: [], lakeDir: '/nonexistent' },
    },
    ...options,
  });
}

/** An origin that emits `next` records per batch from its committed position on, and commits after each. */
function counting(events: string[], perBatch = 2) {
  return originStage((context) => ({
    async run(emit) {
      let position = Number(await context.offsets.read());
      events.push(`mode ${context.mode}, from ${position}`);
      while (!context.signal.aborted) {
        const records: DutoRecord[] = Array.from({ length: perBatch }, (_, i) => ({ value: { seq: position + i, t: 40 }, attributes: {} }));
        await emit({ records, failures: [{ record: { value: { raw: 'x' }, attributes: {} }, reason: 'not JSON' }] });
        position += perBatch;
        await context.offsets.commit(String(position));
      }
      events.push('stopped');
    },
    close: async () => void events.push('closed'),
  }));
}

const field = (record: { value: object }, name: string) => (record.value as Record<string, unknown>)[name];

const silent = originStage((context) => ({
  run: () => new Promise<void>((resolve) => context.signal.addEventListener('abort', () => resolve())),
}));

describe('previewPipeline', () => {
  it('carries pasted records through lanes as a run would; destinations only record their input', async () => {
    sinkCreated.length = 0;
    const result = await preview(silent, { records: [{ t: 35 }, { t: 10 }, { t: 'x' }, { t: 40 }] });
    expect(result.origin).toEqual({ stageId: 'in', source: 'pasted', timedOut: false });
    expect(result.stages.in!.output.map((o) => o.record.value)).toEqual([{ t: 35 }, { t: 10 }, { t: 'x' }, { t: 40 }]);
    expect(result.stages.route!.input).toHaveLength(4);
    expect(result.stages.route!.output).toEqual([
      { record: { value: { t: 35, hot: true }, attributes: {} }, lane: 'hot' },
      { record: { value: { t: 10, hot: false }, attributes: {} }, lane: 'cold' },
      { record: { value: { t: 40, hot: true }, attributes: {} }, lane: 'hot' },
    ]);
    expect(result.stages.route!.errors).toEqual([{ record: { value: { t: 'x' }, attributes: {} }, reason: 't is not a number' }]);
    expect(result.stages['hot-sink']!.input.map((r) => field(r, 't'))).toEqual([35, 40]);
    expect(result.stages['cold-sink']!.input.map((r) => field(r, 't'))).toEqual([10]);
    expect(result.stages['hot-sink']!.output).toEqual([]);
    expect(sinkCreated).toEqual([]);
    // The window stage absorbed two records and released its result at the final flush.
    expect(result.stages.count!.input).toHaveLength(2);
    expect(result.stages.count!.output).toEqual([{ record: { value: { count: 2 }, attributes: {} } }]);
  });

  it('reads the origin in preview mode from its committed position up to maxRecords, commits nothing, and closes it', async () => {
    const events: string[] = [];
    const result = await preview(counting(events), { maxRecords: 5 });
    expect(events).toEqual(['mode preview, from 41', 'stopped', 'closed']);
    expect(result.origin).toEqual({ stageId: 'in', source: 'origin', timedOut: false });
    // Two records and a failure per batch: 2 + 1 + 2 = 5 items taken.
    expect(result.stages.in!.output.map((o) => field(o.record, 'seq'))).toEqual([41, 42, 43, 44]);
    expect(result.stages.in!.errors).toEqual([{ record: { value: { raw: 'x' }, attributes: {} }, reason: 'not JSON' }]);
    expect(result.stages.route!.input).toHaveLength(4);
  });

  it('answers timedOut when the origin gives fewer records than asked within the timeout', async () => {
    const started = Date.now();
    const result = await preview(silent, { timeoutMs: 300 });
    expect(result.origin.timedOut).toBe(true);
    expect(result.stages.in!.output).toEqual([]);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('answers without an origin that does not leave when aborted, after the cleanup bound', async () => {
    const stuck = originStage(() => ({ run: () => new Promise<void>(() => {}) }));
    const started = Date.now();
    const result = await preview(stuck, { timeoutMs: 200, cleanupMs: 300 });
    expect(result.origin.timedOut).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('counts building the origin (connecting) against the read timeout', async () => {
    const closed: string[] = [];
    const slow = standInStage('origin', 'origin', async (_config, context) => {
      await new Promise((resolve) => setTimeout(resolve, 600));
      return { kind: 'origin', runtime: { run: async () => {}, close: async () => void closed.push(context.stageId) } };
    });
    const started = Date.now();
    await expect(preview(slow, { timeoutMs: 200 })).rejects.toMatchObject({ kind: 'stage', message: 'origin "in" could not be built within 0.2 s' });
    expect(Date.now() - started).toBeLessThan(500);
    // What it built late is closed once it is there.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(closed).toEqual(['in']);
  });

  it('fails with the origin\'s reason when it cannot be read', async () => {
    const broken = originStage(() => ({ run: async () => Promise.reject(new Error('broker unreachable')) }));
    const failure = preview(broken);
    await expect(failure).rejects.toBeInstanceOf(PreviewError);
    await expect(failure).rejects.toMatchObject({ kind: 'stage', stageId: 'in', message: 'origin "in" could not be read: broker unreachable' });
  });

  it('stops processing at its time limit', async () => {
    const slow = standInStage('route', 'processor', () => ({
      kind: 'processor',
      runtime: perRecord(async (record) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        return { record };
      }),
    }));
    const records = Array.from({ length: 1000 }, (_, t) => ({ t }));
    const started = Date.now();
    const failure = previewPipeline({
      pipelineId: 'p',
      document,
      implementations: standInImplementations([silent, slow, counter, sink]),
      host: { readOffset: async () => undefined, logger: () => ({ info() {}, warn() {}, error() {} }), services: { kafkaBrokers: [], lakeDir: '/x' } },
      records,
      processingLimitMs: 300,
    });
    await expect(failure).rejects.toMatchObject({ kind: 'timeout' });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('refuses an origin id that is not an origin of the pipeline', async () => {
    await expect(preview(silent, { originId: 'route', records: [] })).rejects.toMatchObject({ kind: 'request', stageId: 'route' });
  });
});
