import { randomUUID } from 'node:crypto';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { api, startServer, waitFor, type TestServer } from './helpers';
import { visibleFiles } from './lake-files';
import { testKafka } from './kafka-helpers';
import { startMosquitto, type TestMosquitto } from '@duto/stages/testing';

/** IoT sensors over MQTT into Kafka, and out of Kafka back to MQTT, against real brokers. */
const brokers = inject('kafkaBrokers');
const kafka = testKafka(brokers);
const lakeDir = mkdtempSync(join(tmpdir(), 'duto-mqtt-lake-'));
let server: TestServer;
let broker: TestMosquitto;

beforeAll(async () => {
  broker = await startMosquitto();
  server = await startServer({ KAFKA_BROKERS: brokers.join(','), DUTO_LAKE_DIR: lakeDir }, { restartBackoffMs: 300 });
});
afterAll(async () => {
  await server?.close();
  await broker?.stop();
  rmSync(lakeDir, { recursive: true, force: true });
});

/** Every row of the Parquet files under a lake folder, read by hyparquet (not the writer's library). */
async function readParquet(dir: string) {
  const files = visibleFiles(dir, '.parquet');
  const rows: Array<Record<string, unknown>> = [];
  const columns = new Map<string, string | undefined>();
  for (const file of files) {
    const bytes = readFileSync(file);
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    for (const element of parquetMetadata(buffer).schema.slice(1)) columns.set(element.name, element.type);
    rows.push(...(await parquetReadObjects({ file: buffer })));
  }
  return { files: files.map((f) => relative(dir, f)), rows, columns };
}

const unique = () => randomUUID().slice(0, 8);

/** Publishes readings at QoS 1, `inFlight` at a time, as a fleet of sensors would. */
async function publishReadings(topicPrefix: string, count: number, options: { malformedEvery?: number } = {}): Promise<void> {
  const client = await mqtt.connectAsync(broker.url, { clientId: `publisher-${unique()}` });
  const inFlight = 200;
  for (let start = 0; start < count; start += inFlight) {
    const sends = [];
    for (let i = start; i < Math.min(count, start + inFlight); i++) {
      const sensorId = `s${i % 20}`;
      const payload =
        options.malformedEvery && i % options.malformedEvery === 0
          ? `{"sensorId": "${sensorId}", "seq": ${i}, broken`
          : JSON.stringify({ sensorId, seq: i, temperature: 15 + (i % 30), ts: new Date(Date.UTC(2026, 10, 25, 10, 0, 0) + i * 1000).toISOString() });
      sends.push(client.publishAsync(`${topicPrefix}/${sensorId}`, payload, { qos: 1 }));
    }
    await Promise.all(sends);
  }
  await client.endAsync();
}

function mqttToKafka(topicPrefix: string, output: string, batchSize = 500) {
  return {
    format: 'duto.pipeline/v1',
    name: `mqtt to kafka ${output}`,
    settings: { batchSize, batchWaitMs: 100 },
    stages: [
      { id: 'sensors', type: 'origin.mqtt', config: { brokerUrl: broker.url, topics: [`${topicPrefix}/+`], qos: 1, format: 'json' } },
      { id: 'to-kafka', type: 'destination.kafka', config: { topic: output, key: 'sensorId' } },
    ],
    edges: [{ from: 'sensors', to: 'to-kafka' }],
  };
}

async function startPipeline(document: unknown): Promise<string> {
  const { id } = (await api(server, 'POST', '/api/pipelines', document)).json;
  expect((await api(server, 'POST', `/api/pipelines/${id}/start`, {})).status).toBe(202);
  await waitFor(async () => (await api(server, 'GET', `/api/pipelines/${id}/status`)).json.state, (s) => s === 'RUNNING', 30_000, 'RUNNING');
  return id;
}

