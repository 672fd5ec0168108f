import { mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { EXPRESSION_LIMITS } from '@duto/engine';
import { api, startServer, waitFor, type TestServer } from './helpers';

let server: TestServer;
let outside: string;
beforeAll(async () => {
  server = await startServer({ KAFKA_BROKERS: inject('kafkaBrokers').join(',') });
  outside = mkdtempSync(join(tmpdir(), 'duto-outside-'));
  symlinkSync(outside, join(server.home, 'lake', 'escape'));
});
afterAll(async () => {
  await server.close();
  rmSync(outside, { recursive: true, force: true });
});

const generator = (config: Record<string, unknown> = {}) => ({ id: 'gen', type: 'origin.dev-generator', config: { template: 'sequence', recordsPerSecond: 20, ...config } });
const pipeline = (name: string, stages: object[], settings: object = {}) => ({
  format: 'duto.pipeline/v1',
  name,
  settings,
  stages,
  edges: stages.slice(1).map((stage, i) => ({ from: (stages[i] as { id: string }).id, to: (stage as { id: string }).id })),
});

describe('file paths stay inside the data lake root', () => {
  it.each([
    ['..', '../elsewhere', /must not leave the data lake root/],
    ['an absolute path', '/etc', /must be relative to the data lake root/],
  ])('refuses %s when the pipeline is saved, naming the field', async (_, path, message) => {
    for (const stages of [
      [generator(), { id: 'lake', type: 'destination.datalake', config: { path, format: 'jsonl' } }],
      [{ id: 'dir', type: 'origin.directory', config: { path, format: 'jsonl' } }, { id: 'out', type: 'destination.trash', config: {} }],
    ]) {
      const refused = await api(server, 'POST', '/api/pipelines', pipeline('escape', stages));
      expect(refused.status).toBe(400);
      const index = stages[0]!.id === 'dir' ? 0 : 1;
      expect(refused.json.errors).toEqual([expect.objectContaining({ path: `/stages/${index}/config/path`, message: expect.stringMatching(message) })]);
    }
  });

  it('refuses a path through a symbolic link out of the lake when the pipeline starts, and writes nothing there', async () => {
    for (const stages of [
      [generator(), { id: 'lake', type: 'destination.datalake', config: { path: 'escape/out', format: 'jsonl', rollRecords: 1 } }],
      [{ id: 'dir', type: 'origin.directory', config: { path: 'escape', format: 'jsonl' } }, { id: 'out', type: 'destination.trash', config: {} }],
    ]) {
      const { id } = (await api(server, 'POST', '/api/pipelines', pipeline('through a link', stages))).json;
      expect((await api(server, 'POST', `/api/pipelines/${id}/start`, {})).status).toBe(202);
      const failed = await waitFor(() => api(server, 'GET', `/api/pipelines/${id}/status`), (s) => s.json.state === 'FAILED', 60_000, 'FAILED');
      expect(failed.json.error).toMatch(/"escape(\/out)?" leads outside the data lake root through a symbolic link/);
    }
    expect(readdirSync(outside)).toEqual([]);
  });
});

describe('a hostile JSONata expression in a running pipeline', () => {
  it('is stopped at its depth or time limit; the record goes to the error store with the reason and the pipeline keeps running', async () => {
    const expression =
      'seq % 3 = 0 ? ($f := function($n) { 1 + $f($n + 1) }; $f(0)) : seq % 3 = 1 ? $sum([1..5000000].($ * 2)) : seq * 2';
    const document = pipeline(
      'hostile',
      [generator(), { id: 'expr', type: 'processor.expression', config: { fields: [{ path: 'doubled', expression }] } }, { id: 'out', type: 'destination.trash', config: {} }],
      { batchSize: 1, batchWaitMs: 0 },
    );
    const { id } = (await api(server, 'POST', '/api/pipelines', document)).json;
    expect((await api(server, 'POST', `/api/pipelines/${id}/start`, {})).status).toBe(202);
    const errors = await waitFor(
      () => api(server, 'GET', `/api/pipelines/${id}/errors?limit=1000`),
      (r) => r.json.filter((e: any) => /timeout/i.test(e.reason)).length >= 3 && r.json.filter((e: any) => /stack overflow/i.test(e.reason)).length >= 3,
      60_000,
      'error records of both kinds',
    );
    for (const entry of errors.json) {
      expect(entry.stageId).toBe('expr');
      expect(entry.reason).toMatch(/D1011.*stack overflow|D1012.*timeout/i);
      expect(entry.record.value.seq % 3).not.toBe(2);
    }
    const metrics = (await api(server, 'GET', `/api/pipelines/${id}/metrics`)).json;
    expect((await api(server, 'GET', `/api/pipelines/${id}/status`)).json.state).toBe('RUNNING');
    expect(metrics.stages.out.in).toBeGreaterThan(0);
    // One record per batch: the slowest batch is the time limit, not the loop's full length.
    expect(metrics.stages.expr.batchMs.p99).toBeLessThan(EXPRESSION_LIMITS.timeoutMs * 5);
    expect((await api(server, 'POST', `/api/pipelines/${id}/stop`)).status).toBe(200);
  });

  it('runs a catastrophically backtracking regular expression in linear time instead of hanging', async () => {
    const fields = [
      { path: 's', expression: '$pad("", 30000, "a") & "!"' },
      { path: 'matched', expression: '$contains(s, /^(a+)+$/)' },
    ];
    const document = pipeline(
      'regex',
      [generator(), { id: 'expr', type: 'processor.expression', config: { fields } }, { id: 'out', type: 'destination.trash', config: {} }],
      { batchSize: 1, batchWaitMs: 0 },
    );
    const { id } = (await api(server, 'POST', '/api/pipelines', document)).json;
    expect((await api(server, 'POST', `/api/pipelines/${id}/start`, {})).status).toBe(202);
    const metrics = await waitFor(() => api(server, 'GET', `/api/pipelines/${id}/metrics`), (m) => m.json.stages.out?.in >= 10, 60_000, '10 records through');
    expect(metrics.json.totals.errors).toBe(0);
    expect(metrics.json.stages.expr.batchMs.p99).toBeLessThan(EXPRESSION_LIMITS.timeoutMs * 5);
    expect((await api(server, 'POST', `/api/pipelines/${id}/stop`)).status).toBe(200);
  });
});
