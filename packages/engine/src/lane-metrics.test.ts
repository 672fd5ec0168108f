import { describe, expect, it } from 'vitest';
import type { PipelineDocument } from '@duto/model';
import { BatchExecutor } from './executor';
import { PipelineMetrics } from './metrics';
import { planGraph } from './plan';
import { perRecord } from './per-record';

const document = {
  format: 'duto.pipeline/v1',
  name: 'lanes',
  stages: ['gen', 'route', 'hot-sink', 'cold-sink'].map((id) => ({ id, type: 'x', config: {} })),
  edges: [
    { from: 'gen', to: 'route' },
    { from: 'route', to: 'hot-sink', lane: 'hot' },
    { from: 'route', to: 'cold-sink', lane: 'cold' },
  ],
} as PipelineDocument;

describe('per-lane counts', () => {
  it('counts the records a stage with lanes sends to each named output, lanes without records at 0', async () => {
    const metrics = new PipelineMetrics(document.stages.map((s) => s.id), ['gen'], ['hot-sink', 'cold-sink']);
    metrics.declareLanes('route', ['hot', 'cold', 'frozen']);
    const route = perRecord((record) => {
      if (typeof record.value.t !== 'number') throw new Error('no t');
      return { record, lane: record.value.t > 30 ? 'hot' : 'cold' };
    });
    const sink = { write: async () => {} };
    const executor = new BatchExecutor(
      planGraph(document),
      (id) => (id === 'gen' ? { kind: 'origin' } : id === 'route' ? { kind: 'processor', runtime: route } : { kind: 'destination', runtime: sink }),
      metrics,
      'discard',
      async () => {},
    );
    const batch = (ts: unknown[]) => ({ records: ts.map((t) => ({ value: { t }, attributes: {} })) });
    await executor.fromOrigin('gen', batch([35, 10, 'x', 40]));
    await executor.fromOrigin('gen', batch([5, 50, 51]));

    const snapshot = metrics.snapshot('p', 'RUNNING');
    expect(snapshot.stages.route).toMatchObject({ in: 7, out: 6, errors: 1, lanes: { hot: 4, cold: 2, frozen: 0 } });
    expect(snapshot.stages['hot-sink']!.in).toBe(4);
    expect(snapshot.stages.gen).not.toHaveProperty('lanes');
    expect(snapshot.stages['hot-sink']).not.toHaveProperty('lanes');
  });
});
