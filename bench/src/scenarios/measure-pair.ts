import type { PipelineDocument } from '@duto/model';
import { drainRate, reachCount } from '../measure';
import { BaselineProcess } from '../processes/baseline-process';
import { RunnerProcess } from '../processes/runner-process';
import type { RunFigures } from '../report';
import type { BenchContext } from './context';

/** Where a run's records arrive: exactly `expected` of them, counted by `count`. */
export interface Arrival {
  expected: number;
  count: () => Promise<number>;
}

/**
 * Runs a pipeline in a runner process and takes its rate from the moment it is running
 * until the last record arrives; then stops it (its batch in flight is committed) and checks its
 * own counts.
 */
export async function measurePipeline(
  context: BenchContext,
  pipelineId: string,
  document: PipelineDocument,
  arrival: Arrival,
  lakeDir = '/nonexistent',
): Promise<RunFigures> {
  const runner = await RunnerProcess.start({
    pipelineId,
    document,
    kafkaBrokers: context.kafkaBrokers,
    lakeDir,
    ...(context.profileDir ? { profileDir: context.profileDir } : {}),
  });
  try {
    const started = performance.now();
    const lastAt = await reachCount(`${pipelineId} (Duto)`, arrival.count, arrival.expected, runner.failure);
    const { usage, snapshot, errorRecords } = await runner.stop();
    const { totals } = snapshot;
    if (totals.in !== arrival.expected || totals.out !== arrival.expected || totals.errors !== 0 || errorRecords !== 0) {
      throw new Error(`${pipelineId}: the runner counted in ${totals.in}, out ${totals.out}, errors ${totals.errors}; expected ${arrival.expected} each way`);
    }
    const batchTimes = Object.entries(snapshot.stages).map(([id, stage]) => `${id} ${stage.batchMs.p50}/${stage.batchMs.p99}`);
    context.log(`${pipelineId}: batch ms p50/p99 per stage: ${batchTimes.join(', ')}`);
    return figures(arrival.expected, lastAt, started, usage);
  } finally {
    runner.kill();
  }
}

/** Runs a baseline process and takes its rate the same way. */
export async function measureBaseline(context: BenchContext, name: string, config: unknown, arrival: Arrival): Promise<RunFigures> {
  const baseline = await BaselineProcess.start(name, config, context.profileDir);
  try {
    const started = performance.now();
    const lastAt = await reachCount(`${name} (baseline)`, arrival.count, arrival.expected, baseline.failure);
    const { usage, records } = await baseline.stop();
    if (records !== arrival.expected) throw new Error(`${name}: the baseline carried ${records} records, expected ${arrival.expected}`);
    return figures(arrival.expected, lastAt, started, usage);
  } finally {
    baseline.kill();
  }
}

function figures(records: number, lastAt: number, readyAt: number, usage: { peakRssMb: number; cpuSeconds: number }): RunFigures {
  return { records, recordsPerSec: drainRate(records, readyAt, lastAt), peakRssMb: usage.peakRssMb, cpuSeconds: usage.cpuSeconds };
}

/**
 * Runs Duto and its baseline `runs` times, alternately (Duto, baseline, Duto, …), so that
 * a change in the machine's load hits both alike, and keeps for each the median run (by
 * rate, or by p99 latency where latency is measured) with the median CPU time and the
 * highest peak RSS of all runs.
 */
export async function alternate(
  runs: number,
  duto: (run: number) => Promise<RunFigures>,
  baseline: (run: number) => Promise<RunFigures>,
): Promise<{ duto: RunFigures; baseline: RunFigures }> {
  const dutoRuns: RunFigures[] = [];
  const baselineRuns: RunFigures[] = [];
  for (let run = 0; run < runs; run++) {
    dutoRuns.push(await duto(run));
    baselineRuns.push(await baseline(run));
  }
  return { duto: combine(dutoRuns), baseline: combine(baselineRuns) };
}

function combine(runs: RunFigures[]): RunFigures {
  const rank = (r: RunFigures) => (r.latency ? r.latency.p99Ms : r.recordsPerSec);
  const sorted = [...runs].sort((a, b) => rank(a) - rank(b));
  const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
  const cpu = runs.map((r) => r.cpuSeconds).sort((a, b) => a - b);
  return { ...median, cpuSeconds: cpu[Math.floor((cpu.length - 1) / 2)]!, peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)) };
}
