import type { IPublishPacket } from 'mqtt';
import type { OriginBatch } from '@duto/engine';
import { decodePayload, type Decoded } from '../common/json-payload';

/** Messages as a batch: the records, and the messages that are not one. */
export function decodeMessages(packets: IPublishPacket[], format: 'json' | 'text'): Required<OriginBatch> {
  const batch: Required<OriginBatch> = { records: [], failures: [] };
  for (const packet of packets) {
    const decoded = decodeMessage(packet, format);
    if ('record' in decoded) batch.records.push(decoded.record);
    else batch.failures.push(decoded.failure);
  }
  return batch;
}

/** An MQTT message as a record, with where it came from. */
export function decodeMessage(packet: IPublishPacket, format: 'json' | 'text'): Decoded {
  const payload = typeof packet.payload === 'string' ? packet.payload : packet.payload.toString('utf8');
  return decodePayload(payload, format, {
    'mqtt.topic': packet.topic,
    'mqtt.qos': String(packet.qos),
    'mqtt.retain': String(packet.retain),
  });
}
