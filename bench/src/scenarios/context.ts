export interface BenchContext {
  /** Multiplies every scenario's size (1 = the sizes of issue 9). */
  scale: number;
  kafkaBrokers: string[];
  /** Where the runner and baseline processes write CPU profiles, when profiling. */
  profileDir?: string;
  /** Makes every topic, group, slot, table and folder of this run unique. */
  runId: string;
  log: (line: string) => void;
  /** Runs of Duto and of its baseline per scenario, alternately; the medians are kept. */
  runs: number;
  /** Length of the latency scenario's run, instead of 60 s × scale (a longer steady run). */
  latencySeconds?: number;
}

/** `base` scaled, a multiple of `step` (at least one step), so that records split evenly. */
export function scaled(base: number, scale: number, step = 20): number {
  return Math.max(step, Math.round((base * scale) / step) * step);
}
