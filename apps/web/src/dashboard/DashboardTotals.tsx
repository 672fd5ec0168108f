import type { ReactNode } from 'react';
import type { MetricsSnapshot } from '@duto/model';
import { exactCount, formatCount } from '../format/count';
import { useLiveMetrics } from '../live/useLive';
import { useRunStore } from '../run/run-store';
import { StateBadge } from '../ui/StateBadge';
import { formatRate } from './chart-format';
import { Uptime } from './Uptime';

/** The run at a glance: state, uptime, and the totals since it started. Each figure re-renders on its own. */
export function DashboardTotals({ pipelineId }: { pipelineId: string }) {
  const status = useRunStore((s) => s.status);
  return (
    <section className="dashboard-totals" aria-label="Totals since the run started">
      <Stat label="State">{status ? <StateBadge state={status.state} /> : '—'}</Stat>
      <Stat label="Uptime">
        <Uptime status={status} />
      </Stat>
      <LiveFigure pipelineId={pipelineId} label="Records in" name="in" pick={(s) => s?.totals.in} />
      <LiveFigure pipelineId={pipelineId} label="Records out" name="out" pick={(s) => s?.totals.out} />
      <LiveFigure pipelineId={pipelineId} label="Errors" name="errors" pick={(s) => s?.totals.errors} />
      <LiveFigure pipelineId={pipelineId} label="Records/s now" name="rate" pick={(s) => s?.totals.recordsPerSec} rate />
    </section>
  );
}

function Stat({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="stat">
      <div className="stat-label">{label}</div>
      <div className="stat-value">{children}</div>
    </div>
  );
}

interface LiveFigureProps {
  pipelineId: string;
  label: string;
  name: string;
  pick: (snapshot: MetricsSnapshot | undefined) => number | undefined;
  rate?: boolean;
}

function LiveFigure({ pipelineId, label, name, pick, rate = false }: LiveFigureProps) {
  const value = useLiveMetrics(pipelineId, pick);
  return (
    <Stat label={label}>
      <span data-testid={`dashboard-total-${name}`} data-value={value} title={value === undefined ? undefined : exactCount(value)} className={name === 'errors' && value ? 'stat-errors' : undefined}>
        {value === undefined ? '—' : rate ? formatRate(value) : formatCount(value)}
      </span>
    </Stat>
  );
}
