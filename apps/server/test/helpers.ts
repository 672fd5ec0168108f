import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { buildApp } from '../src/app';
import { configFromEnv } from '../src/config';
import type { MetricsHubOptions } from '../src/live/metrics-hub';
import type { SecurityOptions } from '../src/security/install';

/** The password of `admin` in every test server (DUTO_ADMIN_PASSWORD). */
export const TEST_ADMIN_PASSWORD = 'duto-test-admin-password';

export interface TestServer {
  url: string;
  home: string;
  app: FastifyInstance;
  /** An admin API token, sent by `api()` and `authHeaders()`. */
  adminToken: string;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Reuse this home (a restart of Duto); it is then left in place on close. */
  home?: string;
  restartBackoffMs?: number;
  live?: MetricsHubOptions;
  security?: SecurityOptions;
  /** The server's logger (default: none). */
  logger?: FastifyServerOptions['logger'];
}

/** A real server on a free loopback port with its own temporary DUTO_HOME, and an admin token for `api()`. */
export async function startServer(env: Record<string, string> = {}, options: StartOptions = {}): Promise<TestServer> {
  const home = options.home ?? mkdtempSync(join(tmpdir(), 'duto-test-'));
  const config = { ...configFromEnv({ DUTO_HOME: home, DUTO_PORT: '0', DUTO_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD, ...env }), webDist: undefined };
  const app = await buildApp({
    config,
    logger: options.logger ?? false,
    restartBackoffMs: options.restartBackoffMs ?? 200,
    ...(options.live ? { live: options.live } : {}),
    ...(options.security ? { security: options.security } : {}),
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  const url = `http://127.0.0.1:${address.port}`;
  const session = await login(url, 'admin', TEST_ADMIN_PASSWORD);
  return {
    url,
    home,
    app,
    adminToken: await createToken(url, session, 'tests', 'admin'),
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

/** The headers that authenticate a raw fetch or WebSocket as the test server's admin. */
export function authHeaders(server: TestServer): { authorization: string } {
  return { authorization: `Bearer ${server.adminToken}` };
}

/** A new API token of the role, made by the admin. */
export async function tokenFor(server: TestServer, role: 'viewer' | 'editor' | 'admin'): Promise<string> {
  return createToken(server.url, await login(server.url, 'admin', TEST_ADMIN_PASSWORD), `${role} token`, role);
}

/** Logs in; the `cookie` header value of the session. Throws unless the login succeeds. */
export async function login(url: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (response.status !== 204) throw new Error(`login as ${username} failed: ${response.status} ${await response.text()}`);
  return response.headers.getSetCookie()[0]!.split(';')[0]!;
}

/** Makes an API token with a session cookie (sent from the server's own origin, as a browser would). */
export async function createToken(url: string, cookie: string, name: string, role: 'viewer' | 'editor' | 'admin'): Promise<string> {
  const response = await fetch(`${url}/api/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, origin: url },
    body: JSON.stringify({ name, role }),
  });
  if (response.status !== 201) throw new Error(`token creation failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

/**
 * JSON over HTTP against a test server as its admin (unless `headers` carries its own
 * authorization); the body parsed when there is one.
 */
export async function api(server: TestServer, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const init: RequestInit = { method, headers: { ...authHeaders(server), ...headers } };
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
