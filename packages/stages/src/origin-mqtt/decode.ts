import type { IPublishPacket } from 'mqtt';
import type { RecordFailure } from '@duto/engine';
import type { DutoRecord } from '@duto/model';

/** An MQTT message as a record, or as a failure carrying its raw payload and the reason. */
export function decodeMessage(packet: IPublishPacket, format: 'json' | 'text'): { record: DutoRecord } | { failure: RecordFailure } {
  const attributes: Record<string, string> = {
    'mqtt.topic': packet.topic,
    'mqtt.qos': String(packet.qos),
    'mqtt.retain': String(packet.retain),
  };
  const payload = typeof packet.payload === 'string' ? packet.payload : Buffer.from(packet.payload).toString('utf8');
  if (format === 'text') return { record: { value: { text: payload }, attributes } };
  try {
    const value: unknown = JSON.parse(payload);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return { failure: { record: { value: { raw: payload }, attributes }, reason: 'the payload is JSON but not an object' } };
    }
    return { record: { value: value as Record<string, unknown>, attributes } };
  } catch (error) {
    return { failure: { record: { value: { raw: payload }, attributes }, reason: `the payload is not valid JSON: ${(error as Error).message}` } };
  }
}
