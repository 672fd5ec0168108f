import { randomUUID } from 'node:crypto';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startMosquitto, type TestMosquitto } from '@duto/stages/testing';
import { api, startServer, waitFor, type TestServer } from './helpers';
import { testKafka } from './kafka-helpers';

/**
 * Preview of an MQTT origin reading live messages: the pipeline's persistent session (and
 * the messages queued in it while the pipeline is stopped) is left alone, the preview's own
 * session is gone when it ends, and nothing reaches the destination.
 */
const brokers = inject('kafkaBrokers');
const kafka = testKafka(brokers);
const unique = () => randomUUID().slice(0, 8);
/** Mosquitto publishes $SYS figures every 10 s, and a figure only when it changed. */
const SYS_INTERVAL_MS = 10_000;
let server: TestServer;
let broker: TestMosquitto;
let watcher: mqtt.MqttClient;
/** Clients the broker holds: connected ones and the sessions of disconnected persistent ones. */
let clientsTotal: number | undefined;

beforeAll(async () => {
  broker = await startMosquitto();
  watcher = await mqtt.connectAsync(broker.url, { clientId: `watcher-${unique()}` });
  watcher.on('message', (_topic, payload) => (clientsTotal = Number(payload.toString())));
  await watcher.subscribeAsync('$SYS/broker/clients/total');
  server = await startServer({ KAFKA_BROKERS: brokers.join(',') });
});
const outputs: string[] = [];
afterAll(async () => {
  await server?.close();
  await watcher?.endAsync();
  await broker?.stop();
  await kafka.remove({ topics: outputs });
});

function mqttPipeline(prefix: string, clientId: string, output: string) {
  outputs.push(output);
  return {
    format: 'duto.pipeline/v1',
    name: `preview mqtt ${prefix}`,
    settings: { batchSize: 100, batchWaitMs: 50 },
    stages: [
      { id: 'sensors', type: 'origin.mqtt', config: { brokerUrl: broker.url, topics: [`${prefix}/+`], qos: 1, clientId } },
      { id: 'tag', type: 'processor.expression', config: { fields: [{ path: 'source', expression: '$attributes."mqtt.topic"' }] } },
      { id: 'out', type: 'destination.kafka', config: { topic: output, key: 'sensorId' } },
    ],
    edges: [
      { from: 'sensors', to: 'tag' },
      { from: 'tag', to: 'out' },
    ],
  };
}

async function state(id: string): Promise<string> {
  return (await api(server, 'GET', `/api/pipelines/${id}/status`)).json.state;
}

describe('preview of an MQTT origin', () => {
  it('sees live messages under a session of its own that it leaves nothing of; the pipeline\'s session keeps its queue', async () => {
    const prefix = `preview-${unique()}`;
    const output = `preview-mqtt-${unique()}`;
    const { id } = (await api(server, 'POST', '/api/pipelines', mqttPipeline(prefix, `pipe-${unique()}`, output))).json;
    // One run makes the pipeline's persistent session; stopped, it queues what is published.
    await api(server, 'POST', `/api/pipelines/${id}/start`, {});
    await waitFor(() => state(id), (s) => s === 'RUNNING', 30_000, 'RUNNING');
    await api(server, 'POST', `/api/pipelines/${id}/stop`);

    const publisher = await mqtt.connectAsync(broker.url, { clientId: `publisher-${unique()}` });
    const preview = api(server, 'POST', `/api/pipelines/${id}/preview`, { maxRecords: 5, timeoutMs: 20_000 });
    let settled = false;
    void preview.finally(() => (settled = true));
    let published = 0;
    while (!settled && published < 300) {
      await publisher.publishAsync(`${prefix}/s${published % 3}`, JSON.stringify({ sensorId: `s${published % 3}`, seq: published }), { qos: 1 });
      published++;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await publisher.endAsync();
    const response = await preview;
    expect(response.status, JSON.stringify(response.json)).toBe(200);
    expect(response.json.origin).toEqual({ stageId: 'sensors', source: 'origin', timedOut: false });
    const seen = response.json.stages.sensors.output.map((o: { record: { value: { seq: number } } }) => o.record.value.seq);
    expect(seen).toHaveLength(5);
    expect(seen).toEqual(Array.from({ length: 5 }, (_, i) => seen[0] + i));
    expect(response.json.stages.tag.output[0].record.value.source).toBe(`${prefix}/s${seen[0] % 3}`);
    expect(response.json.stages.out.input).toHaveLength(5);
    expect(await kafka.count(output)).toBe(0);

    // What the broker holds once the $SYS figure has been refreshed: the watcher and the
    // pipeline's stopped session; the preview's session is gone with its connection.
    await new Promise((resolve) => setTimeout(resolve, SYS_INTERVAL_MS + 1500));
    expect(clientsTotal).toBe(2);

    // The pipeline's session queued every message, those the preview saw included.
    await api(server, 'POST', `/api/pipelines/${id}/start`, {});
    await waitFor(() => kafka.count(output), (n) => n >= published, 60_000, `${published} records in ${output}`);
    await api(server, 'POST', `/api/pipelines/${id}/stop`);
    const delivered = (await kafka.readAll(output)).map((r) => r.value.seq).sort((a, b) => a - b);
    expect(delivered).toEqual(Array.from({ length: published }, (_, i) => i));
  });

  it('answers timedOut within its bound when no message comes', async () => {
    const prefix = `preview-${unique()}`;
    const { id } = (await api(server, 'POST', '/api/pipelines', mqttPipeline(prefix, `pipe-${unique()}`, `preview-mqtt-${unique()}`))).json;
    const started = Date.now();
    const response = await api(server, 'POST', `/api/pipelines/${id}/preview`, { maxRecords: 5, timeoutMs: 1000 });
    expect(response.status).toBe(200);
    expect(response.json.origin.timedOut).toBe(true);
    expect(response.json.stages.sensors.output).toEqual([]);
    expect(Date.now() - started).toBeLessThan(1000 + 5000);
  });

  it('answers 422 with the reason when the broker cannot be reached', async () => {
    const document = mqttPipeline(`preview-${unique()}`, `pipe-${unique()}`, `preview-mqtt-${unique()}`);
    document.stages[0]!.config.brokerUrl = 'mqtt://127.0.0.1:1';
    const { id } = (await api(server, 'POST', '/api/pipelines', document)).json;
    const response = await api(server, 'POST', `/api/pipelines/${id}/preview`, { timeoutMs: 5000 });
    expect(response.status).toBe(422);
    expect(response.json.errors[0]).toMatchObject({ code: 'DUTO_ERR_PREVIEW_STAGE', stageId: 'sensors', message: expect.stringMatching(/^origin "sensors" could not be read: .*ECONNREFUSED/) });
  });
});
