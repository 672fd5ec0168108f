import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, startServer, waitFor, type TestServer } from './helpers';
import { testKafka } from './kafka-helpers';
import { createGeneratorPipeline } from './live-helpers';
import { prometheusText } from '../src/metrics/prometheus-text';

/** GET /metrics parses as Prometheus text 0.0.4 and says what the JSON metrics say. */
const brokers = inject('kafkaBrokers');
const kafka = testKafka(brokers);
let server: TestServer;

beforeAll(async () => {
  server = await startServer({ KAFKA_BROKERS: brokers.join(',') });
});
afterAll(() => server.close());

interface Parsed {
  help: Map<string, string>;
  type: Map<string, string>;
  samples: Array<{ name: string; labels: Record<string, string>; value: number }>;
}

/** A strict reader of the text format: HELP and TYPE once per family, before its samples. */
function parse(text: string): Parsed {
  const parsed: Parsed = { help: new Map(), type: new Map(), samples: [] };
  for (const line of text.split('\n').filter(Boolean)) {
    const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/.exec(line);
    if (meta) {
      const into = meta[1] === 'HELP' ? parsed.help : parsed.type;
      expect(into.has(meta[2]!), `second ${meta[1]} for ${meta[2]}`).toBe(false);
      into.set(meta[2]!, meta[3]!);
      continue;
    }
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    expect(sample, `unparsable line: ${line}`).not.toBeNull();
    const [, name, labelText = '', value] = sample!;
    expect(parsed.type.has(name!), `sample before TYPE: ${line}`).toBe(true);
    expect(parsed.help.has(name!), `sample before HELP: ${line}`).toBe(true);
    const labels: Record<string, string> = {};
    const labelPattern = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(,|$)/gy;
    let consumed = 0;
    for (const m of labelText.matchAll(labelPattern)) {
      labels[m[1]!] = m[2]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
      consumed += m[0].length;
    }
    expect(consumed, `bad labels: ${line}`).toBe(labelText.length);
    parsed.samples.push({ name: name!, labels, value: Number(value) });
  }
  return parsed;
}

const valueOf = (p: Parsed, name: string, labels: Record<string, string>) =>
  p.samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).map((s) => s.value);

describe('GET /metrics', () => {
  it('escapes label values and help text', () => {
    const text = prometheusText([{ name: 'x', type: 'gauge', help: 'a \\ b\nc', samples: [{ labels: { v: 'q"uote\\back\nline' }, value: 1 }] }]);
    expect(text).toBe('# HELP x a \\\\ b\\nc\n# TYPE x gauge\nx{v="q\\"uote\\\\back\\nline"} 1\n');
    expect(parse(text).samples[0]!.labels.v).toBe('q"uote\\back\nline');
  });

  it('serves every pipeline\'s counters, rates, batch times, Kafka lag and state, matching the JSON metrics', async () => {
    const topic = `prom-${randomUUID().slice(0, 8)}`;
    await kafka.createTopic(topic, 2);
    await kafka.produce(topic, Array.from({ length: 500 }, (_, i) => ({ key: `k${i % 7}`, value: { i } })));
    const created = await api(server, 'POST', '/api/pipelines', {
      format: 'duto.pipeline/v1',
      name: 'kafka to trash',
      stages: [
        { id: 'in', type: 'origin.kafka', config: { topics: [topic], groupId: `g-${topic}`, fromBeginning: true } },
        { id: 'trash', type: 'destination.trash', config: {} },
      ],
      edges: [{ from: 'in', to: 'trash' }],
    });
    const kafkaId = created.json.id;
    const generatorId = await createGeneratorPipeline(server, 'generator', { recordsPerSecond: 1000, count: 1500 });
    for (const id of [kafkaId, generatorId]) await api(server, 'POST', `/api/pipelines/${id}/start`, {});
    await waitFor(async () => (await api(server, 'GET', `/api/pipelines/${kafkaId}/metrics`)).json, (m) => m.totals.out === 500 && Object.keys(m.kafkaLag).length === 2, 60_000, 'kafka pipeline done');
    await waitFor(async () => (await api(server, 'GET', `/api/pipelines/${generatorId}/metrics`)).json, (m) => m.totals.out === 1500, 60_000, 'generator done');

    // While running: the state gauge says RUNNING.
    const running = await api(server, 'GET', '/metrics');
    expect(running.status).toBe(200);
    expect(running.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(valueOf(parse(running.text), 'duto_pipeline_state', { pipeline_id: kafkaId, state: 'RUNNING' })).toEqual([1]);

    await api(server, 'POST', `/api/pipelines/${kafkaId}/stop`);
    await api(server, 'POST', `/api/pipelines/${generatorId}/stop`);
    const text = (await api(server, 'GET', '/metrics')).text;
    const p = parse(text);
    for (const name of ['duto_pipeline_records_in_total', 'duto_stage_records_out_total', 'duto_stage_record_errors_total']) expect(p.type.get(name)).toBe('counter');
    for (const name of ['duto_pipeline_records_per_second', 'duto_stage_batch_milliseconds', 'duto_kafka_consumer_lag', 'duto_pipeline_state']) expect(p.type.get(name)).toBe('gauge');
    expect([...p.type.keys()].every((name) => p.help.get(name)!.length > 0)).toBe(true);

    for (const id of [kafkaId, generatorId]) {
      const json = (await api(server, 'GET', `/api/pipelines/${id}/metrics`)).json;
      expect(valueOf(p, 'duto_pipeline_records_in_total', { pipeline_id: id })).toEqual([json.totals.in]);
      expect(valueOf(p, 'duto_pipeline_records_out_total', { pipeline_id: id })).toEqual([json.totals.out]);
      expect(valueOf(p, 'duto_pipeline_record_errors_total', { pipeline_id: id })).toEqual([json.totals.errors]);
      expect(valueOf(p, 'duto_pipeline_records_per_second', { pipeline_id: id })).toEqual([json.totals.recordsPerSec]);
      for (const [stageId, stage] of Object.entries<any>(json.stages)) {
        expect(valueOf(p, 'duto_stage_records_in_total', { pipeline_id: id, stage_id: stageId })).toEqual([stage.in]);
        expect(valueOf(p, 'duto_stage_records_out_total', { pipeline_id: id, stage_id: stageId })).toEqual([stage.out]);
        expect(valueOf(p, 'duto_stage_batch_milliseconds', { pipeline_id: id, stage_id: stageId, quantile: '0.99' })).toEqual([stage.batchMs.p99]);
        expect(valueOf(p, 'duto_stage_batch_milliseconds', { pipeline_id: id, stage_id: stageId, quantile: '0.5' })).toEqual([stage.batchMs.p50]);
      }
      expect(valueOf(p, 'duto_pipeline_state', { pipeline_id: id })).toHaveLength(5);
      expect(valueOf(p, 'duto_pipeline_state', { pipeline_id: id, state: 'STOPPED' })).toEqual([1]);
    }
    expect(valueOf(p, 'duto_pipeline_records_out_total', { pipeline_id: generatorId })).toEqual([1500]);
    const kafkaJson = (await api(server, 'GET', `/api/pipelines/${kafkaId}/metrics`)).json;
    for (const partition of ['0', '1']) {
      expect(valueOf(p, 'duto_kafka_consumer_lag', { pipeline_id: kafkaId, topic, partition })).toEqual([kafkaJson.kafkaLag[`${topic}/${partition}`]]);
    }
  });
});
