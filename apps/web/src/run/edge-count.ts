import type { MetricsSnapshot, PreviewResult } from '@duto/model';
import { isActiveState } from './run-store';

/**
 * The snapshot whose counts the canvas shows: none for a pipeline that is not running
 * and has counted nothing (a new one, whose snapshot is all zeros), so that a canvas
 * being designed is not covered in zeros. A run's counts stay after it stops.
 */
export function countedSnapshot(snapshot: MetricsSnapshot | undefined): MetricsSnapshot | undefined {
  if (!snapshot) return undefined;
  const { state, totals } = snapshot;
  return isActiveState(state) || totals.in > 0 || totals.out > 0 || totals.errors > 0 ? snapshot : undefined;
}

/**
 * The records that went along one connection: what its source passed on, or, for a
 * connection leaving a named lane, what the source sent to that lane. Undefined when the
 * snapshot does not tell (no run yet, or a server that does not count per lane).
 */
export function edgeCount(snapshot: MetricsSnapshot | undefined, source: string, lane: string | undefined): number | undefined {
  const stage = snapshot?.stages[source];
  if (!stage) return undefined;
  if (lane === undefined) return stage.out;
  if (!stage.lanes) return undefined;
  // A lane nothing has gone to yet may be missing from the counts.
  return stage.lanes[lane] ?? 0;
}

/** The same for the shown preview: the records the source passed on (to the lane) in it. */
export function previewEdgeCount(result: PreviewResult | undefined, source: string, lane: string | undefined): number | undefined {
  const stage = result?.stages[source];
  if (!stage) return undefined;
  return lane === undefined ? stage.output.length : stage.output.filter((out) => out.lane === lane).length;
}
