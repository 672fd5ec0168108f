import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, startServer, waitFor, type TestServer } from './helpers';
import { testKafka } from './kafka-helpers';

/**
 * Pipelines run end to end against the real broker: every record accounted for, order per
 * key, stop/start, kill -9 of the runner, Duto's own restart.
 */
const brokers = inject('kafkaBrokers');
const kafka = testKafka(brokers);
let server: TestServer;

beforeAll(async () => {
  server = await startServer({ KAFKA_BROKERS: brokers.join(',') }, { restartBackoffMs: 1000 });
});
afterAll(() => server.close());

const unique = () => randomUUID().slice(0, 8);

function kafkaToKafka(input: string, output: string, groupId: string, batchSize = 1000) {
  return {
    format: 'duto.pipeline/v1',
    name: `kafka to kafka ${groupId}`,
    settings: { batchSize, batchWaitMs: 100, onRecordError: 'error-lane' },
    stages: [
      { id: 'in', type: 'origin.kafka', config: { topics: [input], groupId, fromBeginning: true } },
      { id: 'fahrenheit', type: 'processor.expression', config: { fields: [{ path: 'temperatureF', expression: 'temperature * 9 / 5 + 32' }] } },
      { id: 'valid', type: 'processor.filter', config: { condition: 'n >= 0' } },
      { id: 'tidy', type: 'processor.field-renamer', config: { renames: [{ from: 'temperature', to: 'temperatureC' }] } },
      { id: 'out', type: 'destination.kafka', config: { topic: output, key: 'sensorId' } },
    ],
    edges: [
      { from: 'in', to: 'fahrenheit' },
      { from: 'fahrenheit', to: 'valid' },
      { from: 'valid', to: 'tidy' },
      { from: 'tidy', to: 'out' },
    ],
  };
}

/** `count` readings over `sensors` keys; `n` counts up per key, so order per key can be checked. */
function readings(count: number, sensors = 50) {
  const next = new Array<number>(sensors).fill(0);
  return Array.from({ length: count }, (_, i) => {
    const sensor = i % sensors;
    const sensorId = `sensor-${sensor}`;
    const n = next[sensor]!;
    next[sensor] = n + 1;
    return { key: sensorId, value: { sensorId, n, temperature: (i % 40) - 5 } };
  });
}

async function create(document: unknown): Promise<string> {
  const created = await api(server, 'POST', '/api/pipelines', document);
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  return created.json.id;
}

async function state(id: string): Promise<string> {
  return (await api(server, 'GET', `/api/pipelines/${id}/status`)).json.state;
}

/** Per key, the `n` values in the order the output partition holds them. */
function sequencesByKey(records: Array<{ value: any }>): Map<string, number[]> {
  const byKey = new Map<string, number[]>();
  for (const { value } of records) byKey.set(value.sensorId, [...(byKey.get(value.sensorId) ?? []), value.n]);
  return byKey;
}

