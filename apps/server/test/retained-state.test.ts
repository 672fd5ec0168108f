import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort, startMosquitto, type TestMosquitto } from '@duto/stages/testing';
import { api, startServer, waitFor, type TestServer } from './helpers';
import { DATABASE_URLS, testDatabase, uniqueName, type TestDatabase } from './sql-helpers';

/**
 * A deleted pipeline's replication slot and MQTT session outlive it unless the delete asks
 * to give them back: kept by default (an imported copy resumes from them), dropped on request.
 */
const brokers = inject('kafkaBrokers');
const table = uniqueName('retained');
const publication = uniqueName('duto_pub');
const slots = [uniqueName('duto_slot'), uniqueName('duto_slot')];
let server: TestServer;
let broker: TestMosquitto;
let db: TestDatabase;

beforeAll(async () => {
  db = await testDatabase('postgres');
  await db.exec(`CREATE TABLE ${table} (id int PRIMARY KEY)`);
  broker = await startMosquitto();
  server = await startServer({ KAFKA_BROKERS: brokers.join(',') });
});
afterAll(async () => {
  await server?.close();
  await broker?.stop();
  for (const slot of slots) await db.exec('SELECT pg_drop_replication_slot($1) FROM pg_replication_slots WHERE slot_name = $1', [slot]);
  await db.exec(`DROP PUBLICATION IF EXISTS ${publication}`);
  await db.exec(`DROP TABLE IF EXISTS ${table}`);
  await db.close();
});

const state = async (id: string) => (await api(server, 'GET', `/api/pipelines/${id}/status`)).json.state;

async function create(name: string, origin: Record<string, unknown>, parameters?: Record<string, string>): Promise<string> {
  const created = await api(server, 'POST', '/api/pipelines', {
    format: 'duto.pipeline/v1',
    name,
    ...(parameters ? { parameters } : {}),
    stages: [origin, { id: 'out', type: 'destination.kafka', config: { topic: `retained-${name}` } }],
    edges: [{ from: origin.id, to: 'out' }],
  });
  expect(created.status).toBe(201);
  return created.json.id;
}

/** Runs the pipeline until it is RUNNING, then stops it: its stages now hold their state. */
async function runOnce(id: string, parameters?: Record<string, string>): Promise<void> {
  expect((await api(server, 'POST', `/api/pipelines/${id}/start`, parameters ? { parameters } : {})).status).toBe(202);
  await waitFor(() => state(id), (s) => s === 'RUNNING', 60_000, 'RUNNING');
  await api(server, 'POST', `/api/pipelines/${id}/stop`);
  await waitFor(() => state(id), (s) => s === 'STOPPED', 30_000, 'STOPPED');
}

const slotNames = async () => (await db.rows('SELECT slot_name FROM pg_replication_slots')).map((r) => r.slot_name as string);

function cdcOrigin(slotName: string) {
  return { id: 'changes', type: 'origin.postgres-cdc', config: { connectionString: DATABASE_URLS.postgres, tables: [`public.${table}`], slotName, publication } };
}

describe('what a pipeline keeps on services between runs', () => {
  it('drops the replication slot of the last start only when the delete asks, and keeps the publication', async () => {
    // The slot is named by a parameter, overridden at start: the slot of that start is the one released.
    const released = await create('cdc-released', cdcOrigin('${SLOT}'), { SLOT: 'duto_not_this_one' });
    await runOnce(released, { SLOT: slots[0]! });
    const kept = await create('cdc-kept', cdcOrigin(slots[1]!));
    await runOnce(kept);
    expect(await slotNames()).toEqual(expect.arrayContaining(slots));

    const listed = await api(server, 'GET', `/api/pipelines/${released}/retained`);
    expect(listed.json).toEqual([{ stageId: 'changes', description: expect.stringContaining(`replication slot "${slots[0]}" on 127.0.0.1:5432`) }]);

    expect((await api(server, 'DELETE', `/api/pipelines/${released}?release=true`)).status).toBe(204);
    expect((await api(server, 'DELETE', `/api/pipelines/${kept}`)).status).toBe(204);
    const left = await slotNames();
    expect(left).not.toContain(slots[0]);
    expect(left).toContain(slots[1]);
    expect(await db.rows('SELECT pubname FROM pg_publication WHERE pubname = $1', [publication])).toHaveLength(1);
    expect((await api(server, 'GET', `/api/pipelines/${released}`)).status).toBe(404);
  });

  it('ends the MQTT session, so the broker queues nothing more for it', async () => {
    const topic = `retained/${uniqueName('t')}`;
    const id = await create('mqtt-released', { id: 'sensors', type: 'origin.mqtt', config: { brokerUrl: broker.url, topics: [topic], qos: 1 } });
    await runOnce(id);
    const listed = (await api(server, 'GET', `/api/pipelines/${id}/retained`)).json;
    expect(listed).toEqual([{ stageId: 'sensors', description: expect.stringMatching(/^MQTT session "duto-.*-sensors" on 127\.0\.0\.1:\d+/) }]);
    const publisher = await mqtt.connectAsync(broker.url);
    await publisher.publishAsync(topic, '{"queued":true}', { qos: 1 });

    expect((await api(server, 'DELETE', `/api/pipelines/${id}?release=true`)).status).toBe(204);

    await publisher.publishAsync(topic, '{"after":true}', { qos: 1 });
    await publisher.endAsync();
    const clientId = listed[0].description.match(/"([^"]+)"/)[1];
    const resumed = mqtt.connect(broker.url, { clientId, clean: false, protocolVersion: 5, properties: { sessionExpiryInterval: 60 } });
    const connack = await new Promise<{ sessionPresent: boolean }>((resolve) => resumed.once('connect', resolve));
    const received: string[] = [];
    resumed.on('message', (_topic, payload) => received.push(payload.toString()));
    await new Promise((r) => setTimeout(r, 500));
    await resumed.endAsync();
    expect(connack.sessionPresent).toBe(false);
    expect(received).toEqual([]);
  });

  it('deletes nothing when the state cannot be released, and says why', async () => {
    const id = await create('mqtt-unreachable', {
      id: 'sensors',
      type: 'origin.mqtt',
      config: { brokerUrl: `mqtt://127.0.0.1:${await freePort()}`, topics: ['x'], qos: 1 },
    });
    const refused = await api(server, 'DELETE', `/api/pipelines/${id}?release=true`);
    expect(refused.status).toBe(502);
    expect(refused.json.errors[0]).toMatchObject({ code: 'DUTO_ERR_SERVICE_FAILED', message: expect.stringMatching(/^stage "sensors" could not release its MQTT session .*the pipeline was not deleted$/) });
    expect((await api(server, 'GET', `/api/pipelines/${id}`)).status).toBe(200);
    expect((await api(server, 'DELETE', `/api/pipelines/${id}`)).status).toBe(204);
  });

  it('lists nothing for stages that keep nothing (MQTT at QoS 0)', async () => {
    const id = await create('mqtt-qos0', { id: 'sensors', type: 'origin.mqtt', config: { brokerUrl: broker.url, topics: ['x'], qos: 0 } });
    expect((await api(server, 'GET', `/api/pipelines/${id}/retained`)).json).toEqual([]);
    expect((await api(server, 'DELETE', `/api/pipelines/${id}`)).status).toBe(204);
  });
});
