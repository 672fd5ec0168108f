import { implementStage, valueJson } from '@duto/engine';
import { urlEndpoint } from '../common/endpoints';
import { connected, createMqttClient } from '../common/mqtt-client';
import { destinationMqtt } from './meta';

/**
 * Publishes each record as JSON. With QoS 1 or 2, write() resolves only when the broker
 * has acknowledged every message of the batch.
 */
export const destinationMqttImpl = implementStage(destinationMqtt, async (config, context) => {
  const client = createMqttClient(config, context, { clean: true, protocolVersion: 5 });
  client.on('error', (error) => context.logger.warn('MQTT client error', { error: error.message }));
  await connected(client, config.brokerUrl);
  const qos = config.qos as 0 | 1 | 2;
  return {
    kind: 'destination',
    runtime: {
      async write(records) {
        await Promise.all(records.map((r) => client.publishAsync(config.topic, valueJson(r.value), { qos, retain: config.retain! })));
      },
      close: () => client.endAsync(),
    },
  };
}, { endpoints: (config) => urlEndpoint('/brokerUrl', config.brokerUrl) });
