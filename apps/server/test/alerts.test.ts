import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, startServer, waitFor, type TestServer } from './helpers';
import { watch } from './live-helpers';

/** Alert rules: stored, evaluated on live snapshots, pushed on the WebSocket, counted in the pipeline list. */
let server: TestServer;

beforeAll(async () => {
  server = await startServer({ KAFKA_BROKERS: inject('kafkaBrokers').join(',') });
});
afterAll(() => server.close());

const isAlert = (alertId: string, firing: boolean) => (m: any) => m.event === 'alert' && m.alert.id === alertId && m.firing === firing;
const firingCount = async (id: string) => (await api(server, 'GET', '/api/pipelines')).json.find((p: any) => p.id === id).firingAlerts;

describe('alerts', () => {
  it('fires an error-rate alert while errors flow and clears it when they stop; fires a throughput alert when the flow dries up', async () => {
    // Half the readings are malformed and fail in the expression: about 150 errors/s for 2000 records.
    const created = await api(server, 'POST', '/api/pipelines', {
      format: 'duto.pipeline/v1',
      name: 'alerting',
      settings: { batchSize: 100, batchWaitMs: 50, onRecordError: 'error-lane' },
      stages: [
        { id: 'gen', type: 'origin.dev-generator', config: { template: 'iot-sensor', recordsPerSecond: 300, count: 2000, malformedRatio: 0.5 } },
        { id: 'double', type: 'processor.expression', config: { fields: [{ path: 'double', expression: 'temperature * 2' }] } },
        { id: 'trash', type: 'destination.trash', config: {} },
      ],
      edges: [{ from: 'gen', to: 'double' }, { from: 'double', to: 'trash' }],
    });
    const id = created.json.id;
    const errorRate = await api(server, 'POST', `/api/pipelines/${id}/alerts`, { kind: 'error-rate-above', threshold: 20, forSeconds: 1 });
    expect(errorRate.status).toBe(201);
    expect(errorRate.json).toMatchObject({ pipelineId: id, kind: 'error-rate-above', threshold: 20, forSeconds: 1, firing: false });
    const throughput = (await api(server, 'POST', `/api/pipelines/${id}/alerts`, { kind: 'throughput-below', threshold: 50, forSeconds: 1 })).json;
    expect((await api(server, 'GET', `/api/pipelines/${id}/alerts`)).json.map((a: any) => a.id)).toEqual([errorRate.json.id, throughput.id]);

    const client = await watch(server);
    client.send({ subscribe: id });
    await api(server, 'POST', `/api/pipelines/${id}/start`, {});

    const fired = await client.next(isAlert(errorRate.json.id, true), 30_000);
    expect(fired).toMatchObject({ pipelineId: id, event: 'alert', firing: true, alert: { id: errorRate.json.id, firing: true, since: expect.any(String) } });
    const listed = (await api(server, 'GET', `/api/pipelines/${id}/alerts`)).json;
    expect(listed.find((a: any) => a.id === errorRate.json.id)).toMatchObject({ firing: true, since: fired.alert.since });
    expect(await firingCount(id)).toBeGreaterThanOrEqual(1);

    // The generator's count is reached: errors stop (the alert clears) and throughput falls (that one fires).
    await client.next(isAlert(errorRate.json.id, false), 30_000, 0);
    await client.next(isAlert(throughput.id, true), 30_000, 0);
    const snapshot = (await api(server, 'GET', `/api/pipelines/${id}/metrics`)).json;
    expect(snapshot.totals.errors).toBeGreaterThan(500);
    expect(await firingCount(id)).toBe(1);

    // Leaving RUNNING clears every alert of the pipeline.
    await api(server, 'POST', `/api/pipelines/${id}/stop`);
    await client.next(isAlert(throughput.id, false), 5000, 0);
    expect(await firingCount(id)).toBe(0);
    expect((await api(server, 'GET', `/api/pipelines/${id}/alerts`)).json.every((a: any) => a.firing === false && a.since === undefined)).toBe(true);

    expect((await api(server, 'DELETE', `/api/pipelines/${id}/alerts/${throughput.id}`)).status).toBe(204);
    expect((await api(server, 'DELETE', `/api/pipelines/${id}/alerts/${throughput.id}`)).status).toBe(404);
    expect((await api(server, 'GET', `/api/pipelines/${id}/alerts`)).json).toHaveLength(1);
    await client.close();
  });

  it('validates rules and answers 404 for unknown pipelines', async () => {
    expect((await api(server, 'GET', '/api/pipelines/nope/alerts')).status).toBe(404);
    expect((await api(server, 'POST', '/api/pipelines/nope/alerts', { kind: 'throughput-below', threshold: 1, forSeconds: 0 })).status).toBe(404);
    const { id } = (
      await api(server, 'POST', '/api/pipelines', {
        format: 'duto.pipeline/v1',
        name: 'rules',
        stages: [
          { id: 'gen', type: 'origin.dev-generator', config: {} },
          { id: 'trash', type: 'destination.trash', config: {} },
        ],
        edges: [{ from: 'gen', to: 'trash' }],
      })
    ).json;
    for (const bad of [{ kind: 'latency-above', threshold: 1, forSeconds: 0 }, { kind: 'throughput-below', threshold: -1, forSeconds: 0 }, { kind: 'throughput-below', threshold: 1 }]) {
      const response = await api(server, 'POST', `/api/pipelines/${id}/alerts`, bad);
      expect(response.status, JSON.stringify(bad)).toBe(400);
    }
    await waitFor(() => firingCount(id), (n) => n === 0, 1000, 'no firing alerts');
  });
});
