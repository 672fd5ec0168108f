import { memo, useMemo } from 'react';
import { Line } from 'recharts';
import { formatMs, SERIES_COLORS, STAGE_COLORS } from './chart-format';
import { everyStageBatchRows, stageBatchRows } from './series';
import type { SeriesStore } from './series-store';
import { TimeChart } from './TimeChart';
import { useSeriesPoints } from './useSeriesPoints';

interface BatchTimeChartProps {
  store: SeriesStore;
  /** One stage: its p50 and p99; none: the p99 of every stage, to find the slow one. */
  stageId: string | undefined;
  stageNames: ReadonlyMap<string, string>;
}

export const BatchTimeChart = memo(function BatchTimeChart({ store, stageId, stageNames }: BatchTimeChartProps) {
  const points = useSeriesPoints(store);
  const rows = useMemo(() => (stageId === undefined ? everyStageBatchRows(points) : stageBatchRows(points, stageId)), [points, stageId]);
  const common = { end: store.now(), rows, formatValue: formatMs, testId: 'batch-time-chart', empty: 'No batches in the last 15 minutes.' };
  if (stageId !== undefined) {
    const last = (rows as ReturnType<typeof stageBatchRows>)[rows.length - 1];
    return (
      <TimeChart {...common} title={`Batch time · ${stageNames.get(stageId) ?? stageId}`} summary={last ? `Latest batch time: p50 ${formatMs(last.p50)}, p99 ${formatMs(last.p99)}.` : ''}>
        <Line dataKey="p50" name="p50" stroke={SERIES_COLORS.p50} dot={false} strokeWidth={2} isAnimationActive={false} />
        <Line dataKey="p99" name="p99" stroke={SERIES_COLORS.p99} dot={false} strokeWidth={2} isAnimationActive={false} />
      </TimeChart>
    );
  }
  const ids = [...stageNames.keys()];
  return (
    <TimeChart {...common} title="Batch time p99 · every stage" summary="The p99 batch time of each stage over the last 15 minutes; the stage table lists the latest values.">
      {ids.map((id, index) => (
        <Line
          key={id}
          dataKey={(row: { p99: Record<string, number> }) => row.p99[id]}
          name={stageNames.get(id) ?? id}
          stroke={STAGE_COLORS[index % STAGE_COLORS.length]}
          dot={false}
          strokeWidth={2}
          isAnimationActive={false}
          connectNulls
        />
      ))}
    </TimeChart>
  );
});
