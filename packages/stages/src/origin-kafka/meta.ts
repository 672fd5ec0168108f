import Type from 'typebox';
import { defineStage } from '@duto/model';
import { KAFKA_TOPIC, RecordFormat } from '../common/fields';

export const originKafka = defineStage({
  type: 'origin.kafka',
  category: 'origin',
  label: 'Kafka',
  description:
    'Consumes Kafka topics in a consumer group. Offsets are committed only after every destination has taken the batch, so a restart resumes where it left off (at least once).',
  icon: 'kafka',
  outputs: { kind: 'single' },
  configSchema: Type.Object(
    {
      topics: Type.Array(Type.String({ pattern: KAFKA_TOPIC }), {
        minItems: 1,
        maxItems: 100,
        description: 'Topics to consume.',
      }),
      groupId: Type.String({
        pattern: '^[A-Za-z0-9._-]{1,249}$',
        description: 'Consumer group; pipelines that share it share the partitions between them.',
      }),
      fromBeginning: Type.Optional(
        Type.Boolean({
          default: false,
          description: 'Whether a group without committed offsets starts at the oldest record (else at new records only).',
        }),
      ),
      format: Type.Optional(
        RecordFormat(['json', 'text'], 'json', 'How record values are read: json (an object per record) or text (into the field "text").'),
      ),
    },
    { additionalProperties: false },
  ),
  examples: [{ topics: ['iot.readings'], groupId: 'duto-lake-writer', fromBeginning: true, format: 'json' }],
});
