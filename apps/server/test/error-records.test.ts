import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, startServer, waitFor, type TestServer } from './helpers';
import { testKafka } from './kafka-helpers';

/**
 * Error records: export as JSONL (all of them, per stage), re-process after a fix (into the
 * stage where each failed, on to the destination, then off the list), and discard.
 */
const brokers = inject('kafkaBrokers');
const kafka = testKafka(brokers);
const unique = () => randomUUID().slice(0, 8);
let server: TestServer;
const made = { topics: [] as string[], groups: [] as string[] };

beforeAll(async () => {
  server = await startServer({ KAFKA_BROKERS: brokers.join(',') });
});
afterAll(async () => {
  await server?.close();
  await kafka.remove(made);
});

/** 2,600 readings and a malformed message: a multiple of 5 fails in `derive`, the malformed one in `in`. */
const READINGS = 2600;
const FAILING = READINGS / 5;

function document(input: string, output: string, expression: string) {
  made.topics.push(input, output);
  made.groups.push(`errors-${input}`);
  return {
    format: 'duto.pipeline/v1',
    name: `error records ${input}`,
    settings: { batchSize: 500, batchWaitMs: 50, onRecordError: 'error-lane' },
    stages: [
      { id: 'in', type: 'origin.kafka', config: { topics: [input], groupId: `errors-${input}`, fromBeginning: true } },
      { id: 'derive', type: 'processor.expression', config: { fields: [{ path: 'tenfold', expression }] } },
      { id: 'out', type: 'destination.kafka', config: { topic: output } },
    ],
    edges: [
      { from: 'in', to: 'derive' },
      { from: 'derive', to: 'out' },
    ],
  };
}
const FAILING_EXPRESSION = 'seq % 5 = 0 ? $error("seq " & seq & " is a multiple of 5") : seq * 10';
/** The fix still refuses a record without seq, so that one comes back as a new error record. */
const FIXED_EXPRESSION = '$exists(seq) ? seq * 10 : $error("no seq")';

async function state(id: string): Promise<string> {
  return (await api(server, 'GET', `/api/pipelines/${id}/status`)).json.state;
}
async function start(id: string): Promise<void> {
  expect((await api(server, 'POST', `/api/pipelines/${id}/start`, {})).status).toBe(202);
  await waitFor(() => state(id), (s) => s === 'RUNNING', 60_000, 'RUNNING');
}
const lines = (text: string) => text.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line));

