import type { RetainedState } from '@duto/engine';
import { urlEndpoint } from '../common/endpoints';
import { connected, createMqttClient, stageClientId } from '../common/mqtt-client';
import type { originMqtt } from './meta';

/**
 * At QoS 1 and 2 the broker keeps the origin's session, and queues every message of its
 * subscriptions for it, for the session's expiry (7 days) after the last run. Connecting
 * once with a clean start and no expiry ends it.
 */
export const retainedSession: RetainedState<typeof originMqtt.configSchema> = {
  describe(config, stage) {
    if (config.qos === 0) return undefined;
    const [broker] = urlEndpoint('/brokerUrl', config.brokerUrl);
    const where = broker ? ` on ${broker.host}:${broker.port}` : '';
    return `MQTT session "${stageClientId(stage, config.clientId)}"${where}, for which the broker queues messages for 7 days after the last run`;
  },
  async release(config, stage) {
    const client = createMqttClient(config, stage, { clean: true, protocolVersion: 5, properties: { sessionExpiryInterval: 0 }, reconnectPeriod: 0 });
    await connected(client, config.brokerUrl);
    await client.endAsync();
  },
};
