import type { IPublishPacket } from 'mqtt';
import { urlEndpoint } from '../common/endpoints';
import { BatchQueue, EMITS_IN_FLIGHT, EmitWindow, implementStage } from '@duto/engine';
import { connected, createMqttClient, sendPubacks } from '../common/mqtt-client';
import { originMqtt } from './meta';
import { decodeMessages } from './decode';
import { previewMqttOrigin } from './preview';
import { retainedSession } from './retained';

/** Seven days: how long the broker keeps the session (and its unacknowledged messages). */
const SESSION_EXPIRY_S = 7 * 24 * 3600;
/** mqtt.js treats a message whose handler reports this as not to be acknowledged now. */
const ACK_LATER = new Error('acknowledged once its batch is committed');

/**
 * At QoS 1 and 2 the session is persistent (fixed client id, clean start off) and each
 * message's PUBACK is held until its batch is committed downstream, so the broker
 * redelivers whatever a crash interrupted. QoS 2 is subscribed as QoS 1: the QoS 2
 * handshake releases a message before Duto could commit it, and Duto's end-to-end
 * guarantee is at least once anyway. At most `receiveMaximum` unacknowledged messages
 * are held (the broker is asked for no more, and the origin reads no more), which bounds memory.
 */
export const originMqttImpl = implementStage(originMqtt, (config, context) => {
  if (context.mode === 'preview') return { kind: 'origin', runtime: previewMqttOrigin(config, context) };
  const { signal, settings, logger } = context;
  const qos = Math.min(config.qos!, 1) as 0 | 1;
  // The batches in flight and one more waiting, so that the next batch is there when one is committed.
  const receiveMaximum = Math.min(65_535, Math.max(100, settings.batchSize * (EMITS_IN_FLIGHT + 1)));
  const queue = new BatchQueue<IPublishPacket>(receiveMaximum);

  return {
    kind: 'origin',
    runtime: {
      async run(emit, ready) {
        const client = createMqttClient(config, context, {
          clean: qos === 0,
          protocolVersion: 5,
          properties: { sessionExpiryInterval: qos === 0 ? 0 : SESSION_EXPIRY_S, receiveMaximum },
        });
        const accept: typeof client.handleMessage = (packet, done) => {
          // Stopping: take nothing new; unacknowledged messages come again with the next session.
          if (signal.aborted) return done(packet.qos > 0 ? ACK_LATER : undefined);
          if (packet.qos === 0 && queue.length >= settings.batchSize * 10) {
            logger.warn('QoS 0 message dropped: the pipeline is behind', { topic: packet.topic });
            return done();
          }
          queue.push(packet);
          done(packet.qos > 0 ? ACK_LATER : undefined);
        };
        // Mosquitto 2.0 sends past receiveMaximum while a backlog is being acknowledged (seen:
        // 17,000 unacknowledged of a 2000 maximum): reading no further while `receiveMaximum`
        // messages wait keeps memory bounded. mqtt.js reads the next packet after `done`.
        client.handleMessage = (packet, done) => {
          if (packet.qos > 0 && queue.full) void queue.room(signal).then(() => accept(packet, done));
          else accept(packet, done);
        };
        let offlineTimer: NodeJS.Timeout | undefined;
        client.on('offline', () => {
          logger.warn('MQTT broker connection lost; reconnecting');
          offlineTimer ??= setTimeout(() => queue.fail(new Error(`the MQTT broker at ${config.brokerUrl} has been unreachable for 30 s`)), 30_000);
        });
        client.on('connect', () => {
          clearTimeout(offlineTimer);
          offlineTimer = undefined;
        });

        const window = new EmitWindow();
        try {
          await connected(client, config.brokerUrl);
          // A resumed session's unacknowledged messages come right after CONNACK, ahead of the
          // SUBACK, and may be more than the queue holds; mqtt.js reads the SUBACK only once it
          // has taken them. So batches flow while the subscription is made, or neither would finish.
          client.subscribeAsync(config.topics, { qos }).then(
            (granted) => {
              const refused = granted.filter((g) => g.qos === 128);
              if (refused.length > 0) queue.fail(new Error(`the broker refused the subscription to ${refused.map((g) => g.topic).join(', ')}`));
              else ready();
            },
            (error: Error) => queue.fail(error),
          );

          // Each batch's PUBACKs once it is committed, in the order the messages came (MQTT 5, 4.6).
          for (;;) {
            const packets = await queue.take(settings.batchSize, settings.batchWaitMs, signal);
            if (packets.length > 0) {
              const written = emit(decodeMessages(packets, config.format as 'json' | 'text'));
              // A failed batch ends the run at once, even while waiting for the next messages.
              written.catch((error: unknown) => queue.fail(error instanceof Error ? error : new Error(String(error))));
              await window.add(written, () => sendPubacks(client, messageIds(packets)));
            }
            if (signal.aborted && queue.length === 0) break;
          }
          await window.drain();
        } finally {
          clearTimeout(offlineTimer);
          // After a failed batch, the ones still being written end before the run does.
          await window.settled();
          await client.endAsync().catch(() => {});
        }
      },
    },
  };
}, { endpoints: (config) => urlEndpoint('/brokerUrl', config.brokerUrl), retained: retainedSession });

function messageIds(packets: IPublishPacket[]): number[] {
  const ids: number[] = [];
  for (const packet of packets) if (packet.qos > 0 && packet.messageId !== undefined) ids.push(packet.messageId);
  return ids;
}
