import type { KafkaMessage } from '@duto/kafka';
import { decodePayload, type Decoded } from '../common/json-payload';

/** A Kafka message as a record, with where it came from; a tombstone is an empty record. */
export function decodeMessage(message: KafkaMessage, topic: string, partition: number, format: 'json' | 'text'): Decoded {
  const attributes: Record<string, string> = {
    'kafka.topic': topic,
    'kafka.partition': String(partition),
    'kafka.offset': message.offset,
    'kafka.timestamp': message.timestamp,
  };
  if (message.key !== null) attributes['kafka.key'] = message.key.toString();
  if (message.value === null) {
    attributes['kafka.tombstone'] = 'true';
    return { record: { value: {}, attributes } };
  }
  return decodePayload(message.value.toString('utf8'), format, attributes);
}
