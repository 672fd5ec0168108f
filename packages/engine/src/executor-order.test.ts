import { describe, expect, it } from 'vitest';
import type { DutoRecord, PipelineDocument } from '@duto/model';
import { BatchExecutor, DestinationError } from './executor';
import { PipelineMetrics } from './metrics';
import { planGraph } from './plan';
import type { DestinationRuntime, ProcessorRuntime } from './stage-runtime';

/** gen → slow → sink: batches handed in before earlier ones resolved (origins keep two in flight). */
const document = {
  format: 'duto.pipeline/v1',
  name: 'order',
  stages: ['gen', 'slow', 'sink'].map((id) => ({ id, type: 'x', config: {} })),
  edges: [
    { from: 'gen', to: 'slow' },
    { from: 'slow', to: 'sink' },
  ],
} as PipelineDocument;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const batch = (...ns: number[]) => ({ records: ns.map((n) => ({ value: { n }, attributes: {} })) });
const ns = (records: DutoRecord[]) => records.map((r) => r.value.n as number);

function setUp(sink: DestinationRuntime) {
  const events: string[] = [];
  // The first batch takes longest here: without turns, the second would overtake it.
  const slow: ProcessorRuntime = {
    async process(records) {
      events.push(`process ${ns(records).join(',')}`);
      await sleep(records[0]!.value.n === 1 ? 50 : 0);
      events.push(`processed ${ns(records).join(',')}`);
      return { outputs: records.map((record) => ({ record })), failures: [] };
    },
  };
  const executor = new BatchExecutor(
    planGraph(document),
    (id) => (id === 'gen' ? { kind: 'origin' } : id === 'slow' ? { kind: 'processor', runtime: slow } : { kind: 'destination', runtime: sink }),
    new PipelineMetrics(['gen', 'slow', 'sink'], ['gen'], ['sink']),
    'error-lane',
    async () => {},
  );
  return { executor, events };
}

describe('BatchExecutor with batches in flight', () => {
  it('takes them through the processors one at a time, in the order handed in', async () => {
    const written: number[][] = [];
    const { executor, events } = setUp({ write: async (records) => void written.push(ns(records)) });
    await Promise.all([executor.fromOrigin('gen', batch(1, 2)), executor.fromOrigin('gen', batch(3, 4))]);
    expect(events).toEqual(['process 1,2', 'processed 1,2', 'process 3,4', 'processed 3,4']);
    expect(written).toEqual([[1, 2], [3, 4]]);
  });

  it('writes to a destination one batch after the other, and not at all after a write that failed', async () => {
    const calls: string[] = [];
    const { executor } = setUp({
      async write(records) {
        calls.push(`write ${ns(records).join(',')}`);
        await sleep(20);
        if (records[0]!.value.n === 1) throw new Error('disk full');
        calls.push(`written ${ns(records).join(',')}`);
      },
    });
    const first = executor.fromOrigin('gen', batch(1));
    const second = executor.fromOrigin('gen', batch(2));
    await expect(first).rejects.toBeInstanceOf(DestinationError);
    await expect(second).rejects.toThrow('destination "sink" failed: disk full');
    expect(calls).toEqual(['write 1']);
  });

  it('starts the next write before the previous resolved for a destination that keeps their order itself', async () => {
    const calls: string[] = [];
    const { executor } = setUp({
      overlappingWrites: true,
      async write(records) {
        calls.push(`write ${ns(records).join(',')}`);
        await sleep(30);
        calls.push(`written ${ns(records).join(',')}`);
      },
    });
    await Promise.all([executor.fromOrigin('gen', batch(1)), executor.fromOrigin('gen', batch(2))]);
    expect(calls).toEqual(['write 1', 'write 2', 'written 1', 'written 2']);
  });
});
