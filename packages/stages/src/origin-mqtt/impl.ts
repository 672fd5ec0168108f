import type { IPublishPacket } from 'mqtt';
import { urlEndpoint } from '../common/endpoints';
import { BatchQueue, implementStage, type RecordFailure } from '@duto/engine';
import type { DutoRecord } from '@duto/model';
import { connected, createMqttClient, sendPuback } from '../common/mqtt-client';
import { originMqtt } from './meta';
import { decodeMessage } from './decode';

/** Seven days: how long the broker keeps the session (and its unacknowledged messages). */
const SESSION_EXPIRY_S = 7 * 24 * 3600;
/** mqtt.js treats a message whose handler reports this as not to be acknowledged now. */
const ACK_LATER = new Error('acknowledged once its batch is committed');

/**
 * At QoS 1 and 2 the session is persistent (fixed client id, clean start off) and each
 * message's PUBACK is held until its batch is committed downstream, so the broker
 * redelivers whatever a crash interrupted. QoS 2 is subscribed as QoS 1: the QoS 2
 * handshake releases a message before Duto could commit it, and Duto's end-to-end
 * guarantee is at least once anyway. The broker sends at most `receiveMaximum`
 * unacknowledged messages, which bounds memory.
 */
export const originMqttImpl = implementStage(originMqtt, (config, context) => {
  const { signal, settings, logger } = context;
  const qos = Math.min(config.qos!, 1) as 0 | 1;
  const receiveMaximum = Math.min(65_535, Math.max(100, settings.batchSize * 2));
  const queue = new BatchQueue<IPublishPacket>(Math.max(receiveMaximum, settings.batchSize * 10));

  return {
    kind: 'origin',
    runtime: {
      async run(emit, ready) {
        const client = createMqttClient(config, context, {
          clean: qos === 0,
          protocolVersion: 5,
          properties: { sessionExpiryInterval: qos === 0 ? 0 : SESSION_EXPIRY_S, receiveMaximum },
        });
        client.handleMessage = (packet, done) => {
          // Stopping: take nothing new; unacknowledged messages come again with the next session.
          if (signal.aborted) return done(packet.qos > 0 ? ACK_LATER : undefined);
          if (packet.qos === 0 && queue.length >= settings.batchSize * 10) {
            logger.warn('QoS 0 message dropped: the pipeline is behind', { topic: packet.topic });
            return done();
          }
          queue.push(packet);
          done(packet.qos > 0 ? ACK_LATER : undefined);
        };
        let fail!: (error: Error) => void;
        const failed = new Promise<never>((_, reject) => (fail = reject));
        failed.catch(() => {});
        let offlineTimer: NodeJS.Timeout | undefined;
        client.on('offline', () => {
          logger.warn('MQTT broker connection lost; reconnecting');
          offlineTimer ??= setTimeout(() => fail(new Error(`the MQTT broker at ${config.brokerUrl} has been unreachable for 30 s`)), 30_000);
        });
        client.on('connect', () => {
          clearTimeout(offlineTimer);
          offlineTimer = undefined;
        });

        try {
          await connected(client, config.brokerUrl);
          const granted = await client.subscribeAsync(config.topics, { qos });
          const refused = granted.filter((g) => g.qos === 128);
          if (refused.length > 0) throw new Error(`the broker refused the subscription to ${refused.map((g) => g.topic).join(', ')}`);
          ready();

          for (;;) {
            const packets = await Promise.race([queue.take(settings.batchSize, settings.batchWaitMs, signal), failed]);
            if (packets.length > 0) {
              const records: DutoRecord[] = [];
              const failures: RecordFailure[] = [];
              for (const packet of packets) {
                const decoded = decodeMessage(packet, config.format as 'json' | 'text');
                if ('record' in decoded) records.push(decoded.record);
                else failures.push(decoded.failure);
              }
              await emit({ records, failures });
              for (const packet of packets) if (packet.qos > 0 && packet.messageId !== undefined) sendPuback(client, packet.messageId);
            }
            if (signal.aborted && queue.length === 0) break;
          }
        } finally {
          clearTimeout(offlineTimer);
          await client.endAsync().catch(() => {});
        }
      },
    },
  };
}, (config) => urlEndpoint('/brokerUrl', config.brokerUrl));
