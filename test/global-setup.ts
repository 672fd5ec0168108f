import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startLocalBroker, type LocalBroker } from '@duto/kafka';

/**
 * Tests run against a real Kafka: the one in KAFKA_BROKERS, or a local broker of their own
 * on 127.0.0.1:19092 (apart from the 9092 of `pnpm start`), started here and stopped after.
 */
let broker: LocalBroker | undefined;

export async function setup(project: TestProject): Promise<void> {
  // Runner processes inherit this: their logs stay out of the test report unless asked for.
  process.env.DUTO_LOG_LEVEL ??= 'fatal';
  if (!process.env.KAFKA_BROKERS) {
    broker = await startLocalBroker({
      dataDir: resolve(import.meta.dirname, '..', '.cache', 'test-kafka'),
      port: 19_092,
      controllerPort: 19_093,
    });
    process.env.KAFKA_BROKERS = broker.brokers.join(',');
  }
  project.provide('kafkaBrokers', process.env.KAFKA_BROKERS!.split(','));
}

export async function teardown(): Promise<void> {
  await broker?.stop();
}
