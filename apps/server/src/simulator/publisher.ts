import { randomBytes } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import type { ReadingKind, SensorFleet } from './sensor-fleet';

export interface SimulationCounts {
  published: number;
  acked: number;
  byKind: Record<ReadingKind, number>;
  elapsedMs: number;
}

/** Unacknowledged messages at most: past it publishing waits, so a slow broker slows the simulation instead of filling memory. */
const MAX_IN_FLIGHT = 1000;
const TICK_MS = 50;
/** How long acknowledgements are waited for after Ctrl-C. */
const STOP_GRACE_MS = 5000;

export class BrokerUnreachableError extends Error {}

/**
 * Publishes the fleet's readings at `rate` per second at QoS 1 until `count` were
 * published or `signal` aborts, then waits for the outstanding acknowledgements. MQTT
 * 3.1.1, which every broker speaks (Duto's embedded one speaks nothing else).
 */
export async function publishReadings(
  fleet: SensorFleet,
  { url, rate, count }: { url: string; rate: number; count?: number },
  signal: AbortSignal,
  onProgress: (counts: SimulationCounts) => void = () => {},
): Promise<SimulationCounts> {
  const client = await connect(url);
  const counts: SimulationCounts = { published: 0, acked: 0, byKind: { valid: 0, 'out-of-range': 0, malformed: 0 }, elapsedMs: 0 };
  const started = Date.now();
  const pending = new Set<Promise<unknown>>();
  try {
    while (!signal.aborted && (count === undefined || counts.published < count)) {
      counts.elapsedMs = Date.now() - started;
      const due = Math.min(Math.floor((counts.elapsedMs / 1000) * rate) + 1, count ?? Infinity);
      while (counts.published < due && pending.size < MAX_IN_FLIGHT) {
        const message = fleet.reading(Date.now());
        counts.published++;
        counts.byKind[message.kind]++;
        const sent = client.publishAsync(message.topic, message.payload, { qos: 1 }).then(() => counts.acked++);
        pending.add(sent);
        void sent.finally(() => pending.delete(sent));
      }
      onProgress(counts);
      await new Promise((resolve) => setTimeout(resolve, TICK_MS));
    }
    await drained(pending, signal);
  } finally {
    counts.elapsedMs = Date.now() - started;
    await client.endAsync().catch(() => {});
  }
  onProgress(counts);
  return counts;
}

/**
 * Resolves once every publish was acknowledged, or, after Ctrl-C, at most a few seconds
 * later: a broker that went away must not keep the simulator from ending.
 */
async function drained(pending: Set<Promise<unknown>>, signal: AbortSignal): Promise<void> {
  const everyAck = Promise.all(pending);
  const stopped = new Promise<void>((resolve) => {
    const giveUp = () => setTimeout(resolve, STOP_GRACE_MS).unref();
    if (signal.aborted) giveUp();
    else signal.addEventListener('abort', giveUp, { once: true });
  });
  await Promise.race([everyAck, stopped]);
}

function connect(url: string): Promise<MqttClient> {
  const client = mqtt.connect(url, { protocolVersion: 4, clientId: `duto-simulator-${randomBytes(4).toString('hex')}`, connectTimeout: 5000, reconnectPeriod: 1000 });
  return new Promise((resolve, reject) => {
    const fail = (error: Error) => {
      clearTimeout(timer);
      void client.endAsync(true);
      reject(new BrokerUnreachableError(`no MQTT broker answers at ${url} (${error.message})`));
    };
    const timer = setTimeout(() => fail(new Error('no answer within 10 s')), 10_000);
    client.once('connect', () => {
      clearTimeout(timer);
      client.removeListener('error', fail);
      resolve(client);
    });
    client.once('error', fail);
  });
}
