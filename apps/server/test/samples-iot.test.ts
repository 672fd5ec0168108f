import { randomUUID } from 'node:crypto';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createKafka } from '@duto/kafka';
import { startMosquitto, type TestMosquitto } from '@duto/stages/testing';
import { sampleDocuments } from '../src/samples/install-samples';
import { api, startServer, waitFor, type TestServer } from './helpers';
import { testKafka } from './kafka-helpers';

/** The "IoT sensors → Kafka" sample as installed, run end to end against Mosquitto and Kafka. */
const brokers = inject('kafkaBrokers');
const kafka = testKafka(brokers);
let server: TestServer;
let mosquitto: TestMosquitto;
const unique = randomUUID().slice(0, 8);
const readingsTopic = `iot.readings.${unique}`;
const sensorRoot = `sensors-${unique}`;

beforeAll(async () => {
  mosquitto = await startMosquitto();
  server = await startServer({ KAFKA_BROKERS: brokers.join(',') });
});
afterAll(async () => {
  await server?.close();
  await mosquitto?.stop();
  const admin = createKafka({ brokers, clientId: `cleanup-${unique}` }).admin();
  await admin.connect();
  await admin.deleteTopics({ topics: [readingsTopic] }).catch(() => {});
  await admin.disconnect();
});

const valid = (i: number) => ({
  sensorId: `sensor-${String(i % 5).padStart(3, '0')}`,
  temperature: i % 40 === 0 ? 150 : 18 + (i % 9) / 2,
  humidity: 50,
  battery: 90,
  ts: new Date(Date.UTC(2026, 10, 25, 10) + i * 1000).toISOString(),
});

describe('the IoT sensors → Kafka sample', () => {
  it('carries readings from MQTT into Kafka keyed by sensor, and malformed ones to the error lane', async () => {
    const [document] = sampleDocuments({ mqttUrl: mosquitto.url });
    expect(document!.name).toBe('IoT sensors → Kafka');
    const { id } = (await api(server, 'POST', '/api/pipelines', document)).json;
    const started = await api(server, 'POST', `/api/pipelines/${id}/start`, { parameters: { SENSOR_TOPIC: `${sensorRoot}/#`, READINGS_TOPIC: readingsTopic } });
    expect(started.status, started.text).toBe(202);
    await waitFor(async () => (await api(server, 'GET', `/api/pipelines/${id}/status`)).json.state, (s) => s === 'RUNNING', 30_000, 'RUNNING');

    const publisher = await mqtt.connectAsync(mosquitto.url, { clientId: `sample-test-${unique}` });
    const messages: Array<[string, string]> = [];
    for (let i = 0; i < 200; i++) {
      const reading = valid(i);
      messages.push([`${sensorRoot}/plant-${i % 2}/${reading.sensorId}`, JSON.stringify(reading)]);
    }
    messages.push(
      [`${sensorRoot}/plant-0/sensor-000`, '{"sensorId":"sensor-000","temperature":21.5,'],
      [`${sensorRoot}/plant-0/sensor-001`, JSON.stringify({ temperature: 20 })],
      [`${sensorRoot}/plant-1/sensor-002`, JSON.stringify({ sensorId: 'sensor-002', temperature: 'n/a' })],
    );
    await Promise.all(messages.map(([topic, payload]) => publisher.publishAsync(topic, payload, { qos: 1 })));
    await publisher.endAsync();

    await waitFor(() => kafka.count(readingsTopic), (n) => n >= 200, 60_000, 'readings in Kafka');
    const errors = await waitFor(async () => (await api(server, 'GET', `/api/pipelines/${id}/errors`)).json, (e) => e.length >= 3, 20_000, 'error records');
    await api(server, 'POST', `/api/pipelines/${id}/stop`);

    const records = await kafka.readAll(readingsTopic);
    expect(records).toHaveLength(200);
    for (const record of records) expect(record.key).toBe(record.value.sensorId);
    const byTime = records.map((r) => r.value).sort((a, b) => a.ts.localeCompare(b.ts));
    expect(byTime[1]).toEqual({ ...valid(1), site: 'plant-1', inRange: true });
    expect(byTime.filter((v) => !v.inRange).map((v) => v.temperature)).toEqual([150, 150, 150, 150, 150]);
    expect(errors.map((e: { stageId: string; reason: string }) => [e.stageId, e.reason]).sort()).toEqual([
      ['check-reading', expect.stringContaining('temperature is not a number: n/a')],
      ['check-reading', expect.stringContaining('the reading has no sensorId')],
      ['sensors', expect.stringMatching(/not valid JSON/)],
    ]);
  });
});
