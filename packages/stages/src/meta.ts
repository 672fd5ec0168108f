/**
 * The browser-safe definitions of every stage type, as one catalog value. Nothing here
 * imports a client library: the web bundle and the validator use this entry.
 */
import { createCatalog, type StageDefinition } from '@duto/model';
import { originMqtt } from './origin-mqtt/meta';
import { originKafka } from './origin-kafka/meta';
import { originPostgresCdc } from './origin-postgres-cdc/meta';
import { originMysqlCdc } from './origin-mysql-cdc/meta';
import { originJdbcQuery } from './origin-jdbc-query/meta';
import { originDirectory } from './origin-directory/meta';
import { originDevGenerator } from './origin-dev-generator/meta';
import { processorExpression } from './processor-expression/meta';
import { processorFilter } from './processor-filter/meta';
import { processorRouter } from './processor-router/meta';
import { processorFieldRemover } from './processor-field-remover/meta';
import { processorFieldRenamer } from './processor-field-renamer/meta';
import { processorTypeConverter } from './processor-type-converter/meta';
import { processorAggregate } from './processor-aggregate/meta';
import { destinationKafka } from './destination-kafka/meta';
import { destinationDatalake } from './destination-datalake/meta';
import { destinationJdbc } from './destination-jdbc/meta';
import { destinationMqtt } from './destination-mqtt/meta';
import { destinationTrash } from './destination-trash/meta';

export const stageDefinitions: readonly StageDefinition[] = [
  originMqtt,
  originKafka,
  originPostgresCdc,
  originMysqlCdc,
  originJdbcQuery,
  originDirectory,
  originDevGenerator,
  processorExpression,
  processorFilter,
  processorRouter,
  processorFieldRemover,
  processorFieldRenamer,
  processorTypeConverter,
  processorAggregate,
  destinationKafka,
  destinationDatalake,
  destinationJdbc,
  destinationMqtt,
  destinationTrash,
];

export const stageCatalog = createCatalog(stageDefinitions);
