import type { MqttClient } from 'mqtt';

const TICK_MS = 5;

/**
 * Publishes at QoS 1 at a steady `perSecond` for `seconds`, stamping each message with
 * `sentAt` (performance.now()). Resolves once the broker acknowledged every message.
 */
export async function publishPaced(
  client: MqttClient,
  topic: string,
  perSecond: number,
  seconds: number,
  payload: (i: number, sentAt: number) => string,
): Promise<{ sent: number; startedAt: number }> {
  const total = Math.round(perSecond * seconds);
  const startedAt = performance.now();
  let sent = 0;
  let acknowledged = 0;
  return new Promise((resolve, reject) => {
    const acked = (error?: Error) => {
      if (error) return fail(error);
      acknowledged += 1;
      if (acknowledged === total) resolve({ sent, startedAt });
    };
    const timer = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - startedAt) * perSecond) / 1000));
      while (sent < due) {
        const i = sent++;
        client.publish(topic, payload(i, performance.now()), { qos: 1 }, acked);
      }
      if (sent === total) clearInterval(timer);
    }, TICK_MS);
    const fail = (error: Error) => {
      clearInterval(timer);
      reject(error);
    };
  });
}
