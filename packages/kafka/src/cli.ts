/**
 * `pnpm kafka fetch` downloads the broker's jars; `pnpm kafka start` runs the local broker
 * in the foreground (Ctrl-C stops it), with its data under $DUTO_HOME/kafka.
 */
import { resolve } from 'node:path';
import { fetchKafkaJars, kafkaJarsCached } from './fetch-jars';
import { startLocalBroker } from './local-broker';
import { LocalBrokerError } from './prerequisites';
import { TerminalLine } from './terminal-line';

const command = process.argv[2];
const line = new TerminalLine();
const progress = (text: string) => line.update(text);
const log = (text: string) => line.done(text);
try {
  if (command === 'fetch') {
    if (kafkaJarsCached()) log('Kafka\'s jars are already in the cache.');
    await fetchKafkaJars({ log, progress });
  } else if (command === 'start') {
    const home = resolve(process.env.DUTO_HOME || '.duto');
    const broker = await startLocalBroker({ dataDir: resolve(home, 'kafka'), log, progress });
    const stop = () => void broker.stop().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } else {
    console.error('usage: pnpm kafka fetch | start');
    process.exit(2);
  }
} catch (error) {
  if (!(error instanceof LocalBrokerError)) throw error;
  console.error(`${error.message}\n  Fix: ${error.fix}`);
  process.exit(1);
}
