import type { IPublishPacket } from 'mqtt';
import { decodePayload, type Decoded } from '../common/json-payload';

/** An MQTT message as a record, with where it came from. */
export function decodeMessage(packet: IPublishPacket, format: 'json' | 'text'): Decoded {
  const payload = typeof packet.payload === 'string' ? packet.payload : Buffer.from(packet.payload).toString('utf8');
  return decodePayload(payload, format, {
    'mqtt.topic': packet.topic,
    'mqtt.qos': String(packet.qos),
    'mqtt.retain': String(packet.retain),
  });
}
