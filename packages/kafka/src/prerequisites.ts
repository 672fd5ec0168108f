import { spawnSync } from 'node:child_process';

/** A reason the local Kafka cannot be fetched or started, with what the user can do about it. */
export class LocalBrokerError extends Error {
  constructor(
    message: string,
    readonly fix: string,
  ) {
    super(message);
  }
}

/** Kafka 4 brokers need Java 17 or newer. */
const MIN_JAVA = 17;
const USE_YOUR_KAFKA = 'or set KAFKA_BROKERS=host:9092 to use a Kafka you run (then Duto starts none)';

/** The major version of the `java` on PATH; throws, with the fix, when there is none or it is too old. */
export function requireJava(env: NodeJS.ProcessEnv = process.env): number {
  const result = spawnSync('java', ['-version'], { env, encoding: 'utf8' });
  if (result.error) {
    throw new LocalBrokerError(
      'Java is not installed (no "java" on PATH), and the local Kafka runs on it.',
      `Install Java ${MIN_JAVA} or newer (Debian/Ubuntu: sudo apt-get install -y openjdk-17-jre-headless; macOS: brew install openjdk@17), ${USE_YOUR_KAFKA}.`,
    );
  }
  const major = javaMajorVersion(`${result.stderr}${result.stdout}`);
  if (major !== undefined && major < MIN_JAVA) {
    throw new LocalBrokerError(
      `Java ${major} is installed, but Kafka 4 needs Java ${MIN_JAVA} or newer.`,
      `Install Java ${MIN_JAVA} or newer and put it first on PATH, ${USE_YOUR_KAFKA}.`,
    );
  }
  return major ?? MIN_JAVA;
}

/** Throws, with the fix, when Maven (which fetches Kafka's jars) is not installed. */
export function requireMaven(env: NodeJS.ProcessEnv = process.env): void {
  if (spawnSync('mvn', ['-v'], { env, stdio: 'ignore' }).error) {
    throw new LocalBrokerError(
      'Maven is not installed (no "mvn" on PATH), and it fetches the local Kafka\'s jars the first time.',
      `Install Maven (Debian/Ubuntu: sudo apt-get install -y maven; macOS: brew install maven), ${USE_YOUR_KAFKA}.`,
    );
  }
}

/** "17" from `openjdk version "17.0.15"`, "8" from `java version "1.8.0_371"`. */
export function javaMajorVersion(versionOutput: string): number | undefined {
  const version = /version "([^"]+)"/.exec(versionOutput)?.[1];
  if (version === undefined) return undefined;
  const [first, second] = version.split(/[._-]/).map(Number);
  return first === 1 ? second : first;
}
