import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A real single-node Apache Kafka (KRaft) for `pnpm start` and the tests: jars from Maven
 * Central (kafka/pom.xml) cached in .cache/kafka/libs, storage formatted once under
 * `dataDir`, broker and controller on loopback ports.
 */
export interface LocalBrokerOptions {
  /** Storage, config and logs: $DUTO_HOME/kafka for `pnpm start`. */
  dataDir: string;
  port?: number;
  controllerPort?: number;
  /** Progress lines (jar download, format, start). */
  log?: (line: string) => void;
}

export interface LocalBroker {
  brokers: string[];
  /** Whether this call started the broker (false: one was already answering there). */
  started: boolean;
  stop(): Promise<void>;
}

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const POM = join(REPO_ROOT, 'kafka', 'pom.xml');
export const KAFKA_LIBS = join(REPO_ROOT, '.cache', 'kafka', 'libs');

export class LocalBrokerError extends Error {}

/** Downloads the broker's jars with Maven unless the cache matches kafka/pom.xml already. */
export function fetchKafkaJars(log: (line: string) => void = console.log): void {
  const stamp = join(KAFKA_LIBS, '.pom-sha256');
  const pomHash = createHash('sha256').update(readFileSync(POM)).digest('hex');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === pomHash) return;
  if (spawnSync('java', ['-version']).error) {
    throw new LocalBrokerError('Java is not installed: install a JDK 17 or newer (apt-get install -y openjdk-17-jre-headless), or set KAFKA_BROKERS to use a Kafka you run');
  }
  if (spawnSync('mvn', ['-v']).error) {
    throw new LocalBrokerError('Maven is not installed: install it (apt-get install -y maven) to fetch Kafka, or set KAFKA_BROKERS to use a Kafka you run');
  }
  log(`Fetching Apache Kafka's jars with Maven into ${KAFKA_LIBS} (once; about 45 MB)…`);
  mkdirSync(KAFKA_LIBS, { recursive: true });
  const result = spawnSync(
    'mvn',
    ['-B', '-ntp', '-f', POM, 'dependency:copy-dependencies', '-DincludeScope=runtime', `-DoutputDirectory=${KAFKA_LIBS}`],
    { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' },
  );
  if (result.status !== 0) {
    throw new LocalBrokerError(`Maven could not fetch Kafka (exit ${result.status}):\n${(result.stdout + result.stderr).split('\n').slice(-30).join('\n')}`);
  }
  const jars = readdirSync(KAFKA_LIBS).filter((f) => f.endsWith('.jar'));
  log(`Kafka jars ready (${jars.length} jars).`);
  writeFileSync(stamp, pomHash);
}

/** Starts the local broker, or reuses one that already answers on the port. */
export async function startLocalBroker(options: LocalBrokerOptions): Promise<LocalBroker> {
  const log = options.log ?? ((line: string) => console.log(line));
  const port = options.port ?? 9092;
  const controllerPort = options.controllerPort ?? port + 1;
  const brokers = [`127.0.0.1:${port}`];
  if (await portAnswers(port)) {
    log(`A Kafka broker already answers on 127.0.0.1:${port}; using it.`);
    return { brokers, started: false, stop: async () => {} };
  }
  fetchKafkaJars(log);
  const dataDir = resolve(options.dataDir);
  const configFile = writeBrokerConfig(dataDir, port, controllerPort);
  const classpath = `${KAFKA_LIBS}/*`;
  const jvm = ['-Xms256m', '-Xmx768m', `-Dlog4j2.configurationFile=${join(dataDir, 'log4j2.properties')}`, `-Dkafka.logs.dir=${join(dataDir, 'logs')}`, '-cp', classpath];

  if (!existsSync(join(dataDir, 'data', 'meta.properties'))) {
    log(`Formatting Kafka storage in ${join(dataDir, 'data')}…`);
    const clusterId = randomBytes(16).toString('base64url');
    const format = spawnSync('java', [...jvm, 'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', configFile], { encoding: 'utf8' });
    if (format.status !== 0) throw new LocalBrokerError(`formatting Kafka storage failed:\n${format.stdout}${format.stderr}`);
  }

  log(`Starting Kafka on 127.0.0.1:${port}…`);
  const out = openSync(join(dataDir, 'logs', 'stdout.log'), 'a');
  const child = spawn('java', [...jvm, 'kafka.Kafka', configFile], { stdio: ['ignore', out, out] });
  let exited: number | null | undefined;
  child.once('exit', (code) => (exited = code));
  const deadline = Date.now() + 90_000;
  while (!(await portAnswers(port))) {
    if (exited !== undefined) {
      throw new LocalBrokerError(`Kafka exited with code ${exited} while starting; see ${join(dataDir, 'logs')}`);
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new LocalBrokerError(`Kafka did not answer on 127.0.0.1:${port} within 90 s; see ${join(dataDir, 'logs')}`);
    }
    await sleep(250);
  }
  log(`Kafka is up on 127.0.0.1:${port}.`);
  return { brokers, started: true, stop: () => stopChild(child) };
}

function writeBrokerConfig(dataDir: string, port: number, controllerPort: number): string {
  mkdirSync(join(dataDir, 'logs'), { recursive: true });
  const properties = {
    'process.roles': 'broker,controller',
    'node.id': '1',
    'controller.quorum.voters': `1@127.0.0.1:${controllerPort}`,
    listeners: `PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    'log.dirs': join(dataDir, 'data'),
    'num.partitions': '3',
    // One node: internal topics cannot have more replicas than that.
    'offsets.topic.replication.factor': '1',
    'transaction.state.log.replication.factor': '1',
    'transaction.state.log.min.isr': '1',
    'share.coordinator.state.topic.replication.factor': '1',
    'share.coordinator.state.topic.min.isr': '1',
    'group.initial.rebalance.delay.ms': '0',
    'auto.create.topics.enable': 'true',
  };
  const file = join(dataDir, 'server.properties');
  writeFileSync(file, Object.entries(properties).map(([k, v]) => `${k}=${v}`).join('\n') + '\n');
  writeFileSync(
    join(dataDir, 'log4j2.properties'),
    [
      'appender.file.type = File',
      'appender.file.name = file',
      `appender.file.fileName = ${join(dataDir, 'logs', 'server.log')}`,
      'appender.file.layout.type = PatternLayout',
      'appender.file.layout.pattern = [%d] %p %m (%c)%n',
      'rootLogger.level = INFO',
      'rootLogger.appenderRef.file.ref = file',
    ].join('\n') + '\n',
  );
  return file;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}

export function portAnswers(port: number, host = '127.0.0.1', timeoutMs = 1000): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host, port });
    const finish = (ok: boolean) => {
      socket.destroy();
      done(ok);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
