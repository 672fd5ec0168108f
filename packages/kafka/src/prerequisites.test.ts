import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { javaMajorVersion, LocalBrokerError, requireJava, requireMaven } from './prerequisites';

const scratch = mkdtempSync(join(tmpdir(), 'duto-prereq-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A PATH holding only the directory of the real `java`, so that Maven is missing from it. */
const javaOnlyPath = () => dirname(execFileSync('sh', ['-c', 'readlink -f "$(command -v java)"'], { encoding: 'utf8' }).trim());

describe('what the local Kafka needs on the machine', () => {
  it('explains a missing Java with the command that installs it and the way around it', () => {
    const error = catchError(() => requireJava({ PATH: join(scratch, 'empty') }));
    expect(error).toBeInstanceOf(LocalBrokerError);
    expect(error.message).toBe('Java is not installed (no "java" on PATH), and the local Kafka runs on it.');
    expect(error.fix).toMatch(/apt-get install -y openjdk-17-jre-headless/);
    expect(error.fix).toMatch(/KAFKA_BROKERS=host:9092/);
  });

  it('accepts the Java of this machine and refuses one older than 17', () => {
    expect(requireJava()).toBeGreaterThanOrEqual(17);
    writeFileSync(join(scratch, 'java'), '#!/bin/sh\necho \'java version "1.8.0_371"\' >&2\n');
    chmodSync(join(scratch, 'java'), 0o755);
    const error = catchError(() => requireJava({ PATH: scratch }));
    expect(error.message).toBe('Java 8 is installed, but Kafka 4 needs Java 17 or newer.');
  });

  it('explains a missing Maven', () => {
    const error = catchError(() => requireMaven({ PATH: javaOnlyPath() }));
    expect(error.message).toMatch(/^Maven is not installed/);
    expect(error.fix).toMatch(/apt-get install -y maven/);
    expect(() => requireMaven()).not.toThrow();
  });

  it('reads the major version of every java -version format', () => {
    expect(javaMajorVersion('openjdk version "17.0.15" 2025-04-15')).toBe(17);
    expect(javaMajorVersion('java version "1.8.0_371"')).toBe(8);
    expect(javaMajorVersion('openjdk version "21" 2023-09-19')).toBe(21);
    expect(javaMajorVersion('no version here')).toBeUndefined();
  });
});

function catchError(run: () => unknown): LocalBrokerError {
  try {
    run();
  } catch (error) {
    return error as LocalBrokerError;
  }
  throw new Error('expected an error');
}
