import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app';
import { configFromEnv } from '../src/config';

export interface TestServer {
  url: string;
  home: string;
  app: FastifyInstance;
  close(): Promise<void>;
}

/** A real server on a free loopback port with its own temporary DUTO_HOME. */
export async function startServer(env: Record<string, string> = {}): Promise<TestServer> {
  const home = mkdtempSync(join(tmpdir(), 'duto-test-'));
  const config = { ...configFromEnv({ DUTO_HOME: home, DUTO_PORT: '0', ...env }), webDist: undefined };
  const app = await buildApp({ config, logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    home,
    app,
    close: async () => {
      await app.close();
      rmSync(home, { recursive: true, force: true });
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
