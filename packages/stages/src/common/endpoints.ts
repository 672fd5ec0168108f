import type { ServiceEndpoint } from '@duto/engine';

const DEFAULT_PORTS: Record<string, number> = {
  'mqtt:': 1883,
  'tcp:': 1883,
  'mqtts:': 8883,
  'ws:': 80,
  'wss:': 443,
  'postgres:': 5432,
  'postgresql:': 5432,
  'mysql:': 3306,
  'mariadb:': 3306,
};

/** The host and port a service URL names, for the config field at `path`. */
export function urlEndpoint(path: string, url: string): ServiceEndpoint[] {
  try {
    const parsed = new URL(url);
    const port = parsed.port ? Number(parsed.port) : DEFAULT_PORTS[parsed.protocol];
    return port === undefined ? [] : [{ path, host: parsed.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1', port }];
  } catch {
    return [];
  }
}

/** Kafka brokers come from the host (KAFKA_BROKERS), not from the stage's config. */
export function kafkaEndpoints(brokers: string[]): ServiceEndpoint[] {
  return brokers.flatMap((broker) => {
    const separator = broker.lastIndexOf(':');
    const port = Number(broker.slice(separator + 1));
    return separator > 0 && Number.isInteger(port) ? [{ path: '', host: broker.slice(0, separator).replace(/^\[|\]$/g, ''), port }] : [];
  });
}
