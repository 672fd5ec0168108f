import type { StageNode } from '@duto/model';
import { exactCount, formatCount } from '../format/count';
import { useLiveMetrics } from '../live/useLive';
import { TableHead } from '../ui/TableHead';
import { formatMs, formatRate } from './chart-format';

interface StageTableProps {
  pipelineId: string;
  stages: readonly StageNode[];
  stageNames: ReadonlyMap<string, string>;
  picked: string | undefined;
  onPick: (stageId: string) => void;
}

/** Every stage's counts since the run started and its latest batch times; a stage's name picks it for the charts. */
export function StageTable({ pipelineId, stages, stageNames, picked, onPick }: StageTableProps) {
  const snapshot = useLiveMetrics(pipelineId);
  return (
    <section className="chart-card dashboard-stages" aria-label="Stages">
      <h2 className="chart-title">Stages</h2>
      <div className="table-scroll">
        <table className="data-table">
          <TableHead columns={['Stage', ...['In', 'Out', 'Errors', 'Records/s', 'Batch p50', 'Batch p99'].map((label) => ({ label, className: 'numeric' }))]} />
          <tbody>
            {stages.map((stage) => {
              const m = snapshot?.stages[stage.id];
              return (
                <tr key={stage.id} data-testid="dashboard-stage-row" data-stage-id={stage.id} aria-current={picked === stage.id || undefined}>
                  <th scope="row">
                    <button type="button" className="link-button" onClick={() => onPick(stage.id)} title="Chart this stage">
                      {stageNames.get(stage.id)}
                    </button>
                  </th>
                  <Count value={m?.in} />
                  <Count value={m?.out} />
                  <Count value={m?.errors} danger />
                  <td className="numeric">{m ? formatRate(m.recordsPerSec) : '—'}</td>
                  <td className="numeric">{m ? formatMs(m.batchMs.p50) : '—'}</td>
                  <td className="numeric">{m ? formatMs(m.batchMs.p99) : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Count({ value, danger = false }: { value: number | undefined; danger?: boolean }) {
  if (value === undefined) return <td className="numeric">—</td>;
  return (
    <td className={danger && value > 0 ? 'numeric stat-errors' : 'numeric'} title={exactCount(value)}>
      {formatCount(value)}
    </td>
  );
}
