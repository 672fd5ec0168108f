import { describe, expect, it } from 'vitest';
import type { PipelineDocument } from '@duto/model';
import { PipelineRunner } from './runner';
import { standInImplementations, standInStage } from './testing/stand-in-stages';

/** The runner's stop and failure paths with stand-in stages (real stages: the server's run tests). */
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
    const origin = standInStage('origin', 'origin', () => ({
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
    const sink = standInStage('sink', 'destination', () => ({ kind: 'destination', runtime: { write: async () => {}, close: async () => void closes++ } }));
    const runner = new PipelineRunner({
      pipelineId: 'p',
      document,
      implementations: standInImplementations([origin, sink]),
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
