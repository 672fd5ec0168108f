import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { api, startServer, waitFor, type TestServer } from './helpers';
import { createGeneratorPipeline } from './live-helpers';
import { openDatabase } from '../src/store/database';
import { MetricsHistoryStore } from '../src/store/metrics-history-store';
import { emptyBucket } from '../src/metrics/bucket';

/** Metrics history: rolled up, written to SQLite, read back, and kept across a restart of Duto. */
const env = { KAFKA_BROKERS: inject('kafkaBrokers').join(',') };
const home = mkdtempSync(join(tmpdir(), 'duto-history-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

const history = async (server: TestServer, id: string, resolution: string) =>
  (await api(server, 'GET', `/api/pipelines/${id}/metrics/history?resolution=${resolution}&since=${new Date(Date.now() - 3_600_000).toISOString()}`)).json;
const sum = (buckets: any[], pick: (b: any) => number) => buckets.reduce((n, b) => n + pick(b), 0);

describe('metrics history', () => {
  it('rolls a run up into 10 s and minute buckets whose sums are the run\'s totals, and keeps them across a restart', async () => {
    const first = await startServer(env, { home });
    const counted = await createGeneratorPipeline(first, 'counted', { recordsPerSecond: 1000, count: 3000 });
    const endless = await createGeneratorPipeline(first, 'endless', { recordsPerSecond: 500 });
    await api(first, 'POST', `/api/pipelines/${counted}/start`, {});
    await api(first, 'POST', `/api/pipelines/${endless}/start`, {});
    await waitFor(async () => (await api(first, 'GET', `/api/pipelines/${counted}/metrics`)).json.totals.out, (n) => n === 3000, 30_000, 'the counted run');

    // While it runs the open bucket is served from memory.
    const live = await history(first, endless, '10s');
    expect(live).toMatchObject({ pipelineId: endless, resolution: '10s' });
    expect(sum(live.buckets, (b) => b.totals.in)).toBeGreaterThan(0);

    await api(first, 'POST', `/api/pipelines/${counted}/stop`);
    for (const resolution of ['10s', '1m']) {
      const { buckets } = await history(first, counted, resolution);
      const width = resolution === '10s' ? 10_000 : 60_000;
      for (const b of buckets) {
        expect(Date.parse(b.start) % width).toBe(0);
        expect(Date.parse(b.end) - Date.parse(b.start)).toBe(width);
      }
      expect(sum(buckets, (b) => b.totals.in)).toBe(3000);
      expect(sum(buckets, (b) => b.totals.out)).toBe(3000);
      expect(sum(buckets, (b) => b.stages.gen.out)).toBe(3000);
      expect(sum(buckets, (b) => b.stages.trash.in)).toBe(3000);
      expect(sum(buckets, (b) => b.totals.errors)).toBe(0);
      expect(Math.max(...buckets.map((b: any) => b.totals.recordsPerSec))).toBeGreaterThan(500);
      expect(Math.max(...buckets.map((b: any) => b.stages.trash.batchMs.p99Max))).toBeGreaterThanOrEqual(0);
    }
    const before = { tenSeconds: await history(first, counted, '10s'), minute: await history(first, counted, '1m') };
    console.log(`history: counted run in ${before.tenSeconds.buckets.length} 10 s buckets and ${before.minute.buckets.length} minute buckets`);

    // Restart Duto on the same home while `endless` runs: it resumes, and its history continues.
    await first.close();
    const endlessBeforeRestart = first.app.supervisor.snapshot(endless)!.totals.in;
    const second = await startServer(env, { home });
    expect(await history(second, counted, '10s')).toEqual(before.tenSeconds);
    expect(await history(second, counted, '1m')).toEqual(before.minute);
    await waitFor(async () => (await api(second, 'GET', `/api/pipelines/${endless}/metrics`)).json, (m) => m.state === 'RUNNING' && m.totals.in > 500, 30_000, 'endless resumed');
    await api(second, 'POST', `/api/pipelines/${endless}/stop`);
    const endlessAfterRestart = second.app.supervisor.snapshot(endless)!.totals.in;
    for (const resolution of ['10s', '1m']) {
      expect(sum((await history(second, endless, resolution)).buckets, (b) => b.totals.in)).toBe(endlessBeforeRestart + endlessAfterRestart);
    }
    await second.close();
  });

  it('answers 404 for an unknown pipeline and 400 for a bad resolution', async () => {
    const server = await startServer(env);
    expect((await api(server, 'GET', '/api/pipelines/nope/metrics/history')).status).toBe(404);
    const id = await createGeneratorPipeline(server, 'never ran', { recordsPerSecond: 1 });
    expect((await api(server, 'GET', `/api/pipelines/${id}/metrics/history?resolution=5s`)).status).toBe(400);
    expect((await api(server, 'GET', `/api/pipelines/${id}/metrics/history?since=yesterday`)).status).toBe(400);
    expect((await api(server, 'GET', `/api/pipelines/${id}/metrics/history`)).json).toEqual({ pipelineId: id, resolution: '10s', buckets: [] });
    await server.close();
  });

  it('drops buckets older than their retention as it writes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'duto-retention-'));
    const db = openDatabase(join(dir, 'duto.db'));
    db.prepare(`INSERT INTO pipelines (id, name, version, created_at, updated_at) VALUES ('p', 'p', 1, '', '')`).run();
    const store = new MetricsHistoryStore(db);
    const now = Date.UTC(2026, 10, 26);
    const day = 24 * 3_600_000;
    store.write('p', [
      { resolution: '10s', start: now - day - 10_000, data: emptyBucket() },
      { resolution: '10s', start: now - day + 10_000, data: emptyBucket() },
      { resolution: '1m', start: now - 31 * day, data: emptyBucket() },
      { resolution: '1m', start: now - 29 * day, data: emptyBucket() },
    ], now);
    store.write('p', [], now);
    expect(store.list('p', '10s', 0, 100).map((b) => b.start)).toEqual([now - day + 10_000]);
    expect(store.list('p', '1m', 0, 100).map((b) => b.start)).toEqual([now - 29 * day]);
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
