import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { MetricsSnapshot } from '@duto/model';
import { api, startServer, waitFor, type TestServer } from './helpers';
import { createGeneratorPipeline, stalledClient, watch } from './live-helpers';

/**
 * A client that stops reading must cost the server bounded memory and must not slow a
 * pipeline or the other clients. The hub's own queue and the socket's unsent bytes are
 * asserted (not RSS, which is noise at this scale).
 */
const HIGH_WATER = 64 * 1024;
const STUCK_LIMIT_MS = 4000;
let server: TestServer;

beforeAll(async () => {
  server = await startServer({ KAFKA_BROKERS: inject('kafkaBrokers').join(',') }, { live: { highWaterBytes: HIGH_WATER, stuckLimitMs: STUCK_LIMIT_MS } });
});
afterAll(() => server.close());

/** A snapshot of about 60 kB (600 stages), so that a few megabytes a second reach the stalled client. */
function bigSnapshot(pipelineId: string, n: number): MetricsSnapshot {
  const stages: MetricsSnapshot['stages'] = {};
  for (let i = 0; i < 600; i++) stages[`stage-${i}`] = { in: n, out: n, errors: 0, recordsPerSec: 1, batchMs: { p50: 1, p99: 2 } };
  return { pipelineId, at: new Date().toISOString(), state: 'RUNNING', totals: { in: n, out: n, errors: 0, recordsPerSec: 1 }, stages, kafkaLag: {} };
}

it('keeps a stalled client\'s queue bounded, the pipeline at its rate and other clients served, then drops the stalled client', async () => {
  const rate = 2000;
  const live = await createGeneratorPipeline(server, 'under load', { recordsPerSecond: rate });
  const flooded = await Promise.all(Array.from({ length: 10 }, (_, i) => createGeneratorPipeline(server, `flooded ${i}`, { recordsPerSecond: 1 })));
  await api(server, 'POST', `/api/pipelines/${live}/start`, {});
  const healthy = await watch(server);
  healthy.send({ subscribe: live });
  await healthy.next((m) => m.pipelineId === live && m.state === 'RUNNING' && m.totals?.out > 0, 30_000);

  const stalled = await stalledClient(server, [live, ...flooded]);
  const stalledStats = () => server.app.liveHub.stats().find((s) => s.subscriptions === 1 + flooded.length);
  await waitFor(stalledStats, (s) => s !== undefined, 5000, 'the stalled client subscribed');

  // Flood the hub with large snapshots of the stalled client's pipelines: ~12 MB/s.
  let n = 0;
  const flood = setInterval(() => {
    for (const id of flooded) server.app.liveHub.onSnapshot(bigSnapshot(id, ++n));
  }, 50);
  const samples: Array<NonNullable<ReturnType<typeof stalledStats>>> = [];
  const sampler = setInterval(() => {
    const s = stalledStats();
    if (s) samples.push(s);
  }, 100);
  const healthyFrom = healthy.messages.length;
  const floodStart = Date.now();
  // The stalled client reads nothing, so it would not notice the close: ask the hub.
  await waitFor(stalledStats, (s) => s === undefined, STUCK_LIMIT_MS + 20_000, 'the stalled client disconnected');
  const stalledFor = Date.now() - floodStart;
  clearInterval(flood);
  clearInterval(sampler);

  const behind = samples.filter((s) => s.pendingSnapshots > 0);
  const maxQueued = Math.max(...samples.map((s) => s.pendingSnapshots + s.pendingEvents));
  const maxBuffered = Math.max(...samples.map((s) => s.bufferedAmount));
  console.log(
    `slow client: ${n} snapshots (${Math.round((n * 60) / 1024)} MB) published in ${stalledFor} ms; ` +
      `max hub queue ${maxQueued} messages, max socket backlog ${Math.round(maxBuffered / 1024)} kB; disconnected after ${stalledFor} ms`,
  );
  // It fell behind, its queue held at most one snapshot per pipeline, the socket backlog stayed
  // near the high-water mark (plus at most one message), and it was dropped after the limit.
  expect(behind.length).toBeGreaterThan(0);
  expect(maxQueued).toBeLessThanOrEqual(1 + flooded.length);
  expect(maxBuffered).toBeLessThan(HIGH_WATER + 100 * 1024);
  expect(stalledFor).toBeGreaterThanOrEqual(STUCK_LIMIT_MS);
  expect(stalledFor).toBeLessThan(STUCK_LIMIT_MS + 10_000);
  expect(stalledStats()).toBeUndefined();

  // Meanwhile the healthy client kept getting snapshots at least once a second, and the pipeline its rate.
  const received = healthy.messages.slice(healthyFrom).filter((m) => m.body.pipelineId === live && m.body.totals);
  const gaps = received.slice(1).map((m, i) => m.at - received[i]!.at);
  expect(received.length).toBeGreaterThanOrEqual(Math.floor(stalledFor / 1000));
  expect(Math.max(...gaps)).toBeLessThanOrEqual(1000);
  const last = received.at(-1)!.body;
  console.log(`slow client: pipeline at ${last.totals.recordsPerSec} records/s (configured ${rate}); healthy client max gap ${Math.max(...gaps)} ms`);
  expect(last.totals.recordsPerSec).toBeGreaterThan(rate * 0.9);

  stalled.socket.resume();
  await stalled.closed;
  await api(server, 'POST', `/api/pipelines/${live}/stop`);
  await healthy.close();
});
