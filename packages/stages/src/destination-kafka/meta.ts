import Type from 'typebox';
import { defineStage, Expression } from '@duto/model';
import { KAFKA_TOPIC } from '../common/fields';

export const destinationKafka = defineStage({
  type: 'destination.kafka',
  category: 'destination',
  label: 'Kafka',
  description:
    'Produces records to a Kafka topic with acks from all in-sync replicas. Records with the same key go to the same partition and keep their order.',
  icon: 'kafka',
  outputs: { kind: 'none' },
  configSchema: Type.Object(
    {
      topic: Type.String({ pattern: KAFKA_TOPIC, description: 'Topic to write to; may use ${PARAMETER}.' }),
      key: Type.Optional(
        Expression({
          description: 'Record key: a field path or a JSONata expression. Unset spreads records over partitions with no order between them.',
          examples: ['sensorId'],
        }),
      ),
      format: Type.Optional(Type.Enum(['json'], { default: 'json', description: 'How the record value is written.' })),
    },
    { additionalProperties: false },
  ),
  examples: [{ topic: 'iot.readings', key: 'sensorId', format: 'json' }],
});
