import { getPath, setPath, splitPath, type FieldValue } from '@duto/engine';

export type AggregateOp = 'count' | 'sum' | 'avg' | 'min' | 'max';

export interface Aggregation {
  op: AggregateOp;
  field?: string;
  as: string;
}

interface Window {
  start: number;
  key: unknown[];
  count: number;
  /** Per aggregation: the running sum, min and max of its field. */
  sums: number[];
  mins: number[];
  maxs: number[];
  seen: number[];
}

/**
 * Tumbling windows per key. A window closes when time passes its end; in event time that
 * is the newest record time seen, or the clock one window later when records stop coming.
 * A record later than its closed window opens the window again and is emitted with the
 * next results (a second, smaller result for that window).
 */
export class TumblingWindows {
  private readonly open = new Map<string, Window>();
  private readonly groupBy: string[][];
  private readonly fields: Array<string[] | undefined>;
  private watermark = -Infinity;

  constructor(
    private readonly windowMs: number,
    groupBy: string[],
    private readonly aggregations: Aggregation[],
    private readonly groupByNames: string[] = groupBy,
  ) {
    this.groupBy = groupBy.map(splitPath);
    this.fields = aggregations.map((a) => (a.field === undefined ? undefined : splitPath(a.field)));
  }

  /** Adds a record at time `at`; throws when a field to aggregate is not a number. */
  add(value: FieldValue, at: number): void {
    const numbers = this.fields.map((path, i) => {
      if (path === undefined) return undefined;
      const raw = getPath(value, path);
      if (raw === undefined || raw === null) return undefined;
      if (typeof raw !== 'number' || !Number.isFinite(raw)) {
        throw new Error(`field ${this.aggregations[i]!.field} is ${JSON.stringify(raw)}, not a number`);
      }
      return raw;
    });
    const start = Math.floor(at / this.windowMs) * this.windowMs;
    const key = this.groupBy.map((path) => getPath(value, path) ?? null);
    const id = `${start}\u0000${JSON.stringify(key)}`;
    let window = this.open.get(id);
    if (!window) {
      const n = this.aggregations.length;
      window = { start, key, count: 0, sums: Array(n).fill(0), mins: Array(n).fill(Infinity), maxs: Array(n).fill(-Infinity), seen: Array(n).fill(0) };
      this.open.set(id, window);
    }
    window.count++;
    numbers.forEach((number, i) => {
      if (number === undefined) return;
      window.sums[i]! += number;
      window.mins[i] = Math.min(window.mins[i]!, number);
      window.maxs[i] = Math.max(window.maxs[i]!, number);
      window.seen[i]!++;
    });
    this.watermark = Math.max(this.watermark, at);
  }

  /** Results of the windows that closed by `now` (all of them when `final`), oldest first. */
  close(now: number, eventTime: boolean, final: boolean): FieldValue[] {
    const horizon = final ? Infinity : eventTime ? Math.max(this.watermark, now - this.windowMs) : now;
    const closed = [...this.open].filter(([, w]) => w.start + this.windowMs <= horizon).sort((a, b) => a[1].start - b[1].start);
    return closed.map(([id, window]) => {
      this.open.delete(id);
      return this.result(window);
    });
  }

  get size(): number {
    return this.open.size;
  }

  private result(window: Window): FieldValue {
    let value: FieldValue = {
      windowStart: new Date(window.start).toISOString(),
      windowEnd: new Date(window.start + this.windowMs).toISOString(),
    };
    this.groupByNames.forEach((name, i) => (value = setPath(value, name, window.key[i])));
    this.aggregations.forEach((aggregation, i) => {
      const seen = window.seen[i]!;
      const statistic =
        aggregation.op === 'count'
          ? aggregation.field === undefined
            ? window.count
            : seen
          : seen === 0
            ? null
            : aggregation.op === 'sum'
              ? window.sums[i]!
              : aggregation.op === 'avg'
                ? window.sums[i]! / seen
                : aggregation.op === 'min'
                  ? window.mins[i]!
                  : window.maxs[i]!;
      value = setPath(value, [aggregation.as], statistic);
    });
    return value;
  }
}