describe('running pipelines against Kafka', () => {
  it('moves 100,000 records Kafka → processors → Kafka, every one accounted for, order per key kept', async () => {
    const input = `in-${unique()}`;
    const output = `out-${unique()}`;
    await kafka.createTopic(input, 3);
    await kafka.produce(input, readings(100_000));
    const id = await create(kafkaToKafka(input, output, `g-${unique()}`));

    expect((await api(server, 'POST', `/api/pipelines/${id}/start`, {})).status).toBe(202);
    await waitFor(() => state(id), (s) => s === 'RUNNING', 30_000, 'RUNNING');
    await waitFor(() => kafka.count(output), (n) => n >= 100_000, 120_000, 'all records in the output topic');
    await waitFor(
      async () => (await api(server, 'GET', `/api/pipelines/${id}/metrics`)).json,
      (m) => m.totals.out === 100_000,
      10_000,
      'metrics to catch up',
    );
    const stopped = await api(server, 'POST', `/api/pipelines/${id}/stop`);
    expect(stopped.json.state).toBe('STOPPED');

    const records = await kafka.readAll(output);
    expect(records).toHaveLength(100_000);
    const byKey = sequencesByKey(records);
    expect(byKey.size).toBe(50);
    for (const [key, ns] of byKey) expect(ns, key).toEqual(Array.from({ length: 2000 }, (_, i) => i));
    expect(records[0]!.value).toEqual({
      sensorId: expect.any(String),
      n: expect.any(Number),
      temperatureC: expect.any(Number),
      temperatureF: expect.any(Number),
    });
    expect(records.every((r) => r.key === r.value.sensorId)).toBe(true);

    const metrics = (await api(server, 'GET', `/api/pipelines/${id}/metrics`)).json;
    expect(metrics.totals).toMatchObject({ in: 100_000, out: 100_000, errors: 0 });
    expect(metrics.stages.out).toMatchObject({ in: 100_000, out: 100_000 });
    expect(Object.values(metrics.kafkaLag).every((lag) => lag === 0)).toBe(true);
  });

  it('sends bad records to the error store with stage and reason, and keeps running', async () => {
    const input = `in-${unique()}`;
    const output = `out-${unique()}`;
    await kafka.createTopic(input, 1);
    await kafka.produce(input, [
      { key: 'a', value: { sensorId: 'a', n: 0, temperature: 20 } },
      { key: 'a', value: 'not json {' },
      { key: 'a', value: { sensorId: 'a', n: 1, temperature: 'hot' } },
      { key: 'a', value: { sensorId: 'a', n: 2, temperature: 22 } },
    ]);
    const id = await create(kafkaToKafka(input, output, `g-${unique()}`));
    await api(server, 'POST', `/api/pipelines/${id}/start`, {});
    await waitFor(() => kafka.count(output), (n) => n >= 2, 60_000, 'good records');
    const errors = await waitFor(
      async () => (await api(server, 'GET', `/api/pipelines/${id}/errors`)).json,
      (list) => list.length === 2,
      10_000,
      'two error records',
    );
    await api(server, 'POST', `/api/pipelines/${id}/stop`);
    expect(errors.map((e: any) => e.stageId).sort()).toEqual(['fahrenheit', 'in']);
    const fromOrigin = errors.find((e: any) => e.stageId === 'in');
    expect(fromOrigin.reason).toMatch(/not valid JSON/);
    expect(fromOrigin.record.value.raw).toBe('not json {');
    expect(fromOrigin.record.attributes).toMatchObject({ 'kafka.topic': input, 'kafka.offset': '1' });
    expect(errors.find((e: any) => e.stageId === 'fahrenheit').record.value).toEqual({ sensorId: 'a', n: 1, temperature: 'hot' });
    expect((await kafka.readAll(output)).map((r) => r.value.n)).toEqual([0, 2]);
    expect((await api(server, 'GET', `/api/pipelines/${id}/errors?stageId=in`)).json).toHaveLength(1);
  });

  it('writes a record no processor changed as the very text it came as, a changed one serialized anew', async () => {
    const input = `in-${unique()}`;
    const output = `out-${unique()}`;
    await kafka.createTopic(input, 1);
    // Spacing, a trailing zero and a number beyond double precision: lost by a parse and serialize.
    const unchanged = '{"sensorId": "a", "n": 0, "temperature": 20.50, "serial": 12345678901234567890}';
    const changed = '{"sensorId": "a", "n": 1, "temperature": 21.50, "serial": 12345678901234567890, "legacy": 1}';
    await kafka.produce(input, [
      { key: 'a', value: unchanged },
      { key: 'a', value: changed },
    ]);
    // The filter passes both as they are; the renamer changes only the record that has the field.
    const document = {
      format: 'duto.pipeline/v1',
      name: `pass-through ${input}`,
      stages: [
        { id: 'in', type: 'origin.kafka', config: { topics: [input], groupId: `g-${unique()}`, fromBeginning: true } },
        { id: 'valid', type: 'processor.filter', config: { condition: 'n >= 0' } },
        { id: 'tidy', type: 'processor.field-renamer', config: { renames: [{ from: 'legacy', to: 'version' }] } },
        { id: 'out', type: 'destination.kafka', config: { topic: output, key: 'sensorId' } },
      ],
      edges: [
        { from: 'in', to: 'valid' },
        { from: 'valid', to: 'tidy' },
        { from: 'tidy', to: 'out' },
      ],
    };
    const id = await create(document);
    await api(server, 'POST', `/api/pipelines/${id}/start`, {});
    await waitFor(() => kafka.count(output), (n) => n >= 2, 60_000, 'both records');
    await api(server, 'POST', `/api/pipelines/${id}/stop`);
    const [first, second] = await kafka.readAll(output);
    expect(first!.text).toBe(unchanged);
    expect(second!.text).toBe('{"sensorId":"a","n":1,"temperature":21.5,"serial":12345678901234567000,"version":1}');
  });

  it('resumes after stop and start without loss or duplicates', async () => {
    const output = `out-${unique()}`;
    const id = await create({
      format: 'duto.pipeline/v1',
      name: 'generator stop start',
      settings: { batchSize: 100, batchWaitMs: 50 },
      stages: [
        { id: 'gen', type: 'origin.dev-generator', config: { template: 'sequence', recordsPerSecond: 2000, count: 6000 } },
        { id: 'out', type: 'destination.kafka', config: { topic: output } },
      ],
      edges: [{ from: 'gen', to: 'out' }],
    });
    await api(server, 'POST', `/api/pipelines/${id}/start`, {});
    await waitFor(() => kafka.count(output), (n) => n >= 1000, 60_000, 'first records');
    await api(server, 'POST', `/api/pipelines/${id}/stop`);
    const afterStop = await kafka.count(output);
    expect(afterStop).toBeLessThan(6000);
    await api(server, 'POST', `/api/pipelines/${id}/start`, {});
    await waitFor(() => kafka.count(output), (n) => n >= 6000, 60_000, 'all records');
    await api(server, 'POST', `/api/pipelines/${id}/stop`);
    const seqs = (await kafka.readAll(output)).map((r) => r.value.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 6000 }, (_, i) => i));
  });

  it('commits every batch it wrote when stopped mid-stream: started again, it repeats nothing', async () => {
    const [input, output] = [`in-${unique()}`, `out-${unique()}`];
    const total = 100_000;
    await kafka.createTopic(input, 3);
    await kafka.produce(input, readings(total));
    const id = await create(kafkaToKafka(input, output, `g-${unique()}`, 500));
    await api(server, 'POST', `/api/pipelines/${id}/start`, {});
    await waitFor(() => kafka.count(output), (n) => n >= 5000, 60_000, 'records before the stop');
    await api(server, 'POST', `/api/pipelines/${id}/stop`);
    const afterStop = await kafka.count(output);
    expect(afterStop).toBeLessThan(total);
    await api(server, 'POST', `/api/pipelines/${id}/start`, {});
    await waitFor(() => kafka.count(output), (n) => n >= total, 120_000, 'every record');
    await api(server, 'POST', `/api/pipelines/${id}/stop`);
    expect(await kafka.count(output)).toBe(total);
  });

  it('loses nothing when the runner is killed with SIGKILL mid-stream, and restarts it', async () => {
    const input = `in-${unique()}`;
    const output = `out-${unique()}`;
    const total = 50_000;
    await kafka.createTopic(input, 3);
    await kafka.produce(input, readings(total));
    const id = await create(kafkaToKafka(input, output, `g-${unique()}`, 500));
    await api(server, 'POST', `/api/pipelines/${id}/start`, {});
    const beforeKill = await waitFor(() => kafka.count(output), (n) => n >= 10_000, 60_000, 'records before the kill');
    const pid = server.app.supervisor.pid(id)!;
    process.kill(pid, 'SIGKILL');
    const failed = await waitFor(() => api(server, 'GET', `/api/pipelines/${id}/status`), (r) => r.json.state === 'FAILED', 5000, 'FAILED');
    expect(failed.json.error).toMatch(/SIGKILL/);
    await waitFor(() => state(id), (s) => s === 'RUNNING', 90_000, 'RUNNING again');
    expect(server.app.supervisor.pid(id)).not.toBe(pid);

    await waitFor(
      async () => new Set((await kafka.readAll(output)).map((r) => `${r.value.sensorId}/${r.value.n}`)).size,
      (n) => n === total,
      120_000,
      'every record after the restart',
    );
    await api(server, 'POST', `/api/pipelines/${id}/stop`);
    const records = await kafka.readAll(output);
    const duplicates = records.length - total;
    console.log(`kill -9 test: ${records.length} records written for ${total} read, ${duplicates} duplicates`);
    expect(duplicates).toBeGreaterThanOrEqual(0);
    // Offsets are committed as batches finish, not once per fetched megabyte: the replay is
    // the batches of the last commit or so, not everything written before the kill.
    expect(duplicates).toBeLessThan(beforeKill);
    // Order per key survives the replay: each key's sequence only ever steps back to replay.
    for (const [, ns] of sequencesByKey(records)) {
      expect(new Set(ns).size).toBe(total / 50);
      expect(ns.at(-1)).toBe(total / 50 - 1);
    }
  });

  it('refuses a start with an undeclared parameter, and a second start, and a delete while running', async () => {
    const output = `out-${unique()}`;
    const id = await create({
      format: 'duto.pipeline/v1',
      name: 'parameters',
      parameters: { TOPIC: output },
      stages: [
        { id: 'gen', type: 'origin.dev-generator', config: { template: 'sequence', recordsPerSecond: 100 } },
        { id: 'out', type: 'destination.kafka', config: { topic: '${TOPIC}' } },
      ],
      edges: [{ from: 'gen', to: 'out' }],
    });
    const unknown = await api(server, 'POST', `/api/pipelines/${id}/start`, { parameters: { NOPE: 'x' } });
    expect(unknown.status).toBe(400);
    expect(unknown.json.errors[0].path).toBe('/parameters/NOPE');
    const badValue = await api(server, 'POST', `/api/pipelines/${id}/start`, { parameters: { TOPIC: 'not a topic!' } });
    expect(badValue.status).toBe(400);
    expect(badValue.json.errors[0].path).toBe('/stages/1/config/topic');

    const renamed = `renamed-${unique()}`;
    expect((await api(server, 'POST', `/api/pipelines/${id}/start`, { parameters: { TOPIC: renamed } })).status).toBe(202);
    expect((await api(server, 'POST', `/api/pipelines/${id}/start`, {})).status).toBe(409);
    expect((await api(server, 'DELETE', `/api/pipelines/${id}`)).status).toBe(409);
    await waitFor(() => kafka.count(renamed), (n) => n > 0, 30_000, 'records in the parameter topic');
    await api(server, 'POST', `/api/pipelines/${id}/stop`);
    expect((await api(server, 'DELETE', `/api/pipelines/${id}`)).status).toBe(204);
  });
});

