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
    ...options,
  });
}

/** Resolves on the first CONNACK; rejects on an error or when no broker answers in time. */
export function connected(client: MqttClient, brokerUrl: string, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`no MQTT broker answered at ${brokerUrl} within ${timeoutMs / 1000} s`)), timeoutMs);
    const fail = (error: Error) => {
      clearTimeout(timer);
      client.removeListener('connect', ok);
      void client.endAsync(true).catch(() => {});
      reject(error);
    };
    const ok = () => {
      clearTimeout(timer);
      client.removeListener('error', fail);
      resolve();
    };
    client.once('connect', ok);
    client.once('error', fail);
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
