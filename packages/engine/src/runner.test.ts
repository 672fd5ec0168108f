import Type from 'typebox';
import { describe, expect, it } from 'vitest';
import { defineStage, type PipelineDocument, type StageCategory } from '@duto/model';
import { PipelineRunner } from './runner';
import type { StageImplementation, StageRuntime } from './stage-runtime';

/** The runner's stop and failure paths with stand-in stages (real stages: the server's run tests). */
function stage(type: string, category: StageCategory, create: () => StageRuntime): StageImplementation {
  const definition = defineStage({
    type,
    category,
    label: type,
    description: type,
    icon: 'x',
    outputs: category === 'destination' ? { kind: 'none' } : { kind: 'single' },
    configSchema: Type.Object({}, { additionalProperties: true }),
    examples: [],
  });
  return { definition, create };
}

const document = {
  format: 'duto.pipeline/v1',
  name: 'stop',
  stages: [
    { id: 'in', type: 'origin', config: {} },
    { id: 'out', type: 'sink', config: {} },
  ],
  edges: [{ from: 'in', to: 'out' }],
} as PipelineDocument;

describe('PipelineRunner', () => {
  it('reports an origin that fails while stopping as a failure, and closes each stage once', async () => {
    let closes = 0;
    const origin = stage('origin', 'origin', () => ({
      kind: 'origin',
      runtime: {
        run: (_emit, ready) =>
          new Promise<void>((_, reject) => {
            ready();
            // Fails on its way out, e.g. its last commit is refused.
            setTimeout(() => reject(new Error('commit refused at stop')), 20);
          }),
      },
    }));
    const sink = stage('sink', 'destination', () => ({ kind: 'destination', runtime: { write: async () => {}, close: async () => void closes++ } }));
    const byType = new Map([origin, sink].map((i) => [i.definition.type, i]));
    const runner = new PipelineRunner({
      pipelineId: 'p',
      document,
      implementations: { get: (type) => byType.get(type) },
      validate: (d) => ({ valid: true, document: d as PipelineDocument, issues: [] }),
      host: {
        offsets: () => ({ read: async () => undefined, commit: async () => {} }),
        storeErrors: async () => {},
        logger: () => ({ info: () => {}, warn: () => {}, error: () => {} }),
        services: { kafkaBrokers: [], lakeDir: '' },
      },
    });
    await runner.start();
    await runner.stop();
    await expect(runner.finished).rejects.toThrow('commit refused at stop');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(closes).toBe(1);
  });
});
