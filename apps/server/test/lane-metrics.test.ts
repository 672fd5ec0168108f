import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, startServer, waitFor, type TestServer } from './helpers';
import { watch } from './live-helpers';

/** A router's records per lane, counted by the runner and carried by GET /metrics and the WebSocket. */
const brokers = inject('kafkaBrokers');
let server: TestServer;

beforeAll(async () => {
  server = await startServer({ KAFKA_BROKERS: brokers.join(',') });
});
afterAll(() => server?.close());

describe('per-lane counts', () => {
  it('counts the records a router sends to each lane, in the snapshot of GET /metrics and of the WebSocket', async () => {
    const { id } = (
      await api(server, 'POST', '/api/pipelines', {
        format: 'duto.pipeline/v1',
        name: 'lanes',
        settings: { batchSize: 50, batchWaitMs: 20 },
        stages: [
          { id: 'gen', type: 'origin.dev-generator', config: { template: 'sequence', recordsPerSecond: 1000, count: 300 } },
          {
            id: 'route',
            type: 'processor.router',
            config: { routes: [{ lane: 'fizz', condition: 'seq % 3 = 0' }, { lane: 'unused', condition: 'seq < 0' }], defaultLane: 'rest' },
          },
          { id: 'fizz-sink', type: 'destination.trash', config: {} },
          { id: 'rest-sink', type: 'destination.trash', config: {} },
        ],
        edges: [
          { from: 'gen', to: 'route' },
          { from: 'route', to: 'fizz-sink', lane: 'fizz' },
          { from: 'route', to: 'rest-sink', lane: 'rest' },
        ],
      })
    ).json;
    const live = await watch(server);
    live.send({ subscribe: id });
    await api(server, 'POST', `/api/pipelines/${id}/start`, {});
    try {
      const snapshot = await waitFor(
        async () => (await api(server, 'GET', `/api/pipelines/${id}/metrics`)).json,
        (s) => s.stages?.route?.in === 300,
        60_000,
        'the 300 records through the router',
      );
      expect(snapshot.stages.route.lanes).toEqual({ fizz: 100, unused: 0, rest: 200 });
      expect(snapshot.stages['fizz-sink'].in).toBe(100);
      expect(snapshot.stages.gen).not.toHaveProperty('lanes');
      const pushed = await live.next((body) => body.pipelineId === id && body.stages?.route?.in === 300, 10_000);
      expect(pushed.stages.route.lanes).toEqual({ fizz: 100, unused: 0, rest: 200 });
    } finally {
      await live.close();
      await api(server, 'POST', `/api/pipelines/${id}/stop`);
    }
  });
});
