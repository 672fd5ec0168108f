import mqtt, { type MqttClient } from 'mqtt';

/** Seven days, as Duto's origin asks: the broker keeps a subscriber's queue while it is away. */
export const SESSION_EXPIRY_S = 7 * 24 * 3600;
const PUBLISH_WINDOW = 1000;

/**
 * A connected MQTT 5 client. `onMessage` is attached before connecting: a persistent
 * session's queued messages may follow the CONNACK in the same read.
 */
export async function connectMqtt(
  url: string,
  clientId: string,
  persistent: boolean,
  onMessage?: (topic: string, payload: Buffer) => void,
): Promise<MqttClient> {
  const client = mqtt.connect(url, {
    clientId,
    clean: !persistent,
    protocolVersion: 5,
    reconnectPeriod: 0,
    properties: { sessionExpiryInterval: persistent ? SESSION_EXPIRY_S : 0 },
  });
  if (onMessage) client.on('message', onMessage);
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', reject);
  });
  return client;
}

/**
 * Creates a persistent QoS 1 session subscribed to `topic` and leaves: the broker queues
 * what is published from now on until a client with this id comes back.
 */
export async function openSession(url: string, clientId: string, topic: string): Promise<void> {
  const client = await connectMqtt(url, clientId, true);
  await client.subscribeAsync(topic, { qos: 1 });
  await client.endAsync();
}

/** Publishes `count` payloads at QoS 1, with at most PUBLISH_WINDOW unacknowledged. */
export async function publishAll(client: MqttClient, topic: string, count: number, payload: (i: number) => string): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < count) await client.publishAsync(topic, payload(next++), { qos: 1 });
  };
  await Promise.all(Array.from({ length: PUBLISH_WINDOW }, lane));
}
