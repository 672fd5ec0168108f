import { Value } from 'typebox/value';
import type { Static, TSchema } from 'typebox';
import { DEFAULT_SETTINGS, type DutoRecord } from '@duto/model';
import type { ProcessorRuntime, StageContext, StageImplementation } from '@duto/engine';

/**
 * For unit tests of one stage's logic, below the integration tests that run whole
 * pipelines against real services: a context with an in-memory offset store.
 */
export function testContext(overrides: Partial<StageContext> = {}): StageContext & { committed: string[] } {
  const committed: string[] = [];
  return {
    pipelineId: 'test',
    stageId: 'stage',
    mode: 'run',
    settings: { ...DEFAULT_SETTINGS },
    signal: new AbortController().signal,
    logger: { info() {}, warn() {}, error() {} },
    offsets: {
      read: async () => committed.at(-1),
      commit: async (offset) => void committed.push(offset),
    },
    services: { kafkaBrokers: [], lakeDir: '/nonexistent' },
    reportLag() {},
    committed,
    ...overrides,
  };
}

export async function processorOf<S extends TSchema>(implementation: StageImplementation<S>, config: Static<S>): Promise<ProcessorRuntime> {
  const stage = await implementation.create(Value.Default(implementation.definition.configSchema, structuredClone(config)) as Static<S>, testContext());
  if (stage.kind !== 'processor') throw new Error(`${implementation.definition.type} is not a processor`);
  return stage.runtime;
}

export const record = (value: Record<string, unknown>, attributes: Record<string, string> = {}): DutoRecord => ({ value, attributes });
