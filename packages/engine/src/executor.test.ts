import { describe, expect, it } from 'vitest';
import type { DutoRecord, ErrorRecord, PipelineDocument } from '@duto/model';
import { BatchExecutor, DestinationError, StopPipelineError } from './executor';
import { PipelineMetrics } from './metrics';
import { planGraph } from './plan';
import { perRecord } from './per-record';
import type { DestinationRuntime, ProcessorRuntime } from './stage-runtime';

/** gen → route (lanes hot/cold) → hot-sink, cold-sink; route also feeds all-sink on 'hot'. */
const document = {
  format: 'duto.pipeline/v1',
  name: 't',
  stages: ['gen', 'route', 'hot-sink', 'cold-sink', 'all-sink'].map((id) => ({ id, type: 'x', config: {} })),
  edges: [
    { from: 'gen', to: 'route' },
    { from: 'route', to: 'hot-sink', lane: 'hot' },
    { from: 'route', to: 'all-sink', lane: 'hot' },
    { from: 'route', to: 'cold-sink', lane: 'cold' },
  ],
} as PipelineDocument;

function setUp(onRecordError: 'error-lane' | 'discard' | 'stop-pipeline', failWrite = false) {
  const written = new Map<string, DutoRecord[]>();
  const sink = (id: string): DestinationRuntime => ({
    async write(records) {
      if (failWrite && id === 'cold-sink') throw new Error('disk full');
      written.set(id, [...(written.get(id) ?? []), ...records]);
    },
  });
  const route: ProcessorRuntime = perRecord(({ value, attributes }) => {
    if (typeof value.t !== 'number') throw new Error('t is not a number');
    return { record: { value: { ...value, seen: true }, attributes }, lane: value.t > 30 ? 'hot' : 'cold' };
  });
  const runtimes = { route: { kind: 'processor' as const, runtime: route } };
  const metrics = new PipelineMetrics(document.stages.map((s) => s.id), ['gen'], ['hot-sink', 'cold-sink', 'all-sink']);
  const stored: ErrorRecord[] = [];
  const executor = new BatchExecutor(
    planGraph(document),
    (id) => (id === 'gen' ? { kind: 'origin' } : id in runtimes ? runtimes.route : { kind: 'destination', runtime: sink(id) }),
    metrics,
    onRecordError,
    async (errors) => void stored.push(...errors),
  );
  return { executor, written, stored, metrics };
}

const batch = { records: [35, 10, 'x', 40].map((t, i) => ({ value: { i, t }, attributes: {} })) };

describe('BatchExecutor', () => {
  it('routes lanes to their edges, fans out to every target, and stores failures with their stage', async () => {
    const { executor, written, stored, metrics } = setUp('error-lane');
    await executor.fromOrigin('gen', batch);
    expect(written.get('hot-sink')!.map((r) => r.value.i)).toEqual([0, 3]);
    expect(written.get('all-sink')!.map((r) => r.value.i)).toEqual([0, 3]);
    expect(written.get('cold-sink')!.map((r) => r.value.i)).toEqual([1]);
    expect(stored).toEqual([expect.objectContaining({ stageId: 'route', reason: 't is not a number', record: batch.records[2] })]);
    const snapshot = metrics.snapshot('p', 'RUNNING');
    expect(snapshot.totals).toMatchObject({ in: 4, out: 5, errors: 1 });
    expect(snapshot.stages.route).toMatchObject({ in: 4, out: 3, errors: 1 });
  });

  it('discards failures when told to', async () => {
    const { executor, stored, metrics } = setUp('discard');
    await executor.fromOrigin('gen', batch);
    expect(stored).toEqual([]);
    expect(metrics.snapshot('p', 'RUNNING').totals.errors).toBe(1);
  });

  it('fails the batch, after the writes, under stop-pipeline', async () => {
    const { executor } = setUp('stop-pipeline');
    await expect(executor.fromOrigin('gen', batch)).rejects.toBeInstanceOf(StopPipelineError);
  });

  it('fails the whole batch when a destination fails, naming it', async () => {
    const { executor } = setUp('error-lane', true);
    const failure = executor.fromOrigin('gen', batch);
    await expect(failure).rejects.toBeInstanceOf(DestinationError);
    await expect(failure).rejects.toThrow('destination "cold-sink" failed: disk full');
  });

  it('fails a batch whose processor throws only once the writes it started have ended, leaving none unhandled', async () => {
    // gen → sink and gen → broken → other-sink: the plan starts sink's write before broken runs.
    const fanOut = {
      format: 'duto.pipeline/v1',
      name: 'fan-out',
      stages: ['gen', 'sink', 'broken', 'other-sink'].map((id) => ({ id, type: 'x', config: {} })),
      edges: [
        { from: 'gen', to: 'sink' },
        { from: 'gen', to: 'broken' },
        { from: 'broken', to: 'other-sink' },
      ],
    } as PipelineDocument;
    const events: string[] = [];
    const slowFailingSink: DestinationRuntime = {
      async write() {
        await new Promise((resolve) => setTimeout(resolve, 50));
        events.push('sink write failed');
        throw new Error('sink down');
      },
    };
    const broken: ProcessorRuntime = {
      async process() {
        throw new Error('processor bug');
      },
    };
    const executor = new BatchExecutor(
      planGraph(fanOut),
      (id) =>
        id === 'gen'
          ? { kind: 'origin' }
          : id === 'broken'
            ? { kind: 'processor', runtime: broken }
            : { kind: 'destination', runtime: id === 'sink' ? slowFailingSink : { write: async () => undefined } },
      new PipelineMetrics(['gen', 'sink', 'broken', 'other-sink'], ['gen'], ['sink', 'other-sink']),
      'error-lane',
      async () => undefined,
    );
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      await executor.fromOrigin('gen', { records: [{ value: { i: 1 }, attributes: {} }] }).catch((error: Error) => events.push(`batch failed: ${error.message}`));
      await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(events).toEqual(['sink write failed', 'batch failed: processor bug']);
    expect(unhandled).toEqual([]);
  });
});
