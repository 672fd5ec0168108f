import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DutoRecord } from '@duto/model';
import { startMosquitto, testContext, type TestMosquitto } from '../testing';
import { originMqttImpl } from './impl';

let broker: TestMosquitto;
beforeAll(async () => {
  broker = await startMosquitto();
});
afterAll(() => broker.stop());

async function publish(count: number, topic: string, payload: (i: number) => string): Promise<void> {
  const client = await mqtt.connectAsync(broker.url);
  await Promise.all(Array.from({ length: count }, (_, i) => client.publishAsync(topic, payload(i), { qos: 1 })));
  await client.endAsync();
}

/** Runs the origin until `stopWhen` holds, collecting what it emitted. */
async function runOrigin(clientId: string, stopWhen: (emitted: DutoRecord[]) => boolean, failEmit?: () => boolean) {
  const abort = new AbortController();
  let ready!: () => void;
  const readiness = new Promise<void>((resolve) => (ready = resolve));
  const context = testContext({ signal: abort.signal, settings: { batchSize: 50, batchWaitMs: 20, onRecordError: 'error-lane' } });
  const stage = await originMqttImpl.create({ brokerUrl: broker.url, topics: ['dev/#'], qos: 1, format: 'json', clientId }, context);
  if (stage.kind !== 'origin') throw new Error('not an origin');
  const emitted: DutoRecord[] = [];
  const failures: string[] = [];
  const running = stage.runtime.run(async (batch) => {
    if (failEmit?.()) throw new Error('downstream is down');
    emitted.push(...batch.records);
    failures.push(...(batch.failures ?? []).map((f) => f.reason));
    if (stopWhen(emitted)) abort.abort();
  }, ready);
  return { running, emitted, failures, abort, readiness };
}

describe('origin.mqtt', () => {
  it('reads JSON messages in batches with their topic, and fails a malformed one', async () => {
    const run = await runOrigin('dev-read', (e) => e.length >= 199);
    await publish(200, 'dev/a', (i) => (i === 7 ? 'not json' : JSON.stringify({ i })));
    await run.running;
    expect(run.emitted.map((r) => r.value.i)).toEqual(Array.from({ length: 200 }, (_, i) => i).filter((i) => i !== 7));
    expect(run.emitted[0]!.attributes).toMatchObject({ 'mqtt.topic': 'dev/a', 'mqtt.qos': '1' });
    expect(run.failures).toEqual([expect.stringMatching(/not valid JSON/)]);
  });

  it('holds the acknowledgement until emit resolved: a failed batch is delivered again to the same session', async () => {
    let failOnce = true;
    const first = await runOrigin('dev-redeliver', () => false, () => failOnce);
    await publish(10, 'dev/b', (i) => JSON.stringify({ i }));
    await expect(first.running).rejects.toThrow('downstream is down');
    failOnce = false;
    const second = await runOrigin('dev-redeliver', (e) => e.length >= 10);
    await second.running;
    expect(second.emitted.map((r) => r.value.i)).toEqual(Array.from({ length: 10 }, (_, i) => i));
  });

  it('becomes ready when its resumed session holds more messages than its receive maximum', async () => {
    // A runner killed with more messages in flight than the next run's receive maximum (Mosquitto
    // resends a session's in-flight messages whatever the new maximum): the next run must still start.
    const killed = await mqtt.connectAsync(broker.url, {
      clientId: 'dev-backlog',
      clean: false,
      protocolVersion: 5,
      properties: { sessionExpiryInterval: 600, receiveMaximum: 1000 },
    });
    killed.handleMessage = (_packet, done) => done(new Error('never acknowledged'));
    await killed.subscribeAsync('dev/#', { qos: 1 });
    await publish(2000, 'dev/c', (i) => JSON.stringify({ i }));
    killed.stream.destroy();
    const resumed = await runOrigin('dev-backlog', (e) => new Set(e.map((r) => r.value.i)).size >= 2000);
    await resumed.readiness;
    await resumed.running;
    expect(new Set(resumed.emitted.map((r) => r.value.i)).size).toBe(2000);
  });
});
