import type { MetricsSnapshot, RunState, StageMetrics } from '@duto/model';

const RESERVOIR = 512;
const RATE_WINDOW_MS = 5000;

interface StageCounters {
  in: number;
  out: number;
  errors: number;
  /** The last batch durations, a ring. */
  durations: number[];
  next: number;
  /** Records sent out per named output, for stages with lanes. */
  lanes?: Map<string, number>;
}

interface Sample {
  at: number;
  totalIn: number;
  stageIn: Map<string, number>;
}

/**
 * Counters per stage, kept by the engine around each stage call (stages never count
 * themselves), and the snapshot of the contract: totals, per-stage rates and batch-time
 * percentiles, Kafka lag.
 */
export class PipelineMetrics {
  private readonly stages = new Map<string, StageCounters>();
  private readonly lag = new Map<string, number>();
  private readonly samples: Sample[] = [];

  constructor(
    stageIds: string[],
    private readonly originIds: string[],
    private readonly destinationIds: string[],
    private readonly now: () => number = Date.now,
  ) {
    for (const id of stageIds) this.stages.set(id, { in: 0, out: 0, errors: 0, durations: [], next: 0 });
  }

  record(stageId: string, counts: { in?: number; out?: number; errors?: number }, batchMs?: number): void {
    const stage = this.stages.get(stageId);
    if (!stage) return;
    stage.in += counts.in ?? 0;
    stage.out += counts.out ?? 0;
    stage.errors += counts.errors ?? 0;
    if (batchMs !== undefined) {
      stage.durations[stage.next] = batchMs;
      stage.next = (stage.next + 1) % RESERVOIR;
    }
  }

  /** Counts, from now on, the records a stage sends to each of these named outputs. */
  declareLanes(stageId: string, lanes: string[]): void {
    const stage = this.stages.get(stageId);
    if (stage) stage.lanes = new Map(lanes.map((lane) => [lane, 0]));
  }

  recordLanes(stageId: string, outputs: ReadonlyArray<{ lane?: string | undefined }>): void {
    const lanes = this.stages.get(stageId)?.lanes;
    if (!lanes) return;
    for (const { lane } of outputs) if (lane !== undefined) lanes.set(lane, (lanes.get(lane) ?? 0) + 1);
  }

  reportLag(topic: string, partition: number, lag: number): void {
    this.lag.set(`${topic}/${partition}`, Math.max(0, lag));
  }

  snapshot(pipelineId: string, state: RunState): MetricsSnapshot {
    const at = this.now();
    const totalIn = this.sum(this.originIds, 'out');
    const sample: Sample = { at, totalIn, stageIn: new Map([...this.stages].map(([id, s]) => [id, s.in])) };
    this.samples.push(sample);
    while (this.samples.length > 2 && at - this.samples[1]!.at >= RATE_WINDOW_MS) this.samples.shift();
    const oldest = this.samples[0]!;
    const seconds = (at - oldest.at) / 1000;
    const rate = (now: number, then: number) => (seconds > 0 ? round((now - then) / seconds) : 0);

    const stages: Record<string, StageMetrics> = {};
    for (const [id, s] of this.stages) {
      stages[id] = {
        in: s.in,
        out: s.out,
        errors: s.errors,
        recordsPerSec: rate(s.in, oldest.stageIn.get(id) ?? 0),
        batchMs: percentiles(s.durations),
        ...(s.lanes ? { lanes: Object.fromEntries(s.lanes) } : {}),
      };
    }
    return {
      pipelineId,
      at: new Date(at).toISOString(),
      state,
      totals: {
        in: totalIn,
        out: this.sum(this.destinationIds, 'in'),
        errors: [...this.stages.values()].reduce((n, s) => n + s.errors, 0),
        recordsPerSec: rate(totalIn, oldest.totalIn),
      },
      stages,
      kafkaLag: Object.fromEntries(this.lag),
    };
  }

  private sum(ids: string[], field: 'in' | 'out'): number {
    return ids.reduce((n, id) => n + (this.stages.get(id)?.[field] ?? 0), 0);
  }
}

function percentiles(durations: number[]): { p50: number; p99: number } {
  if (durations.length === 0) return { p50: 0, p99: 0 };
  const sorted = [...durations].sort((a, b) => a - b);
  const at = (q: number) => round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!);
  return { p50: at(0.5), p99: at(0.99) };
}

const round = (n: number) => Math.round(n * 100) / 100;
