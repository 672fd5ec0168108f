import Type from 'typebox';
import { defineStage } from '@duto/model';
import { MqttBrokerUrl, MqttCredentials, MqttQos, RecordFormat } from '../common/fields';

export const originMqtt = defineStage({
  type: 'origin.mqtt',
  category: 'origin',
  label: 'MQTT',
  description:
    'Subscribes to MQTT topics, e.g. IoT sensors. With QoS 1 or 2 the session is persistent and each message is acknowledged to the broker only after its batch is committed downstream, so a crash redelivers instead of losing.',
  icon: 'radio',
  outputs: { kind: 'single' },
  configSchema: Type.Object(
    {
      brokerUrl: MqttBrokerUrl,
      topics: Type.Array(Type.String({ minLength: 1, maxLength: 65_535 }), {
        minItems: 1,
        maxItems: 100,
        description: 'Topic filters to subscribe to; + matches one level, # the rest.',
      }),
      qos: Type.Optional(MqttQos),
      format: Type.Optional(
        RecordFormat(['json', 'text'], 'json', 'How payloads are read: json (an object per message) or text (into the field "text").'),
      ),
      clientId: Type.Optional(
        Type.String({
          pattern: '^[A-Za-z0-9_-]{1,64}$',
          description: 'Client id; fixed so the broker keeps the session across restarts. Defaults to duto-<pipeline>-<stage>.',
        }),
      ),
      ...MqttCredentials,
    },
    { additionalProperties: false },
  ),
  examples: [{ brokerUrl: 'mqtt://127.0.0.1:1883', topics: ['sensors/#'], qos: 1, format: 'json' }],
});