describe('Duto restarts', () => {
  it('starts again the pipelines that were running when it stopped, and loses nothing', async () => {
    const home = (await import('node:fs')).mkdtempSync(`${(await import('node:os')).tmpdir()}/duto-restart-`);
    const env = { KAFKA_BROKERS: brokers.join(',') };
    const output = `out-${unique()}`;
    const first = await startServer(env, { home });
    const { id } = (
      await api(first, 'POST', '/api/pipelines', {
        format: 'duto.pipeline/v1',
        name: 'survives restarts',
        settings: { batchSize: 100, batchWaitMs: 50 },
        stages: [
          { id: 'gen', type: 'origin.dev-generator', config: { template: 'sequence', recordsPerSecond: 1000, count: 4000 } },
          { id: 'out', type: 'destination.kafka', config: { topic: output } },
        ],
        edges: [{ from: 'gen', to: 'out' }],
      })
    ).json;
    await api(first, 'POST', `/api/pipelines/${id}/start`, {});
    await waitFor(() => kafka.count(output), (n) => n >= 500, 60_000, 'first records');
    await first.close();

    const second = await startServer(env, { home });
    try {
      await waitFor(async () => (await api(second, 'GET', `/api/pipelines/${id}/status`)).json.state, (s) => s === 'RUNNING', 30_000, 'RUNNING after restart');
      await waitFor(() => kafka.count(output), (n) => n >= 4000, 60_000, 'all records');
      await api(second, 'POST', `/api/pipelines/${id}/stop`);
      const seqs = (await kafka.readAll(output)).map((r) => r.value.seq).sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: 4000 }, (_, i) => i));
    } finally {
      await second.close();
      (await import('node:fs')).rmSync(home, { recursive: true, force: true });
    }
  });
});
