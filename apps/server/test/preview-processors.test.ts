import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, startServer, type TestServer } from './helpers';
import { testKafka } from './kafka-helpers';

/**
 * Preview with pasted records through every processor type, chained as a designer would:
 * what each stage receives, passes on (with its lane) and sends to the error lane, exactly.
 */
const brokers = inject('kafkaBrokers');
const kafka = testKafka(brokers);
const lakeDir = mkdtempSync(join(tmpdir(), 'duto-preview-lake-'));
const alertsTopic = `preview-alerts-${randomUUID().slice(0, 8)}`;
let server: TestServer;

beforeAll(async () => {
  server = await startServer({ KAFKA_BROKERS: brokers.join(','), DUTO_LAKE_DIR: lakeDir });
});
afterAll(async () => {
  await server?.close();
  rmSync(lakeDir, { recursive: true, force: true });
});

/** readings → convert → rename → derive → keep-plausible → route: hot → strip → alerts (Kafka); normal → stats → lake. */
function chain(expression = '$number(code)') {
  return {
    format: 'duto.pipeline/v1',
    name: 'every processor',
    settings: { batchSize: 100, batchWaitMs: 50, onRecordError: 'error-lane' },
    stages: [
      { id: 'readings', type: 'origin.dev-generator', config: { template: 'iot-sensor' } },
      { id: 'convert', type: 'processor.type-converter', config: { conversions: [{ path: 'temp', to: 'number' }] } },
      { id: 'rename', type: 'processor.field-renamer', config: { renames: [{ from: 'temp', to: 'temperature' }] } },
      {
        id: 'derive',
        type: 'processor.expression',
        config: { fields: [{ path: 'temperatureF', expression: 'temperature * 9 / 5 + 32' }, { path: 'codeNumber', expression }] },
      },
      { id: 'keep-plausible', type: 'processor.filter', config: { condition: 'temperature > -50' } },
      { id: 'route', type: 'processor.router', config: { routes: [{ lane: 'hot', condition: 'temperature > 30' }], defaultLane: 'normal' } },
      { id: 'strip', type: 'processor.field-remover', config: { fields: ['debug'], mode: 'remove' } },
      {
        id: 'stats',
        type: 'processor.aggregate',
        config: {
          groupBy: ['sensorId'],
          windowMs: 60_000,
          timeField: 'ts',
          aggregations: [
            { op: 'count', as: 'readings' },
            { op: 'avg', field: 'temperature', as: 'avgTemperature' },
          ],
        },
      },
      { id: 'alerts', type: 'destination.kafka', config: { topic: alertsTopic } },
      { id: 'lake', type: 'destination.datalake', config: { path: 'stats', format: 'jsonl' } },
    ],
    edges: [
      { from: 'readings', to: 'convert' },
      { from: 'convert', to: 'rename' },
      { from: 'rename', to: 'derive' },
      { from: 'derive', to: 'keep-plausible' },
      { from: 'keep-plausible', to: 'route' },
      { from: 'route', to: 'strip', lane: 'hot' },
      { from: 'route', to: 'stats', lane: 'normal' },
      { from: 'strip', to: 'alerts' },
      { from: 'stats', to: 'lake' },
    ],
  };
}

const at = (second: number) => `2026-11-25T10:00:${String(second).padStart(2, '0')}.000Z`;
const pasted = [
  { sensorId: 's1', temp: '20', code: '7', ts: at(5), debug: { raw: 'a' } },
  { sensorId: 's2', temp: 'hot', code: '1', ts: at(6) },
  { sensorId: 's1', temp: '35', code: 'x7', ts: at(7) },
  { sensorId: 's3', temp: '-100', code: '2', ts: at(8) },
  { sensorId: 's2', temp: '40', code: '3', ts: at(9), debug: { raw: 'b' } },
  { sensorId: 's1', temp: '10', code: '4', ts: at(35) },
  { sensorId: 's4', temp: '20', code: '5', ts: 'yesterday' },
];
const record = (value: Record<string, unknown>) => ({ value, attributes: {} });
const out = (value: Record<string, unknown>, lane?: string) => (lane ? { record: record(value), lane } : { record: record(value) });

