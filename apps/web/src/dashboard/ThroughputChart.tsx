import { memo, useMemo } from 'react';
import { Line } from 'recharts';
import { formatRate, SERIES_COLORS } from './chart-format';
import { throughputRows } from './series';
import type { SeriesStore } from './series-store';
import { TimeChart } from './TimeChart';
import { useSeriesPoints } from './useSeriesPoints';

/** Records per second in, out and failed over the last 15 minutes: of the pipeline, or of one stage. */
export const ThroughputChart = memo(function ThroughputChart({ store, stageId, scopeName }: { store: SeriesStore; stageId: string | undefined; scopeName: string }) {
  const points = useSeriesPoints(store);
  const rows = useMemo(() => throughputRows(points, stageId), [points, stageId]);
  const last = rows[rows.length - 1];
  return (
    <TimeChart
      title={`Records per second · ${scopeName}`}
      testId="throughput-chart"
      rows={rows}
      end={store.now()}
      formatValue={formatRate}
      summary={last ? `Latest: ${formatRate(last.in)} in, ${formatRate(last.out)} out, ${formatRate(last.errors)} errors per second.` : ''}
      empty="No records in the last 15 minutes. Start the pipeline to see them here."
    >
      <Line dataKey="in" name="in/s" stroke={SERIES_COLORS.in} dot={false} strokeWidth={2} isAnimationActive={false} />
      <Line dataKey="out" name="out/s" stroke={SERIES_COLORS.out} dot={false} strokeWidth={2} isAnimationActive={false} />
      <Line dataKey="errors" name="errors/s" stroke={SERIES_COLORS.errors} dot={false} strokeWidth={2} isAnimationActive={false} />
    </TimeChart>
  );
});
