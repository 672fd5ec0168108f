import { describe, expect, it } from 'vitest';
import type { DutoRecord, ErrorRecord, PipelineDocument } from '@duto/model';
import { BatchExecutor } from './executor';
import { PipelineMetrics } from './metrics';
import { planGraph } from './plan';
import { perRecord } from './per-record';
import { batchesByStage } from './reprocess';

const record = (n: number): DutoRecord => ({ value: { n }, attributes: {} });

describe('batchesByStage', () => {
  it('groups entries by stage in the order the stages first appear, in batches of at most batchSize, keeping order', () => {
    const entries = [1, 2, 3, 4, 5].map((n) => ({ stageId: n % 2 ? 'odd' : 'even', record: record(n) }));
    expect(batchesByStage(entries, 2)).toEqual([
      { stageId: 'odd', records: [record(1), record(3)] },
      { stageId: 'odd', records: [record(5)] },
      { stageId: 'even', records: [record(2), record(4)] },
    ]);
  });
});

describe('BatchExecutor.inject', () => {
  it('runs records into the stage where they failed and on to the destinations; answers the new failures, stored as any', async () => {
    const document = {
      format: 'duto.pipeline/v1',
      name: 'inject',
      stages: ['gen', 'double', 'sink'].map((id) => ({ id, type: 'x', config: {} })),
      edges: [
        { from: 'gen', to: 'double' },
        { from: 'double', to: 'sink' },
      ],
    } as PipelineDocument;
    const written: DutoRecord[] = [];
    const stored: ErrorRecord[] = [];
    const double = perRecord(({ value, attributes }) => {
      if (typeof value.n !== 'number') throw new Error('n is not a number');
      return { record: { value: { n: value.n * 2 }, attributes } };
    });
    const executor = new BatchExecutor(
      planGraph(document),
      (id) => (id === 'gen' ? { kind: 'origin' } : id === 'double' ? { kind: 'processor', runtime: double } : { kind: 'destination', runtime: { write: async (r) => void written.push(...r) } }),
      new PipelineMetrics(['gen', 'double', 'sink'], ['gen'], ['sink']),
      'error-lane',
      async (errors) => void stored.push(...errors),
    );
    const failedAgain = await executor.inject('double', [record(1), { value: { n: 'x' }, attributes: {} }, record(3)]);
    expect(written.map((r) => r.value.n)).toEqual([2, 6]);
    expect(failedAgain).toEqual([expect.objectContaining({ stageId: 'double', reason: 'n is not a number' })]);
    expect(stored).toEqual(failedAgain);

    // A destination's failed record goes straight back to the destination.
    expect(await executor.inject('sink', [record(7)])).toEqual([]);
    expect(written.at(-1)).toEqual(record(7));
  });
});
