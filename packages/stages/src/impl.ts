/**
 * The server-side runtimes of the stages implemented so far, as one value passed to the
 * engine. A stage type without a runtime here is refused at start with a clear message.
 */
import type { StageImplementation, StageImplementations } from '@duto/engine';
import { originKafkaImpl } from './origin-kafka/impl';
import { originDevGeneratorImpl } from './origin-dev-generator/impl';
import { processorExpressionImpl } from './processor-expression/impl';
import { processorFilterImpl } from './processor-filter/impl';
import { processorRouterImpl } from './processor-router/impl';
import { processorFieldRemoverImpl } from './processor-field-remover/impl';
import { processorFieldRenamerImpl } from './processor-field-renamer/impl';
import { processorTypeConverterImpl } from './processor-type-converter/impl';
import { processorAggregateImpl } from './processor-aggregate/impl';
import { destinationKafkaImpl } from './destination-kafka/impl';
import { destinationTrashImpl } from './destination-trash/impl';

export const stageImplementations: readonly StageImplementation[] = [
  originKafkaImpl,
  originDevGeneratorImpl,
  processorExpressionImpl,
  processorFilterImpl,
  processorRouterImpl,
  processorFieldRemoverImpl,
  processorFieldRenamerImpl,
  processorTypeConverterImpl,
  processorAggregateImpl,
  destinationKafkaImpl,
  destinationTrashImpl,
];

export function implementationsOf(list: readonly StageImplementation[] = stageImplementations): StageImplementations {
  const byType = new Map(list.map((i) => [i.definition.type, i]));
  return { get: (type) => byType.get(type) };
}
