import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { MetricsSnapshot } from '@duto/model';
import { exactCount, formatCount } from '../format/count';
import { useLiveMetrics } from '../live/useLive';
import { TableHead } from '../ui/TableHead';
import { SERIES_COLORS } from './chart-format';

const NO_LAG: MetricsSnapshot['kafkaLag'] = {};

/** Consumer lag per topic partition of the Kafka origins, now: a bar each, and the numbers in a table. */
export function KafkaLag({ pipelineId }: { pipelineId: string }) {
  const lag = useLiveMetrics(pipelineId, (snapshot) => snapshot?.kafkaLag ?? NO_LAG);
  const rows = Object.entries(lag)
    .map(([partition, records]) => ({ partition, records }))
    .sort((a, b) => a.partition.localeCompare(b.partition, undefined, { numeric: true }));
  return (
    <figure className="chart-card" data-testid="kafka-lag">
      <figcaption className="chart-title">Kafka consumer lag per partition</figcaption>
      {rows.length === 0 ? (
        <p className="chart-empty muted">No lag reported: the pipeline is not running, or its consumers have not joined yet.</p>
      ) : (
        <>
          <div aria-hidden="true">
            <ResponsiveContainer width="100%" height={Math.min(220, 40 + rows.length * 24)}>
              <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                <XAxis type="number" tickFormatter={formatCount} allowDecimals={false} />
                <YAxis type="category" dataKey="partition" width={140} />
                <Tooltip formatter={(value) => `${exactCount(Number(value))} records`} isAnimationActive={false} />
                <Bar dataKey="records" name="lag" fill={SERIES_COLORS.in} isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <table className="data-table compact">
            <TableHead columns={['Topic / partition', { label: 'Lag (records)', className: 'numeric' }]} />
            <tbody>
              {rows.map((row) => (
                <tr key={row.partition} data-testid="kafka-lag-row">
                  <td className="input-code">{row.partition}</td>
                  <td className="numeric">{exactCount(row.records)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </figure>
  );
}
