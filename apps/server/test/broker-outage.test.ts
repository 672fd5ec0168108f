import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalBroker, type LocalBroker } from '@duto/kafka';
import { api, startServer, waitFor, type TestServer } from './helpers';
import { testKafka } from './kafka-helpers';

/** A broker of this test's own, so that it can be stopped and started again mid-run. */
const PORT = 19_292;
const dataDir = mkdtempSync(join(tmpdir(), 'duto-outage-kafka-'));
const brokers = [`127.0.0.1:${PORT}`];
const quiet = () => {};
let broker: LocalBroker;
let server: TestServer;

beforeAll(async () => {
  broker = await startLocalBroker({ dataDir, port: PORT, controllerPort: PORT + 1, log: quiet });
  server = await startServer({ KAFKA_BROKERS: brokers.join(',') }, { restartBackoffMs: 500 });
});
afterAll(async () => {
  await server?.close();
  await broker?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a broker that goes away and comes back', () => {
  it('makes the pipeline fail, retry with backoff, and recover without losing a record', async () => {
    const kafka = testKafka(brokers);
    const output = 'outage-out';
    const { id } = (
      await api(server, 'POST', '/api/pipelines', {
        format: 'duto.pipeline/v1',
        name: 'outage',
        settings: { batchSize: 50, batchWaitMs: 50 },
        stages: [
          { id: 'gen', type: 'origin.dev-generator', config: { template: 'sequence', recordsPerSecond: 500, count: 4000 } },
          { id: 'out', type: 'destination.kafka', config: { topic: output } },
        ],
        edges: [{ from: 'gen', to: 'out' }],
      })
    ).json;
    await api(server, 'POST', `/api/pipelines/${id}/start`, {});
    await waitFor(() => kafka.count(output), (n) => n >= 500, 60_000, 'records before the outage');

    await broker.stop();
    const failed = await waitFor(
      async () => (await api(server, 'GET', `/api/pipelines/${id}/status`)).json,
      (s) => s.state === 'FAILED',
      90_000,
      'FAILED while the broker is down',
    );
    expect(failed.error).toMatch(/kafka|connect|broker/i);
    expect((await api(server, 'GET', '/api/health')).json.kafka.reachable).toBe(false);

    broker = await startLocalBroker({ dataDir, port: PORT, controllerPort: PORT + 1, log: quiet });
    await waitFor(async () => (await api(server, 'GET', `/api/pipelines/${id}/status`)).json.state, (s) => s === 'RUNNING', 120_000, 'RUNNING again');
    await waitFor(() => kafka.count(output), (n) => n >= 4000, 120_000, 'every record');
    await api(server, 'POST', `/api/pipelines/${id}/stop`);
    const seqs = (await kafka.readAll(output)).map((r) => r.value.seq);
    expect(new Set(seqs).size).toBe(4000);
    expect(Math.max(...seqs)).toBe(3999);
    console.log(`broker outage test: ${seqs.length} records written for 4000 made, ${seqs.length - 4000} duplicates`);
  });
});
