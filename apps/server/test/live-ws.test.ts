import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, startServer, waitFor, type TestServer } from './helpers';
import { createGeneratorPipeline, watch } from './live-helpers';

/** GET /api/ws against a real server and real runner processes: snapshots, state events, errors. */
let server: TestServer;

beforeAll(async () => {
  server = await startServer({ KAFKA_BROKERS: inject('kafkaBrokers').join(',') });
});
afterAll(() => server.close());

const isSnapshot = (id: string) => (m: any) => m.pipelineId === id && m.totals !== undefined;
const isState = (id: string, state: string) => (m: any) => m.pipelineId === id && m.event === 'state' && m.state === state;

describe('live metrics over the WebSocket', () => {
  it('pushes a snapshot at least once a second whose totals match the run, and every state change at once', async () => {
    const count = 4000;
    const id = await createGeneratorPipeline(server, 'live counts', { recordsPerSecond: 1000, count });
    const client = await watch(server);
    client.send({ subscribe: id });
    const first = await client.next(isSnapshot(id), 2000);
    expect(first).toMatchObject({ pipelineId: id, state: 'STOPPED', totals: { in: 0, out: 0, errors: 0 } });

    const startedAt = Date.now();
    expect((await api(server, 'POST', `/api/pipelines/${id}/start`, {})).status).toBe(202);
    await client.next(isState(id, 'STARTING'), 2000);
    await client.next(isState(id, 'RUNNING'), 30_000);
    const done = await client.next((m) => isSnapshot(id)(m) && m.totals.out === count, 30_000);
    expect(done.totals).toMatchObject({ in: count, out: count, errors: 0 });
    expect(done.stages.gen.out).toBe(count);
    expect(done.stages.trash.in).toBe(count);

    const stopAt = Date.now();
    const stopCall = api(server, 'POST', `/api/pipelines/${id}/stop`);
    await client.next(isState(id, 'STOPPING'), 2000);
    const stoppingLatency = Date.now() - stopAt;
    await client.next(isState(id, 'STOPPED'), 30_000);
    expect((await stopCall).json.state).toBe('STOPPED');
    const finalSnapshot = await client.next((m) => isSnapshot(id)(m) && m.state === 'STOPPED', 2000);
    expect(finalSnapshot.totals).toMatchObject({ in: count, out: count });

    // Gaps between snapshots while the pipeline ran.
    const running = client.messages.filter((m) => isSnapshot(id)(m.body) && m.body.state === 'RUNNING' && m.at >= startedAt);
    const gaps = running.slice(1).map((m, i) => m.at - running[i]!.at);
    console.log(`live: ${running.length} RUNNING snapshots, max gap ${Math.max(...gaps)} ms, mean ${Math.round(gaps.reduce((a, b) => a + b, 0) / gaps.length)} ms; STOPPING event ${stoppingLatency} ms after the stop call`);
    expect(running.length).toBeGreaterThanOrEqual(4);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(1000);
    expect(stoppingLatency).toBeLessThan(500);
    // Counts only grow within a run.
    const outs = running.map((m) => m.body.totals.out);
    expect(outs).toEqual([...outs].sort((a, b) => a - b));
    await client.close();
  });

  it('sends the same snapshots to many clients, and stops after unsubscribe', async () => {
    const id = await createGeneratorPipeline(server, 'many watchers', { recordsPerSecond: 500 });
    const clientsBefore = server.app.liveHub.stats().length;
    const clients = await Promise.all([watch(server), watch(server), watch(server)]);
    for (const c of clients) c.send({ subscribe: id });
    await Promise.all(clients.map((c) => c.next(isSnapshot(id), 2000)));
    await api(server, 'POST', `/api/pipelines/${id}/start`, {});
    await Promise.all(clients.map((c) => c.next((m) => isSnapshot(id)(m) && m.state === 'RUNNING' && m.totals?.out > 0, 30_000)));

    const [leaver, ...stayers] = clients;
    leaver!.send({ unsubscribe: id });
    await new Promise((r) => setTimeout(r, 300));
    const leaverCount = leaver!.messages.length;
    const from = stayers.map((c) => c.messages.length);
    await new Promise((r) => setTimeout(r, 1500));
    expect(leaver!.messages.length).toBe(leaverCount);
    stayers.forEach((c, i) => expect(c.messages.length - from[i]!).toBeGreaterThanOrEqual(2));

    await api(server, 'POST', `/api/pipelines/${id}/stop`);
    await Promise.all(stayers.map((c) => c.next(isState(id, 'STOPPED'), 30_000, 0)));
    await Promise.all(clients.map((c) => c.close()));
    await waitFor(() => server.app.liveHub.stats().length, (n) => n === clientsBefore, 5000, 'clients removed from the hub');
  });

  it('answers malformed messages and unknown pipelines with an error, and keeps the socket open', async () => {
    const id = await createGeneratorPipeline(server, 'errors', { recordsPerSecond: 10 });
    const client = await watch(server);
    for (const bad of ['not json', '[]', JSON.stringify({ subscribe: 42 }), JSON.stringify({ subscribe: id, extra: true })]) {
      client.send(bad);
      expect(await client.next((m) => m.error !== undefined, 2000)).toEqual({ error: { code: 'DUTO_ERR_BAD_REQUEST', message: expect.any(String) } });
    }
    client.send({ subscribe: 'no-such-pipeline' });
    const unknown = await client.next((m) => m.error !== undefined, 2000);
    expect(unknown.error).toEqual({ code: 'DUTO_ERR_NOT_FOUND', message: expect.stringContaining('no-such-pipeline') });
    expect(client.isOpen).toBe(true);
    client.send({ subscribe: id });
    expect(await client.next(isSnapshot(id), 2000)).toMatchObject({ pipelineId: id, state: 'STOPPED' });
    await client.close();
  });
});
