import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface ProcessUsage {
  /** Peak resident set size (VmHWM), in MB. */
  peakRssMb: number;
  /** Current resident set size (VmRSS), in MB. */
  rssMb: number;
  /** User plus system CPU time, in seconds. */
  cpuSeconds: number;
}

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/**
 * A process's memory and CPU as the kernel counts them, read from /proc from outside, so
 * that the measured process runs unchanged. Undefined once the process is gone.
 */
export function readUsage(pid: number): ProcessUsage | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    // An exited process not yet reaped (a zombie) has no memory left to report.
    if (!status.includes('VmHWM:')) return undefined;
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return { peakRssMb: kbField(status, 'VmHWM') / 1024, rssMb: kbField(status, 'VmRSS') / 1024, cpuSeconds: ticks / CLOCK_TICKS };
  } catch {
    return undefined;
  }
}

function kbField(status: string, name: string): number {
  const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) : 0;
}

/**
 * Samples a process every `intervalMs` until it exits; `last` is the latest reading (peak
 * RSS and CPU only grow, so the last one before the exit holds the figures of the run),
 * `rssSeries` the resident size over time, to see growth in a steady run.
 */
export class UsageSampler {
  last: ProcessUsage | undefined;
  readonly rssSeries: Array<{ atMs: number; rssMb: number }> = [];
  private readonly timer: NodeJS.Timeout;
  private readonly startedAt = Date.now();

  constructor(
    private readonly pid: number,
    intervalMs = 250,
  ) {
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  sample(): void {
    const usage = readUsage(this.pid);
    if (!usage) return;
    this.last = usage;
    this.rssSeries.push({ atMs: Date.now() - this.startedAt, rssMb: usage.rssMb });
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
