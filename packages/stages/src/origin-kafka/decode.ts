import type { OriginBatch } from '@duto/engine';
import type { KafkaMessage } from '@duto/kafka';
import { decodePayload, type Decoded } from '../common/json-payload';

/** Messages of one partition as a batch: the records, and the messages that are not one. */
export function decodeMessages(messages: KafkaMessage[], topic: string, partition: number, format: 'json' | 'text'): Required<OriginBatch> {
  const batch: Required<OriginBatch> = { records: [], failures: [] };
  for (const message of messages) {
    const decoded = decodeMessage(message, topic, partition, format);
    if ('record' in decoded) batch.records.push(decoded.record);
    else batch.failures.push(decoded.failure);
  }
  return batch;
}

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
