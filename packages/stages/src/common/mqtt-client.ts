import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import type { StageContext } from '@duto/engine';
import { plainSecret } from './secrets';

export interface MqttConnection {
  brokerUrl: string;
  clientId?: string | undefined;
  username?: string | undefined;
  password?: string | { secret: string } | undefined;
}

/** A client id that stays the same across restarts, so a persistent session is found again. */
export function stageClientId(context: StageContext, configured: string | undefined): string {
  return configured ?? `duto-${context.pipelineId}-${context.stageId}`.slice(0, 64);
}

/**
 * An MQTT client that is not yet connected: the caller sets handlers first (a persistent
 * session may deliver messages right after CONNACK), then awaits `connected`.
 */
export function createMqttClient(connection: MqttConnection, context: StageContext, options: IClientOptions): MqttClient {
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

/**
 * Sends the PUBACK of a QoS 1 message whose batch is committed. mqtt.js acknowledges in
 * its own message handler, before our batch is durable; it has no public call to ack
 * later, so the origin declines mqtt.js's ack (see origin-mqtt) and sends its own here.
 */
export function sendPuback(client: MqttClient, messageId: number): void {
  (client as unknown as { _sendPacket(packet: { cmd: 'puback'; messageId: number }): void })._sendPacket({ cmd: 'puback', messageId });
}
