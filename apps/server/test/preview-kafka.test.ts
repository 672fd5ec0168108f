import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createKafka } from '@duto/kafka';
import { api, startServer, waitFor, type TestServer } from './helpers';
import { testKafka } from './kafka-helpers';

/**
 * Preview of a Kafka origin reading live data: it reads from where the pipeline's group
 * committed, moves no offset of that group, leaves no `duto-preview-*` group behind and
 * writes nothing to the destination; a topic with nothing new answers timedOut in time.
 */
const brokers = inject('kafkaBrokers');
const kafka = testKafka(brokers);
const admin = createKafka({ brokers, clientId: `preview-test-${randomUUID().slice(0, 8)}` }).admin();
const unique = () => randomUUID().slice(0, 8);
let server: TestServer;
const made = { topics: [] as string[], groups: [] as string[] };

beforeAll(async () => {
  await admin.connect();
  server = await startServer({ KAFKA_BROKERS: brokers.join(',') }, { restartBackoffMs: 1000 });
});
afterAll(async () => {
  await server?.close();
  await admin.disconnect();
  await kafka.remove(made);
});

function kafkaPipeline(input: string, output: string, groupId: string) {
  made.topics.push(input, output);
  made.groups.push(groupId);
  return {
    format: 'duto.pipeline/v1',
    name: `preview kafka ${groupId}`,
    settings: { batchSize: 500, batchWaitMs: 100 },
    stages: [
      { id: 'in', type: 'origin.kafka', config: { topics: [input], groupId, fromBeginning: true } },
      { id: 'double', type: 'processor.expression', config: { fields: [{ path: 'twice', expression: 'seq * 2' }] } },
      { id: 'out', type: 'destination.kafka', config: { topic: output, key: 'sensorId' } },
    ],
    edges: [
      { from: 'in', to: 'double' },
      { from: 'double', to: 'out' },
    ],
  };
}

const readings = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => ({ key: `s${(from + i) % 5}`, value: { sensorId: `s${(from + i) % 5}`, seq: from + i } }));

/** The group's committed offsets as "partition:offset", -1 where none. */
async function committed(groupId: string, topic: string): Promise<string[]> {
  const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
  return offsets!.partitions.map((p) => `${p.partition}:${p.offset}`).sort();
}

const previewGroups = async () => (await admin.listGroups()).groups.map((g) => g.groupId).filter((id) => id.startsWith('duto-preview-'));
const seqs = (records: Array<{ record: { value: { seq: number } } }>) => records.map((o) => o.record.value.seq).sort((a, b) => a - b);

async function runUntil(id: string, output: string, count: number): Promise<void> {
  expect((await api(server, 'POST', `/api/pipelines/${id}/start`, {})).status).toBe(202);
  await waitFor(() => kafka.count(output), (n) => n >= count, 60_000, `${count} records in ${output}`);
  await api(server, 'POST', `/api/pipelines/${id}/stop`);
}

describe('preview of a Kafka origin', () => {
  it('reads from the pipeline group\'s committed offsets without moving them, leaves no group, writes nothing', async () => {
    const input = `preview-in-${unique()}`;
    const output = `preview-out-${unique()}`;
    const groupId = `preview-group-${unique()}`;
    await kafka.createTopic(input, 3);
    await kafka.produce(input, readings(0, 30));
    const { id } = (await api(server, 'POST', '/api/pipelines', kafkaPipeline(input, output, groupId))).json;
    await runUntil(id, output, 30);

    await kafka.produce(input, [...readings(30, 45), { key: 's0', value: 'not json' }, ...readings(45, 50)]);
    const groupBefore = await committed(groupId, input);
    expect(groupBefore.every((p) => !p.endsWith(':-1'))).toBe(true);
    const groupsBefore = await previewGroups();

    const response = await api(server, 'POST', `/api/pipelines/${id}/preview`, { maxRecords: 21, timeoutMs: 20_000 });
    expect(response.status, JSON.stringify(response.json)).toBe(200);
    const { origin, stages } = response.json;
    expect(origin).toEqual({ stageId: 'in', source: 'origin', timedOut: false });
    // Only what the pipeline has not committed yet: 30..49 and the malformed message.
    expect(seqs(stages.in.output)).toEqual(Array.from({ length: 20 }, (_, i) => 30 + i));
    expect(stages.in.errors).toEqual([expect.objectContaining({ reason: expect.stringMatching(/not valid JSON/) })]);
    expect(stages.in.output[0].record.attributes).toMatchObject({ 'kafka.topic': input });
    expect(stages.double.output.map((o: { record: { value: { seq: number; twice: number } } }) => o.record.value.twice - 2 * o.record.value.seq)).toEqual(new Array(20).fill(0));
    expect(seqs(stages.out.input.map((record: unknown) => ({ record })))).toEqual(seqs(stages.in.output));

    expect(await committed(groupId, input)).toEqual(groupBefore);
    await waitFor(previewGroups, (groups) => groups.length === groupsBefore.length, 15_000, 'no duto-preview group left');
    expect(await kafka.count(output)).toBe(30);

    // The pipeline itself still gets everything the preview saw.
    await runUntil(id, output, 50);
    expect(await kafka.count(output)).toBe(50);
  });

  it('starts a group without commits per fromBeginning', async () => {
    const input = `preview-in-${unique()}`;
    await kafka.createTopic(input, 1);
    await kafka.produce(input, readings(0, 10));
    const groupId = `preview-fresh-${unique()}`;
    const { id } = (await api(server, 'POST', '/api/pipelines', kafkaPipeline(input, `preview-out-${unique()}`, groupId))).json;
    const response = await api(server, 'POST', `/api/pipelines/${id}/preview`, { maxRecords: 10, timeoutMs: 20_000 });
    expect(response.status).toBe(200);
    expect(seqs(response.json.stages.in.output)).toEqual(Array.from({ length: 10 }, (_, i) => i));
    expect(await committed(groupId, input)).toEqual(['0:-1']);
    expect((await admin.listGroups()).groups.map((g) => g.groupId)).not.toContain(groupId);
  });

  it('answers timedOut within its bound when there is nothing new to read, and cleans up', async () => {
    const input = `preview-in-${unique()}`;
    await kafka.createTopic(input, 2);
    const { id } = (await api(server, 'POST', '/api/pipelines', kafkaPipeline(input, `preview-out-${unique()}`, `preview-idle-${unique()}`))).json;
    const groupsBefore = await previewGroups();
    const started = Date.now();
    const response = await api(server, 'POST', `/api/pipelines/${id}/preview`, { maxRecords: 5, timeoutMs: 1500 });
    const tookMs = Date.now() - started;
    expect(response.status).toBe(200);
    expect(response.json.origin.timedOut).toBe(true);
    expect(response.json.stages.in.output).toEqual([]);
    expect(tookMs).toBeGreaterThanOrEqual(1500);
    // Read timeout plus the cleanup bound (5 s) at most.
    expect(tookMs).toBeLessThan(1500 + 5000 + 1000);
    await waitFor(previewGroups, (groups) => groups.length === groupsBefore.length, 15_000, 'no duto-preview group left');
  });
});
