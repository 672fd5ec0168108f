import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fetchKafkaJars, KAFKA_LIBS } from './fetch-jars';
import { LocalBrokerError, requireJava } from './prerequisites';
import { portAnswers } from './port-answers';
import { speaksKafka } from './probe';

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
  /** Lines that say what happens (jar download, format, start). */
  log?: (line: string) => void;
  /** The jar download's running state, as one line meant to be redrawn in place. */
  progress?: (line: string) => void;
}

export interface LocalBroker {
  brokers: string[];
  /** Whether this call started the broker (false: one was already answering there). */
  started: boolean;
  stop(): Promise<void>;
}

/** Starts the local broker, or reuses one that already answers on the port. */
export async function startLocalBroker(options: LocalBrokerOptions): Promise<LocalBroker> {
  const log = options.log ?? ((line: string) => console.log(line));
  const port = options.port ?? 9092;
  const controllerPort = options.controllerPort ?? port + 1;
  const brokers = [`127.0.0.1:${port}`];
  if (await portAnswers(port)) {
    if (!(await speaksKafka(brokers))) {
      throw new LocalBrokerError(
        `Port ${port} on 127.0.0.1 is taken by a program that is not Kafka, so the local Kafka cannot start there.`,
        `Stop that program (see it with: lsof -i :${port}), or set KAFKA_BROKERS=host:port to use a Kafka you run.`,
      );
    }
    log(`A Kafka broker already answers on 127.0.0.1:${port}; using it.`);
    return { brokers, started: false, stop: async () => {} };
  }
  if (await portAnswers(controllerPort)) {
    throw new LocalBrokerError(
      `Port ${controllerPort} on 127.0.0.1, which the local Kafka's controller needs, is taken.`,
      `Stop the program that uses it (see it with: lsof -i :${controllerPort}), or set KAFKA_BROKERS=host:port to use a Kafka you run.`,
    );
  }
  await fetchKafkaJars({ log, ...(options.progress ? { progress: options.progress } : {}) });
  requireJava();
  const dataDir = resolve(options.dataDir);
  const configFile = writeBrokerConfig(dataDir, port, controllerPort);
  const classpath = `${KAFKA_LIBS}/*`;
  const jvm = ['-Xms256m', '-Xmx768m', `-Dlog4j2.configurationFile=${join(dataDir, 'log4j2.properties')}`, `-Dkafka.logs.dir=${join(dataDir, 'logs')}`, '-cp', classpath];

  if (!existsSync(join(dataDir, 'data', 'meta.properties'))) {
    log(`Formatting Kafka storage in ${join(dataDir, 'data')}…`);
    const clusterId = newClusterId();
    const format = spawnSync('java', [...jvm, 'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', configFile], { encoding: 'utf8' });
    if (format.status !== 0) {
      throw new LocalBrokerError(
        `Formatting the local Kafka's storage failed: ${lastLines(`${format.stdout}${format.stderr}`, 3)}`,
        `Make sure ${dataDir} is writable and has free space, then start again.`,
      );
    }
  }

  log(`Starting Kafka on 127.0.0.1:${port}…`);
  const out = openSync(join(dataDir, 'logs', 'stdout.log'), 'a');
  const child = spawn('java', [...jvm, 'kafka.Kafka', configFile], { stdio: ['ignore', out, out] });
  let exited: number | null | undefined;
  child.once('exit', (code) => (exited = code));
  const deadline = Date.now() + 90_000;
  while (!(await portAnswers(port))) {
    if (exited !== undefined) {
      throw new LocalBrokerError(
        `Kafka stopped while starting (exit code ${exited})${lastError(dataDir)}`,
        `Read ${join(dataDir, 'logs', 'server.log')}; when its storage is damaged, delete ${join(dataDir, 'data')} (the local Kafka's data) and start again.`,
      );
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new LocalBrokerError(
        `Kafka did not answer on 127.0.0.1:${port} within 90 s${lastError(dataDir)}`,
        `Read ${join(dataDir, 'logs', 'server.log')}; a busy machine may need another try.`,
      );
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

/** The last ERROR line of the broker's log, as ": <message>", or nothing. */
function lastError(dataDir: string): string {
  const log = join(dataDir, 'logs', 'server.log');
  if (!existsSync(log)) return '';
  const error = readFileSync(log, 'utf8').split('\n').filter((line) => / ERROR /.test(line)).at(-1);
  return error ? `: ${error.replace(/^\[[^\]]*\] ERROR /, '').slice(0, 500)}` : '';
}

function lastLines(text: string, count: number): string {
  return text.trim().split('\n').slice(-count).join(' / ');
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * A random cluster id as Kafka makes them (16 bytes, base64url), redrawn while it starts
 * with "-", as Kafka's own Uuid.randomUuid does: the storage tool would read such an id as
 * an option and refuse to format (about one start in 64).
 */
export function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}
