import type { ReactNode } from 'react';
import { CartesianGrid, Legend, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { clockTime, exactClockTime, timeTicks } from './chart-format';
import { WINDOW_MS } from './series-store';

interface TimeChartProps {
  title: string;
  testId: string;
  rows: ReadonlyArray<{ t: number }>;
  /** The server's time now: the chart spans the 15 minutes before it. */
  end: number;
  formatValue: (value: number) => string;
  /** Said to assistive technology instead of the drawing. */
  summary: string;
  empty: string;
  children: ReactNode;
}

/** A line chart over the last 15 minutes, drawn without animation: points stream in every few seconds. */
export function TimeChart({ title, testId, rows, end, formatValue, summary, empty, children }: TimeChartProps) {
  return (
    <figure className="chart-card" data-testid={testId} data-points={rows.length} data-from={rows[0]?.t}>
      <figcaption className="chart-title">{title}</figcaption>
      <p className="visually-hidden">{rows.length === 0 ? empty : summary}</p>
      {rows.length === 0 ? (
        <p className="chart-empty muted" aria-hidden="true">
          {empty}
        </p>
      ) : (
        <div aria-hidden="true">
          <ResponsiveContainer width="100%" height={220}>
            <LineChart data={rows as Array<{ t: number }>} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="t" type="number" scale="time" domain={[end - WINDOW_MS, end]} allowDataOverflow ticks={timeTicks(end - WINDOW_MS, end)} tickFormatter={clockTime} />
              <YAxis tickFormatter={formatValue} width={56} />
              <Tooltip labelFormatter={(label) => exactClockTime(Number(label))} formatter={(value) => formatValue(Number(value))} isAnimationActive={false} />
              <Legend />
              {children}
            </LineChart>
          </ResponsiveContainer>
        </div>
      )}
    </figure>
  );
}