describe('origin.mqtt → Kafka', () => {
  it('carries 20,000 QoS 1 readings into Kafka and on into Parquet in the lake, malformed ones to the error store', async () => {
    const prefix = `sensors-${unique()}`;
    const output = `iot-${unique()}`;
    const id = await startPipeline(mqttToKafka(prefix, output));
    const storage = await startPipeline({
      format: 'duto.pipeline/v1',
      name: `kafka to lake ${output}`,
      settings: { batchSize: 2000, batchWaitMs: 200 },
      stages: [
        { id: 'readings', type: 'origin.kafka', config: { topics: [output], groupId: `lake-${output}`, fromBeginning: true } },
        {
          id: 'lake',
          type: 'destination.datalake',
          config: { path: output, partitionBy: 'dt={yyyy}-{MM}-{dd}/hour={HH}', timeField: 'ts', format: 'parquet', rollIntervalMs: 1000 },
        },
      ],
      edges: [{ from: 'readings', to: 'lake' }],
    });
    await publishReadings(prefix, 20_000, { malformedEvery: 1000 });
    await waitFor(() => kafka.count(output), (n) => n >= 19_980, 120_000, 'readings in Kafka');
    const errors = await waitFor(async () => (await api(server, 'GET', `/api/pipelines/${id}/errors?limit=100`)).json, (e) => e.length === 20, 10_000, 'error records');
    await api(server, 'POST', `/api/pipelines/${id}/stop`);

    const seqs = (await kafka.readAll(output)).map((r) => r.value.seq);
    expect(new Set(seqs).size).toBe(19_980);
    expect(seqs.length).toBe(19_980);

    const lake = await waitFor(() => readParquet(join(lakeDir, output)), (p) => p.rows.length >= 19_980, 60_000, 'every reading in Parquet');
    await api(server, 'POST', `/api/pipelines/${storage}/stop`);
    expect(new Set(lake.rows.map((r) => Number(r.seq))).size).toBe(19_980);
    expect(lake.rows).toHaveLength(19_980);
    // 20,000 readings one second apart from 10:00 UTC: hours 10 to 15 of that day.
    expect([...new Set(lake.files.map((f) => f.split('/').slice(0, 2).join('/')))].sort()).toEqual(
      ['10', '11', '12', '13', '14', '15'].map((h) => `dt=2026-11-25/hour=${h}`),
    );
    expect(Object.fromEntries(lake.columns)).toEqual({ sensorId: 'BYTE_ARRAY', seq: 'INT64', temperature: 'INT64', ts: 'BYTE_ARRAY' });
    const first = lake.rows.find((r) => Number(r.seq) === 1)!;
    expect(first).toMatchObject({ sensorId: 's1', temperature: 16n, ts: '2026-11-25T10:00:01.000Z' });
    expect(errors[0]).toMatchObject({ stageId: 'sensors', reason: expect.stringMatching(/not valid JSON/) });
    expect(errors[0].record.value.raw).toMatch(/broken$/);
    expect(errors[0].record.attributes['mqtt.topic']).toMatch(new RegExp(`^${prefix}/s0$`));
  });

  it('loses nothing when its runner is killed mid-stream: the broker redelivers what was not acknowledged', async () => {
    const prefix = `sensors-${unique()}`;
    const output = `iot-${unique()}`;
    const id = await startPipeline(mqttToKafka(prefix, output, 200));
    const publishing = publishReadings(prefix, 20_000);
    await waitFor(() => kafka.count(output), (n) => n >= 3000, 60_000, 'readings before the kill');
    process.kill(server.app.supervisor.pid(id)!, 'SIGKILL');
    await publishing;
    await waitFor(async () => (await api(server, 'GET', `/api/pipelines/${id}/status`)).json.state, (s) => s === 'RUNNING', 90_000, 'RUNNING again');
    await waitFor(
      async () => new Set((await kafka.readAll(output)).map((r) => r.value.seq)).size,
      (n) => n === 20_000,
      120_000,
      'every reading after the restart',
    );
    await api(server, 'POST', `/api/pipelines/${id}/stop`);
    const records = await kafka.readAll(output);
    console.log(`MQTT kill -9 test: ${records.length} records in Kafka for 20000 published, ${records.length - 20_000} duplicates`);
    // Order per sensor survives: each sensor's readings are published in seq order.
    const bySensor = new Map<string, number[]>();
    for (const r of records) bySensor.set(r.value.sensorId, [...(bySensor.get(r.value.sensorId) ?? []), r.value.seq]);
    for (const [, seqs] of bySensor) expect(new Set(seqs).size).toBe(1000);
  });
});

describe('destination.mqtt', () => {
  it('publishes every record at QoS 1', async () => {
    const topic = `alerts-${unique()}`;
    const subscriber = await mqtt.connectAsync(broker.url, { clientId: `sub-${unique()}` });
    const received: Array<{ seq: number }> = [];
    subscriber.on('message', (_topic, payload) => received.push(JSON.parse(payload.toString())));
    await subscriber.subscribeAsync(topic, { qos: 1 });
    const id = await startPipeline({
      format: 'duto.pipeline/v1',
      name: `to mqtt ${topic}`,
      stages: [
        { id: 'gen', type: 'origin.dev-generator', config: { template: 'sequence', recordsPerSecond: 5000, count: 2000 } },
        { id: 'out', type: 'destination.mqtt', config: { brokerUrl: broker.url, topic, qos: 1 } },
      ],
      edges: [{ from: 'gen', to: 'out' }],
    });
    await waitFor(() => received.length, (n) => n >= 2000, 60_000, 'messages at the subscriber');
    await api(server, 'POST', `/api/pipelines/${id}/stop`);
    await subscriber.endAsync();
    expect(received.map((r) => r.seq)).toEqual(Array.from({ length: 2000 }, (_, i) => i));
  });
});
