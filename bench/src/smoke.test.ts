import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { describeMachine } from './machine';
import { writeResults, type PipelineResult } from './report';
import { runBench } from './run-bench';
import { scaled } from './scenarios/context';

/**
 * `pnpm bench` at a tiny scale, so that it cannot rot: every pipeline scenario runs its
 * runner and its baseline process against the real services and must deliver exactly its
 * records (the bench itself fails a run whose counts differ), and the results file comes
 * out in the shape of issue 9. The web scenario is left to the e2e designer performance test.
 */
const SCALE = 0.002;
const EXPECTED: Record<string, number> = {
  'kafka-expression-kafka': scaled(1_000_000, SCALE),
  'mqtt-kafka': scaled(200_000, SCALE),
  'kafka-datalake-parquet': scaled(1_000_000, SCALE),
  'postgres-cdc-kafka': scaled(100_000, SCALE),
  // Two seconds (the shortest run) at 5000 messages/s.
  'latency-mqtt-kafka': 10_000,
};
const dir = mkdtempSync(join(tmpdir(), 'duto-bench-smoke-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pnpm bench, smoke run', () => {
  it('runs each pipeline scenario and its baseline with exact record counts, and writes the results', async () => {
    const { results, failures } = await runBench({
      scale: SCALE,
      runs: 1,
      only: Object.keys(EXPECTED),
      kafkaBrokers: inject('kafkaBrokers'),
      log: () => {},
    });
    expect(failures).toEqual([]);
    const pipelines = results.filter((r): r is PipelineResult => r.kind === 'pipeline');
    expect(Object.fromEntries(pipelines.map((r) => [r.name, [r.duto.records, r.baseline.records]]))).toEqual(
      Object.fromEntries(Object.entries(EXPECTED).map(([name, records]) => [name, [records, records]])),
    );
    for (const { duto, baseline } of pipelines) {
      for (const figures of [duto, baseline]) {
        expect(figures.recordsPerSec).toBeGreaterThan(0);
        expect(figures.peakRssMb).toBeGreaterThan(0);
        expect(figures.cpuSeconds).toBeGreaterThan(0);
      }
    }
    expect(pipelines.find((r) => r.name === 'latency-mqtt-kafka')!.duto.latency!.p99Ms).toBeGreaterThan(0);

    const file = join(dir, 'results', 'latest.json');
    writeResults(file, results, describeMachine(), new Date('2026-11-26T00:00:00Z'));
    const written = JSON.parse(readFileSync(file, 'utf8'));
    expect(written.date).toBe('2026-11-26T00:00:00.000Z');
    expect(written.machine).toMatch(/\d+ cores, \d+ GB RAM, Node v\d+/);
    expect(written.scenarios.map((s: { name: string }) => s.name)).toEqual(Object.keys(EXPECTED));
    for (const scenario of written.scenarios) {
      expect(Object.keys(scenario)).toEqual(['name', 'recordsPerSec', 'baselineRecordsPerSec', 'ratio', 'p50Ms', 'p99Ms', 'peakRssMb', 'cpuSeconds']);
      expect(scenario.ratio).toBeCloseTo(scenario.recordsPerSec / scenario.baselineRecordsPerSec, 1);
    }
    const latency = written.scenarios.find((s: { name: string }) => s.name === 'latency-mqtt-kafka');
    expect(latency.p50Ms).toBeLessThanOrEqual(latency.p99Ms);
    expect(written.scenarios.find((s: { name: string }) => s.name === 'mqtt-kafka')).toMatchObject({ p50Ms: null, p99Ms: null });
  });
});
