import { randomUUID } from 'node:crypto';
import type { IPublishPacket } from 'mqtt';
import type { Static } from 'typebox';
import { BatchQueue, type OriginRuntime, type StageContext } from '@duto/engine';
import { connected, createMqttClient } from '../common/mqtt-client';
import { decodeMessages } from './decode';
import type { originMqtt } from './meta';

/**
 * A preview subscribes under a random client id with a clean session that ends with the
 * connection (session expiry 0), so the broker keeps nothing of it; the pipeline's own
 * persistent session, and the messages queued in it, are never touched. It sees the
 * messages published while it listens (and retained ones), acknowledged as they come.
 */
export function previewMqttOrigin(config: Static<typeof originMqtt.configSchema>, context: StageContext): OriginRuntime {
  const { signal, settings } = context;
  const queue = new BatchQueue<IPublishPacket>(settings.batchSize);
  return {
    async run(emit, ready) {
      const client = createMqttClient(config, context, {
        clientId: `duto-preview-${randomUUID().replaceAll('-', '').slice(0, 16)}`,
        clean: true,
        protocolVersion: 5,
        properties: { sessionExpiryInterval: 0 },
        reconnectPeriod: 0,
      });
      client.on('message', (_topic, _payload, packet) => {
        if (queue.length < settings.batchSize) queue.push(packet);
      });
      try {
        await connected(client, config.brokerUrl);
        // Only now: connecting may close a connection on the way (a broker that speaks 3.1.1 only is asked again).
        client.on('close', () => {
          if (!signal.aborted) queue.fail(new Error(`the MQTT broker at ${config.brokerUrl} closed the connection`));
        });
        const granted = await client.subscribeAsync(config.topics, { qos: Math.min(config.qos!, 1) as 0 | 1 });
        const refused = granted.filter((g) => g.qos === 128);
        if (refused.length > 0) throw new Error(`the broker refused the subscription to ${refused.map((g) => g.topic).join(', ')}`);
        ready();
        while (!signal.aborted) {
          const packets = await queue.take(settings.batchSize, settings.batchWaitMs, signal);
          if (packets.length > 0) await emit(decodeMessages(packets, config.format as 'json' | 'text'));
        }
        await client.unsubscribeAsync(config.topics).catch(() => {});
      } finally {
        await client.endAsync().catch(() => {});
      }
    },
  };
}
