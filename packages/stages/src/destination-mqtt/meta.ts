import Type from 'typebox';
import { defineStage } from '@duto/model';
import { MqttBrokerUrl, MqttCredentials, MqttQos } from '../common/fields';

export const destinationMqtt = defineStage({
  type: 'destination.mqtt',
  category: 'destination',
  label: 'MQTT',
  description: 'Publishes each record as JSON to an MQTT topic. With QoS 1 or 2 a batch is done only when the broker has acknowledged it.',
  icon: 'radio',
  outputs: { kind: 'none' },
  configSchema: Type.Object(
    {
      brokerUrl: MqttBrokerUrl,
      topic: Type.String({ minLength: 1, maxLength: 65_535, pattern: '^[^#+]+$', description: 'Topic to publish to (no wildcards).' }),
      qos: Type.Optional(MqttQos),
      retain: Type.Optional(Type.Boolean({ default: false, description: 'Whether the broker keeps the last message for new subscribers.' })),
      clientId: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$', description: 'Client id; defaults to duto-<pipeline>-<stage>.' })),
      ...MqttCredentials,
    },
    { additionalProperties: false },
  ),
  examples: [{ brokerUrl: 'mqtt://127.0.0.1:1883', topic: 'alerts/temperature', qos: 1 }],
});
