import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app';
import { configFromEnv } from '../src/config';
import type { MetricsHubOptions } from '../src/live/metrics-hub';

export interface TestServer {
  url: string;
  home: string;
  app: FastifyInstance;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Reuse this home (a restart of Duto); it is then left in place on close. */
  home?: string;
  restartBackoffMs?: number;
  live?: MetricsHubOptions;
}

/** A real server on a free loopback port with its own temporary DUTO_HOME. */
export async function startServer(env: Record<string, string> = {}, options: StartOptions = {}): Promise<TestServer> {
  const home = options.home ?? mkdtempSync(join(tmpdir(), 'duto-test-'));
  const config = { ...configFromEnv({ DUTO_HOME: home, DUTO_PORT: '0', ...env }), webDist: undefined };
  const app = await buildApp({ config, logger: false, restartBackoffMs: options.restartBackoffMs ?? 200, ...(options.live ? { live: options.live } : {}) });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    home,
    app,
    close: async () => {
      await app.close();
      if (!options.home) rmSync(home, { recursive: true, force: true });
    },
  };
}

export function samplePipeline(name = 'IoT sensors to Kafka'): Record<string, any> {
  return {
    format: 'duto.pipeline/v1',
    name,
    parameters: { SENSOR_TOPIC: 'sensors/#' },
    settings: { batchSize: 1000, batchWaitMs: 200, onRecordError: 'error-lane' },
    stages: [
      {
        id: 'sensors',
        type: 'origin.mqtt',
        label: 'Sensors',
        config: { brokerUrl: 'mqtt://127.0.0.1:1883', topics: ['${SENSOR_TOPIC}'], qos: 1, format: 'json' },
        position: { x: 80, y: 120 },
      },
      { id: 'to-kafka', type: 'destination.kafka', config: { topic: 'iot.readings', key: 'sensorId' }, position: { x: 420, y: 120 } },
    ],
    edges: [{ from: 'sensors', to: 'to-kafka' }],
  };
}

/** JSON over HTTP against a test server; the body parsed when there is one. */
export async function api(server: TestServer, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
  }
  const response = await fetch(server.url + path, init);
  const text = await response.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text, headers: response.headers };
}

export async function waitFor<T>(probe: () => Promise<T> | T, accept: (value: T) => boolean, timeoutMs = 60_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last: ${JSON.stringify(value)?.slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