describe('error records', () => {
  it('exports all as JSONL, re-processes them after a fix into the destination, and discards', async () => {
    const input = `errors-in-${unique()}`;
    const output = `errors-out-${unique()}`;
    await kafka.createTopic(input, 1);
    await kafka.produce(input, [...Array.from({ length: READINGS }, (_, seq) => ({ key: null, value: { seq } })), { key: null, value: 'not json' }]);
    const { id } = (await api(server, 'POST', '/api/pipelines', document(input, output, FAILING_EXPRESSION))).json;
    await start(id);
    await waitFor(() => kafka.count(output), (n) => n >= READINGS - FAILING, 60_000, 'the good records in Kafka');
    await waitFor(
      async () => (await api(server, 'GET', `/api/pipelines/${id}/errors?limit=10000`)).json.length,
      (n) => n === FAILING + 1,
      30_000,
      'every error record stored',
    );

    // Export: every one, oldest first, a line each; per stage with ?stage=.
    const exported = await api(server, 'GET', `/api/pipelines/${id}/errors/export`);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    expect(exported.headers.get('content-disposition')).toBe(`attachment; filename="${id}-errors.jsonl"`);
    const all = lines(exported.text);
    expect(all).toHaveLength(FAILING + 1);
    expect(all.map((e) => e.id)).toEqual([...all.map((e) => e.id)].sort((a, b) => a - b));
    const listed = (await api(server, 'GET', `/api/pipelines/${id}/errors?limit=10000`)).json;
    expect(all).toEqual([...listed].reverse());
    const derived = lines((await api(server, 'GET', `/api/pipelines/${id}/errors/export?stageId=derive`)).text);
    expect(derived).toHaveLength(FAILING);
    expect(derived[0]).toMatchObject({ stageId: 'derive', reason: expect.stringMatching(/seq 0 is a multiple of 5/), record: { value: { seq: 0 } } });
    expect(derived.map((e) => e.record.value.seq)).toEqual(Array.from({ length: FAILING }, (_, i) => i * 5));
    const [malformed] = lines((await api(server, 'GET', `/api/pipelines/${id}/errors/export?stageId=in`)).text);
    expect(malformed).toMatchObject({ stageId: 'in', reason: expect.stringMatching(/not valid JSON/), record: { value: { raw: 'not json' } } });

    // Stopped, a pipeline takes nothing back.
    await api(server, 'POST', `/api/pipelines/${id}/stop`);
    const refused = await api(server, 'POST', `/api/pipelines/${id}/errors/reprocess`, { ids: [malformed.id] });
    expect(refused.status).toBe(409);
    expect(refused.json.errors[0].message).toMatch(/not running: start it/);

    // Fix, start, re-process: into `derive` (and `in`'s as its output), on to Kafka, off the list.
    const saved = await api(server, 'PUT', `/api/pipelines/${id}`, document(input, output, FIXED_EXPRESSION));
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    await start(id);
    const unknownIds = [999_999_998, 999_999_999];
    const result = await api(server, 'POST', `/api/pipelines/${id}/errors/reprocess`, { ids: [...all.map((e) => e.id), ...unknownIds] });
    expect(result.status, JSON.stringify(result.json)).toBe(200);
    expect(result.json).toEqual({ reprocessed: FAILING + 1, failedAgain: 1, missing: unknownIds });
    // Durable when answered: the topic already holds them.
    expect(await kafka.count(output)).toBe(READINGS);
    const delivered = await kafka.readAll(output);
    const reprocessed = delivered.filter((r) => r.value.seq % 5 === 0);
    expect(reprocessed.map((r) => r.value).sort((a, b) => a.seq - b.seq)).toEqual(Array.from({ length: FAILING }, (_, i) => ({ seq: i * 5, tenfold: i * 50 })));

    const left = (await api(server, 'GET', `/api/pipelines/${id}/errors`)).json;
    expect(left).toEqual([expect.objectContaining({ stageId: 'derive', reason: expect.stringMatching(/no seq/), record: { value: { raw: 'not json' }, attributes: expect.any(Object) } })]);
    expect(left[0].id).toBeGreaterThan(Math.max(...all.map((e) => e.id)));

    // A record whose stage the running pipeline no longer has is refused, and kept.
    await api(server, 'POST', `/api/pipelines/${id}/stop`);
    const renamed = document(input, output, FIXED_EXPRESSION);
    renamed.stages[1]!.id = 'derive-v2';
    renamed.edges = [
      { from: 'in', to: 'derive-v2' },
      { from: 'derive-v2', to: 'out' },
    ];
    expect((await api(server, 'PUT', `/api/pipelines/${id}`, renamed)).status).toBe(200);
    await start(id);
    const orphan = await api(server, 'POST', `/api/pipelines/${id}/errors/reprocess`, { ids: [left[0].id] });
    expect(orphan.status).toBe(409);
    expect(orphan.json.errors[0].message).toMatch(/has no stage "derive".*the error records are kept/);
    expect((await api(server, 'GET', `/api/pipelines/${id}/errors`)).json).toEqual(left);

    // Discard: the ones named, then all.
    expect((await api(server, 'DELETE', `/api/pipelines/${id}/errors`, { ids: [left[0].id, 123_456_789] })).json).toEqual({ discarded: 1 });
    expect((await api(server, 'GET', `/api/pipelines/${id}/errors`)).json).toEqual([]);
    expect((await api(server, 'DELETE', `/api/pipelines/${id}/errors`)).json).toEqual({ discarded: 0 });
    await api(server, 'POST', `/api/pipelines/${id}/stop`);
  });

  it('answers 404 for an unknown pipeline and reports ids that are not its error records as missing', async () => {
    expect((await api(server, 'GET', '/api/pipelines/nope/errors/export')).status).toBe(404);
    expect((await api(server, 'POST', '/api/pipelines/nope/errors/reprocess', { ids: [1] })).status).toBe(404);
    expect((await api(server, 'DELETE', '/api/pipelines/nope/errors')).status).toBe(404);
    const input = `errors-in-${unique()}`;
    await kafka.createTopic(input, 1);
    const { id } = (await api(server, 'POST', '/api/pipelines', document(input, `errors-out-${unique()}`, FIXED_EXPRESSION))).json;
    await start(id);
    try {
      expect((await api(server, 'POST', `/api/pipelines/${id}/errors/reprocess`, { ids: [5, 6] })).json).toEqual({ reprocessed: 0, failedAgain: 0, missing: [5, 6] });
      expect((await api(server, 'POST', `/api/pipelines/${id}/errors/reprocess`, { ids: [] })).status).toBe(400);
    } finally {
      await api(server, 'POST', `/api/pipelines/${id}/stop`);
    }
  });
});
