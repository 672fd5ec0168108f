import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DutoRecord } from '@duto/model';
import type { StageImplementation, StageRuntime } from '@duto/engine';
import { implementationsOf } from '@duto/stages/impl';
import { freePort, testContext } from '@duto/stages/testing';
import { ensureMqttBroker, type MqttBrokerCheck } from '../src/embedded-mqtt/ensure-mqtt-broker';

/** The embedded broker (aedes, MQTT 3.1.1 only) carrying QoS 1 between Duto's own MQTT stages. */
const implementations = implementationsOf();
let check: MqttBrokerCheck;
let url: string;

beforeAll(async () => {
  url = `mqtt://127.0.0.1:${await freePort()}`;
  check = await ensureMqttBroker(url);
});
afterAll(() => check?.embedded?.stop());

async function create(type: string, config: Record<string, unknown>, context = testContext()): Promise<StageRuntime> {
  return (implementations.get(type) as StageImplementation).create(config as never, context);
}

/** Runs Duto's MQTT origin until `stopWhen` holds (or emit fails), collecting what it emitted. */
async function runOrigin(clientId: string, stopWhen: (emitted: DutoRecord[]) => boolean, failEmit = false) {
  const abort = new AbortController();
  const context = testContext({ signal: abort.signal, settings: { batchSize: 100, batchWaitMs: 20, onRecordError: 'error-lane' } });
  const stage = await create('origin.mqtt', { brokerUrl: url, topics: ['plant/#'], qos: 1, format: 'json', clientId }, context);
  if (stage.kind !== 'origin') throw new Error('not an origin');
  const emitted: DutoRecord[] = [];
  let readyNow!: () => void;
  const ready = new Promise<void>((resolve) => (readyNow = resolve));
  const running = stage.runtime.run(async ({ records }) => {
    if (failEmit) throw new Error('downstream is down');
    emitted.push(...records);
    if (stopWhen(emitted)) abort.abort();
  }, readyNow);
  await Promise.race([ready, running]);
  return { running, emitted };
}

/** Publishes through Duto's MQTT destination (QoS 1: write resolves once the broker acknowledged). */
async function publishWithDuto(topic: string, values: Array<Record<string, unknown>>): Promise<void> {
  const stage = await create('destination.mqtt', { brokerUrl: url, topic, qos: 1, retain: false }, testContext({ stageId: 'publisher' }));
  if (stage.kind !== 'destination') throw new Error('not a destination');
  await stage.runtime.write(values.map((value) => ({ value, attributes: {} })));
  await stage.runtime.close?.();
}

describe('the embedded MQTT broker', () => {
  it('starts where no broker answers, and says so; a second look finds it answering', async () => {
    expect(check.embedded?.url).toBe(url);
    expect(check.notice).toBe(
      `No MQTT broker answered at ${url}, so Duto started an embedded one there (MQTT 3.1.1, in memory: its queued messages are lost when Duto stops). For production, run a broker such as Mosquitto.`,
    );
    expect(await ensureMqttBroker(url)).toEqual({});
  });

  it('carries QoS 1 messages from Duto\'s MQTT destination to its MQTT origin, which fall back to MQTT 3.1.1', async () => {
    const run = await runOrigin('embedded-reader', (emitted) => emitted.length >= 300);
    await publishWithDuto('plant/line-1', Array.from({ length: 300 }, (_, i) => ({ seq: i, temperature: 20 + (i % 7) })));
    await run.running;
    expect(run.emitted.map((r) => r.value.seq)).toEqual(Array.from({ length: 300 }, (_, i) => i));
    expect(run.emitted[0]!.attributes).toMatchObject({ 'mqtt.topic': 'plant/line-1', 'mqtt.qos': '1' });
  });

  it('keeps the origin\'s session: messages whose batch failed come again to the next run', async () => {
    const first = await runOrigin('embedded-redeliver', () => false, true);
    await publishWithDuto('plant/line-2', Array.from({ length: 20 }, (_, i) => ({ seq: i })));
    await expect(first.running).rejects.toThrow('downstream is down');
    const second = await runOrigin('embedded-redeliver', (emitted) => emitted.length >= 20);
    await second.running;
    expect(second.emitted.map((r) => r.value.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('warns instead of starting when the URL is not an address of this machine', async () => {
    const result = await ensureMqttBroker('mqtt://192.0.2.1:1883');
    expect(result.embedded).toBeUndefined();
    expect(result.warning?.message).toBe(
      'No MQTT broker answers at mqtt://192.0.2.1:1883, and Duto could not start its own there (it is not an address of this machine).',
    );
    expect(result.warning?.fix).toMatch(/DUTO_MQTT_URL/);
  });
});
