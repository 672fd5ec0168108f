/**
 * The server-side runtime of every stage type, as one value passed to the engine.
 */
import type { StageImplementation, StageImplementations } from '@duto/engine';
import { originMqttImpl } from './origin-mqtt/impl';
import { originKafkaImpl } from './origin-kafka/impl';
import { originPostgresCdcImpl } from './origin-postgres-cdc/impl';
import { originMysqlCdcImpl } from './origin-mysql-cdc/impl';
import { originJdbcQueryImpl } from './origin-jdbc-query/impl';
import { originDirectoryImpl } from './origin-directory/impl';
import { originDevGeneratorImpl } from './origin-dev-generator/impl';
import { processorExpressionImpl } from './processor-expression/impl';
import { processorFilterImpl } from './processor-filter/impl';
import { processorRouterImpl } from './processor-router/impl';
import { processorFieldRemoverImpl } from './processor-field-remover/impl';
import { processorFieldRenamerImpl } from './processor-field-renamer/impl';
import { processorTypeConverterImpl } from './processor-type-converter/impl';
import { processorAggregateImpl } from './processor-aggregate/impl';
import { destinationKafkaImpl } from './destination-kafka/impl';
import { destinationDatalakeImpl } from './destination-datalake/impl';
import { destinationJdbcImpl } from './destination-jdbc/impl';
import { destinationMqttImpl } from './destination-mqtt/impl';
import { destinationTrashImpl } from './destination-trash/impl';

/** The one rule for data-lake paths, for the server's lake browser as for the file stages. */
export { LakePathError, resolveLakePath } from './common/lake-path';

export const stageImplementations: readonly StageImplementation[] = [
  originMqttImpl,
  originKafkaImpl,
  originPostgresCdcImpl,
  originMysqlCdcImpl,
  originJdbcQueryImpl,
  originDirectoryImpl,
  originDevGeneratorImpl,
  processorExpressionImpl,
  processorFilterImpl,
  processorRouterImpl,
  processorFieldRemoverImpl,
  processorFieldRenamerImpl,
  processorTypeConverterImpl,
  processorAggregateImpl,
  destinationKafkaImpl,
  destinationDatalakeImpl,
  destinationJdbcImpl,
  destinationMqttImpl,
  destinationTrashImpl,
];

export function implementationsOf(list: readonly StageImplementation[] = stageImplementations): StageImplementations {
  const byType = new Map(list.map((i) => [i.definition.type, i]));
  return { get: (type) => byType.get(type) };
}