/** The records after each stage, as the chain changes them. */
const converted = [
  { sensorId: 's1', temp: 20, code: '7', ts: at(5), debug: { raw: 'a' } },
  { sensorId: 's1', temp: 35, code: 'x7', ts: at(7) },
  { sensorId: 's3', temp: -100, code: '2', ts: at(8) },
  { sensorId: 's2', temp: 40, code: '3', ts: at(9), debug: { raw: 'b' } },
  { sensorId: 's1', temp: 10, code: '4', ts: at(35) },
  { sensorId: 's4', temp: 20, code: '5', ts: 'yesterday' },
];
const renamed = converted.map(({ temp, ...rest }) => ({ ...rest, temperature: temp }));
const derived = renamed.filter((r) => r.code !== 'x7').map((r) => ({ ...r, temperatureF: (r.temperature * 9) / 5 + 32, codeNumber: Number(r.code) }));
const plausible = derived.filter((r) => r.temperature > -50);

async function pipeline(): Promise<string> {
  const created = await api(server, 'POST', '/api/pipelines', chain());
  expect(created.status).toBe(201);
  return created.json.id;
}

describe('preview of every processor type with pasted records', () => {
  it('answers each stage\'s exact input, output (with lanes) and errors, and writes nowhere', async () => {
    const id = await pipeline();
    const response = await api(server, 'POST', `/api/pipelines/${id}/preview`, { records: pasted });
    expect(response.status).toBe(200);
    const { origin, stages, tookMs } = response.json;
    expect(origin).toEqual({ stageId: 'readings', source: 'pasted', timedOut: false });
    expect(tookMs).toBeGreaterThanOrEqual(0);
    expect(Object.keys(stages).sort()).toEqual(chain().stages.map((s) => s.id).sort());

    expect(stages.readings).toEqual({ stageId: 'readings', input: [], output: pasted.map((v) => out(v)), errors: [] });
    expect(stages.convert).toEqual({
      stageId: 'convert',
      input: pasted.map(record),
      output: converted.map((v) => out(v)),
      errors: [{ record: record(pasted[1]!), reason: 'field temp: cannot convert "hot" to number' }],
    });
    expect(stages.rename).toMatchObject({ input: converted.map(record), output: renamed.map((v) => out(v)), errors: [] });
    expect(stages.derive.input).toEqual(renamed.map(record));
    expect(stages.derive.output).toEqual(derived.map((v) => out(v)));
    expect(stages.derive.output[0].record.value).toMatchObject({ temperatureF: 68, codeNumber: 7 });
    expect(stages.derive.errors).toEqual([{ record: record(renamed[1]!), reason: expect.stringMatching(/^D3030: Unable to cast value to a number: "x7"/) }]);
    expect(stages['keep-plausible']).toMatchObject({ input: derived.map(record), output: plausible.map((v) => out(v)), errors: [] });

    const hot = plausible.filter((r) => r.temperature > 30);
    const normal = plausible.filter((r) => r.temperature <= 30);
    expect(stages.route.output).toEqual(plausible.map((v) => out(v, v.temperature > 30 ? 'hot' : 'normal')));
    expect(stages.strip).toMatchObject({ input: hot.map(record), output: hot.map(({ debug, ...rest }) => out(rest)), errors: [] });

    expect(stages.stats.input).toEqual(normal.map(record));
    expect(stages.stats.errors).toEqual([{ record: record(normal[2]!), reason: 'field ts is not a time (epoch ms or ISO-8601)' }]);
    // The window is still open: the preview releases it as a final flush would.
    expect(stages.stats.output).toEqual([
      out({ windowStart: '2026-11-25T10:00:00.000Z', windowEnd: '2026-11-25T10:01:00.000Z', sensorId: 's1', readings: 2, avgTemperature: 15 }),
    ]);

    // Destinations show what they would receive, pass on nothing, and write nothing.
    expect(stages.alerts).toEqual({ stageId: 'alerts', input: hot.map(({ debug, ...rest }) => record(rest)), output: [], errors: [] });
    expect(stages.lake).toEqual({ stageId: 'lake', input: stages.stats.output.map((o: { record: unknown }) => o.record), output: [], errors: [] });
    expect(await kafka.count(alertsTopic)).toBe(0);
    expect(readdirSync(lakeDir)).toEqual([]);
    expect((await api(server, 'GET', `/api/pipelines/${id}/errors`)).json).toEqual([]);
  });

  it('carries a 1,000-record batch through the whole chain in well under the bounds', async () => {
    const id = await pipeline();
    const records = Array.from({ length: 1000 }, (_, i) => ({ sensorId: `s${i % 20}`, temp: String((i % 60) - 10), code: String(i), ts: at(i % 60) }));
    const started = performance.now();
    const response = await api(server, 'POST', `/api/pipelines/${id}/preview`, { records });
    const wallMs = Math.round(performance.now() - started);
    expect(response.status).toBe(200);
    expect(response.json.stages.derive.output).toHaveLength(1000);
    const hot = response.json.stages.route.output.filter((o: { lane: string }) => o.lane === 'hot');
    expect(hot).toHaveLength(records.filter((r) => Number(r.temp) > 30).length);
    expect(response.json.stages.stats.output).toHaveLength(20);
    console.log(`preview of 1,000 pasted records through 7 processors: ${response.json.tookMs} ms in the engine, ${wallMs} ms over HTTP (${Math.round(response.text.length / 1024)} KiB)`);
    expect(wallMs).toBeLessThan(5000);
  });

  it('previews a draft without saving it: a changed expression changes the output', async () => {
    const id = await pipeline();
    const draft = chain('$number(code) * 100');
    const response = await api(server, 'POST', `/api/pipelines/${id}/preview`, { document: draft, records: [pasted[0]] });
    expect(response.status).toBe(200);
    expect(response.json.stages.derive.output).toEqual([out({ ...derived[0]!, codeNumber: 700 })]);
    const saved = (await api(server, 'GET', `/api/pipelines/${id}`)).json;
    expect(saved.version).toBe(1);
    expect(saved.document.stages[3].config.fields[1].expression).toBe('$number(code)');
  });

  it('refuses an invalid draft with 400 and the JSON Pointer of each problem in the request', async () => {
    const id = await pipeline();
    const draft = chain();
    draft.stages[4]!.config = { condition: 'temperature >' };
    (draft.stages[1]!.config as Record<string, unknown>).conversions = [{ path: 'temp', to: 'decimal' }];
    const response = await api(server, 'POST', `/api/pipelines/${id}/preview`, { document: draft, records: [pasted[0]] });
    expect(response.status).toBe(400);
    const paths = response.json.errors.map((e: { path: string }) => e.path);
    expect(paths).toContain('/document/stages/4/config/condition');
    expect(paths).toContain('/document/stages/1/config/conversions/0/to');
    expect(response.json.errors.find((e: { path: string }) => e.path === '/document/stages/4/config/condition')).toMatchObject({ stageId: 'keep-plausible' });
  });

  it('refuses a parameter the pipeline does not declare, and an origin id that is not an origin', async () => {
    const id = await pipeline();
    const unknown = await api(server, 'POST', `/api/pipelines/${id}/preview`, { records: [], parameters: { NOPE: 'x' } });
    expect(unknown.status).toBe(400);
    expect(unknown.json.errors[0].path).toBe('/parameters/NOPE');
    const notOrigin = await api(server, 'POST', `/api/pipelines/${id}/preview`, { records: [], originId: 'route' });
    expect(notOrigin.status).toBe(400);
    expect(notOrigin.json.errors[0]).toMatchObject({ path: '/originId', stageId: 'route' });
    expect((await api(server, 'POST', '/api/pipelines/nope/preview', { records: [] })).status).toBe(404);
  });
});
