import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import type { StageIdentity } from '@duto/engine';
import { plainSecret } from './secrets';

export interface MqttConnection {
  brokerUrl: string;
  clientId?: string | undefined;
  username?: string | undefined;
  password?: string | { secret: string } | undefined;
}

/** A client id that stays the same across restarts, so a persistent session is found again. */
export function stageClientId(context: StageIdentity, configured: string | undefined): string {
  return configured ?? `duto-${context.pipelineId}-${context.stageId}`.slice(0, 64);
}

/**
 * An MQTT client that is not yet connected: the caller sets handlers first (a persistent
 * session may deliver messages right after CONNACK), then awaits `connected`.
 */
export function createMqttClient(connection: MqttConnection, context: StageIdentity, options: IClientOptions): MqttClient {
  const password = plainSecret(connection.password);
  return mqtt.connect(connection.brokerUrl, {
    clientId: stageClientId(context, connection.clientId),
    ...(connection.username === undefined ? {} : { username: connection.username }),
    ...(password === undefined ? {} : { password }),
    connectTimeout: 5000,
    reconnectPeriod: 1000,
    // mqtt.js's own debug log costs a call with its arguments per packet even when off
    // (a tenth of a runner's allocations at 20,000 messages/s); Duto logs what matters itself.
    log: () => {},
    ...options,
  });
}

/** CONNACK codes of a broker that refuses MQTT 5: 1 from a 3.1.1 broker, 132 from a broker that knows 5 but refuses it. */
const PROTOCOL_REFUSED = new Set([1, 132]);

/**
 * Resolves on the first CONNACK; rejects on an error or when no broker answers in time.
 * A broker that refuses MQTT 5 (aedes, Duto's embedded broker, speaks 3.1.1 only) is asked
 * again with 3.1.1: the session stays persistent (clean off), but the receive maximum cannot
 * be announced, so how many unacknowledged messages it sends is the broker's own limit.
 */
export function connected(client: MqttClient, brokerUrl: string, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`no MQTT broker answered at ${brokerUrl} within ${timeoutMs / 1000} s`)), timeoutMs);
    const onError = (error: Error & { code?: unknown }) => {
      if (client.options.protocolVersion !== 5 || !PROTOCOL_REFUSED.has(error.code as number)) return fail(error);
      client.options.protocolVersion = 4;
      delete client.options.properties;
      client.reconnect();
    };
    const fail = (error: Error) => {
      clearTimeout(timer);
      client.removeListener('connect', ok);
      client.removeListener('error', onError);
      void client.endAsync(true).catch(() => {});
      reject(error);
    };
    const ok = () => {
      clearTimeout(timer);
      client.removeListener('error', onError);
      resolve();
    };
    client.once('connect', ok);
    client.on('error', onError);
  });
}

/** PUBACK with reason Success and no properties: type and length, then the packet id (MQTT 3.1.1 and 5). */
const PUBACK_BYTES = 4;

/** Acknowledgements of committed messages that waited for the broker to be back. */
const heldAcks = new WeakMap<MqttClient, number[]>();

/**
 * Sends the PUBACKs of QoS 1 messages whose batch is committed, in one write. mqtt.js
 * acknowledges in its own message handler, before our batch is durable; it has no public
 * call to ack later, so the origin declines mqtt.js's ack (see origin-mqtt) and sends its
 * own here. A PUBACK of Success without properties is the same four bytes in MQTT 3.1.1
 * and 5 (MQTT 5, 3.4.2.1), so a batch's acks are one buffer and one socket write instead
 * of a thousand packets through mqtt.js. While disconnected they wait for the next CONNACK:
 * sent if the broker still has the session (it sends those messages again), dropped if not,
 * because its new messages may reuse their packet ids and must not be acknowledged before
 * they are committed.
 */
export function sendPubacks(client: MqttClient, messageIds: number[]): void {
  if (messageIds.length === 0) return;
  if (!client.connected) {
    const held = heldAcks.get(client);
    if (held) {
      held.push(...messageIds);
      return;
    }
    heldAcks.set(client, [...messageIds]);
    client.once('connect', (connack: { sessionPresent?: boolean }) => {
      const ids = heldAcks.get(client) ?? [];
      heldAcks.delete(client);
      if (connack.sessionPresent) sendPubacks(client, ids);
    });
    return;
  }
  const acks = Buffer.allocUnsafe(messageIds.length * PUBACK_BYTES);
  messageIds.forEach((messageId, i) => {
    const at = i * PUBACK_BYTES;
    acks[at] = 0x40;
    acks[at + 1] = 0x02;
    acks.writeUInt16BE(messageId, at + 2);
  });
  client.stream.write(acks);
}
