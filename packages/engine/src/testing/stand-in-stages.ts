import Type from 'typebox';
import { defineStage, type StageCategory } from '@duto/model';
import type { StageContext, StageImplementation, StageImplementations, StageRuntime } from '../stage-runtime';

/** For the engine's own tests: a stage of any type and category whose runtime the test writes. */
export function standInStage(
  type: string,
  category: StageCategory,
  create: (config: any, context: StageContext) => StageRuntime | Promise<StageRuntime>,
): StageImplementation {
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

export function standInImplementations(list: StageImplementation[]): StageImplementations {
  const byType = new Map(list.map((i) => [i.definition.type, i]));
  return { get: (type) => byType.get(type) };
}
