import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { MavenProgress } from './maven-progress';
import { LocalBrokerError, requireJava, requireMaven } from './prerequisites';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const POM = join(REPO_ROOT, 'kafka', 'pom.xml');
export const KAFKA_LIBS = join(REPO_ROOT, '.cache', 'kafka', 'libs');
/** Maven's whole output of the last fetch, for when its failure needs more than its first error. */
const MAVEN_LOG = join(REPO_ROOT, '.cache', 'kafka', 'maven.log');

export interface FetchOptions {
  /** Lines worth keeping: what starts, what ended. */
  log?: (line: string) => void;
  /** The running state, as one line meant to be redrawn in place. */
  progress?: (line: string) => void;
}

/** Whether the jars in the cache are those kafka/pom.xml lists. */
export function kafkaJarsCached(): boolean {
  const stamp = join(KAFKA_LIBS, '.pom-sha256');
  return existsSync(stamp) && readFileSync(stamp, 'utf8') === pomHash();
}

/** Downloads the broker's jars with Maven unless the cache matches kafka/pom.xml already. */
export async function fetchKafkaJars({ log = console.log, progress = () => {} }: FetchOptions = {}): Promise<void> {
  if (kafkaJarsCached()) return;
  requireJava();
  requireMaven();
  log(`Fetching Apache Kafka's jars from Maven Central into ${KAFKA_LIBS} (once; about 55 MB)…`);
  mkdirSync(KAFKA_LIBS, { recursive: true });
  const state = new MavenProgress();
  const exitCode = await runMaven(state, () => progress(`Fetching Kafka: ${state.summary()}`));
  if (exitCode !== 0) throw fetchFailure(state, exitCode);
  const jars = readdirSync(KAFKA_LIBS).filter((f) => f.endsWith('.jar'));
  log(`Kafka's jars are ready: ${jars.length} jars (${state.summary()}).`);
  writeFileSync(join(KAFKA_LIBS, '.pom-sha256'), pomHash());
}

function runMaven(state: MavenProgress, onProgress: () => void): Promise<number | null> {
  // Without -ntp Maven names each download: that is what the progress line counts.
  const maven = spawn(
    'mvn',
    ['-B', '-Dstyle.color=never', '-f', POM, 'dependency:copy-dependencies', '-DincludeScope=runtime', `-DoutputDirectory=${KAFKA_LIBS}`],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const logFile = createWriteStream(MAVEN_LOG);
  for (const stream of [maven.stdout, maven.stderr]) {
    stream.pipe(logFile, { end: false });
    createInterface({ input: stream }).on('line', (line) => {
      state.read(line);
      onProgress();
    });
  }
  return new Promise((resolve, reject) => {
    maven.once('error', reject);
    maven.once('close', (code) => logFile.end(() => resolve(code)));
  });
}

function fetchFailure(state: MavenProgress, exitCode: number | null): LocalBrokerError {
  const reason = state.firstError() ?? `Maven exited with code ${exitCode}`;
  const fix = state.networkProblem
    ? `Check the network connection to https://repo.maven.apache.org (or the proxy or mirror in ~/.m2/settings.xml), then run pnpm start again; Maven's whole output is in ${MAVEN_LOG}.`
    : `See Maven's whole output in ${MAVEN_LOG}; run pnpm kafka fetch to try again, or set KAFKA_BROKERS=host:9092 to use a Kafka you run.`;
  return new LocalBrokerError(`Maven could not fetch Kafka's jars: ${reason}`, fix);
}

function pomHash(): string {
  return createHash('sha256').update(readFileSync(POM)).digest('hex');
}
