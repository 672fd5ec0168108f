/**
 * `pnpm kafka fetch` downloads the broker's jars; `pnpm kafka start` runs the local broker
 * in the foreground (Ctrl-C stops it), with its data under $DUTO_HOME/kafka.
 */
import { resolve } from 'node:path';
import { fetchKafkaJars, LocalBrokerError, startLocalBroker } from './local-broker';

const command = process.argv[2];
try {
  if (command === 'fetch') {
    fetchKafkaJars();
  } else if (command === 'start') {
    const home = resolve(process.env.DUTO_HOME || '.duto');
    const broker = await startLocalBroker({ dataDir: resolve(home, 'kafka') });
    const stop = () => void broker.stop().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } else {
    console.error('usage: pnpm kafka fetch | start');
    process.exit(2);
  }
} catch (error) {
  console.error(error instanceof LocalBrokerError ? error.message : error);
  process.exit(1);
}
