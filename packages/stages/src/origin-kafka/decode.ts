import type { KafkaMessage } from '@duto/kafka';
import type { RecordFailure } from '@duto/engine';
import type { DutoRecord } from '@duto/model';

/** A Kafka message as a record, or as a failure carrying its raw text and the reason. */
export function decodeMessage(
  message: KafkaMessage,
  topic: string,
  partition: number,
  format: 'json' | 'text',
): { record: DutoRecord } | { failure: RecordFailure } {
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
  const text = message.value.toString('utf8');
  if (format === 'text') return { record: { value: { text }, attributes } };
  try {
    const value: unknown = JSON.parse(text);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return { failure: { record: { value: { raw: text }, attributes }, reason: 'the message is JSON but not an object' } };
    }
    return { record: { value: value as Record<string, unknown>, attributes } };
  } catch (error) {
    return { failure: { record: { value: { raw: text }, attributes }, reason: `the message is not valid JSON: ${(error as Error).message}` } };
  }
}
