import { join } from 'node:path';
import { LocalBrokerError, startLocalBroker, type LocalBroker } from '@duto/kafka';
import { buildApp } from './app';
import { configFromEnv } from './config';

const config = configFromEnv();

// Without KAFKA_BROKERS, Duto brings its own single-node Kafka (data under $DUTO_HOME/kafka).
let broker: LocalBroker | undefined;
if (!config.externalKafka) {
  try {
    broker = await startLocalBroker({ dataDir: join(config.home, 'kafka'), log: (line) => console.log(`[kafka] ${line}`) });
  } catch (error) {
    console.error(`[kafka] ${error instanceof LocalBrokerError ? error.message : String(error)}`);
    process.exit(1);
  }
}

const app = await buildApp({ config });

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    app.log.info({ signal }, 'shutting down');
    void app
      .close()
      .then(() => broker?.stop())
      .then(() => process.exit(0));
  });
}

try {
  await app.listen({ host: config.host, port: config.port });
  app.log.info(`Duto is running at http://${config.host}:${config.port} (home ${config.home}, Kafka ${config.kafkaBrokers.join(',')})`);
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') {
    app.log.error(`port ${config.port} on ${config.host} is taken: stop what uses it, or set DUTO_PORT to a free port`);
  } else {
    app.log.error({ err: error }, 'Duto could not start');
  }
  await broker?.stop();
  process.exit(1);
}
