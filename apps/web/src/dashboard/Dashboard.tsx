import { useEffect, useMemo, useState } from 'react';
import '../styles/monitoring.css';
import { api, describeError } from '../api/client';
import type { DesignerCatalog } from '../catalog/stage-catalog';
import { useLiveEvents } from '../live/useLive';
import { useEditor } from '../state/editor-context';
import { selectDocument } from '../state/editor-store';
import { Notice } from '../ui/Notice';
import { AlertRules } from './AlertRules';
import { BatchTimeChart } from './BatchTimeChart';
import { DashboardTotals } from './DashboardTotals';
import { FiringAlerts } from './FiringAlerts';
import { KafkaLag } from './KafkaLag';
import { createSeriesStore, WINDOW_MS } from './series-store';
import { StageTable } from './StageTable';
import { ThroughputChart } from './ThroughputChart';
import { useAlerts } from './useAlerts';

/**
 * The pipeline's dashboard. It loads the last 15 minutes of history, then appends the
 * live snapshots to a series store outside React: this component renders once per
 * choice of the user, and only the charts and figures re-render as data arrives.
 */
export default function Dashboard({ pipelineId, catalog }: { pipelineId: string; catalog: DesignerCatalog }) {
  const document = useEditor(selectDocument);
  const [series] = useState(() => createSeriesStore());
  const [historyProblem, setHistoryProblem] = useState<string>();
  const [stageId, setStageId] = useState<string>();
  const { alerts, problem: alertsProblem, create, remove } = useAlerts(pipelineId);

  useLiveEvents(pipelineId, { snapshot: (snapshot) => series.addSnapshot(snapshot) });

  useEffect(() => {
    let live = true;
    api.metricsHistory(pipelineId, { resolution: '10s', since: new Date(series.now() - WINDOW_MS).toISOString() }).then(
      (history) => live && series.loadHistory(history.buckets),
      (error: unknown) => live && setHistoryProblem(describeError(error)),
    );
    return () => {
      live = false;
    };
  }, [pipelineId, series]);

  const stageNames = useMemo(() => new Map(document.stages.map((s) => [s.id, s.label ? `${s.label} (${s.id})` : s.id])), [document.stages]);
  const readsKafka = document.stages.some((s) => s.type === 'origin.kafka');
  const picked = stageId !== undefined && stageNames.has(stageId) ? stageId : undefined;
  const scopeName = picked === undefined ? 'whole pipeline' : stageNames.get(picked)!;

  return (
    <div className="dashboard" data-testid="dashboard">
      {alerts && <FiringAlerts alerts={alerts} />}
      {historyProblem && <Notice tone="warning">{`The history could not be loaded (${historyProblem}); the charts start from now.`}</Notice>}
      <DashboardTotals pipelineId={pipelineId} />
      <div className="dashboard-scope">
        <label className="field-inline">
          <span>Show</span>
          <select className="input" value={picked ?? ''} onChange={(e) => setStageId(e.target.value || undefined)} data-testid="dashboard-stage">
            <option value="">The whole pipeline</option>
            {document.stages.map((s) => (
              <option key={s.id} value={s.id}>
                {`${stageNames.get(s.id)} · ${catalog.entry(s.type)?.label ?? s.type}`}
              </option>
            ))}
          </select>
        </label>
        <span className="muted small">Last 15 minutes; history in 10 s steps, then live.</span>
      </div>
      <div className="dashboard-charts">
        <ThroughputChart store={series} stageId={picked} scopeName={scopeName} />
        <BatchTimeChart store={series} stageId={picked} stageNames={stageNames} />
        {readsKafka && <KafkaLag pipelineId={pipelineId} />}
      </div>
      <StageTable pipelineId={pipelineId} stages={document.stages} stageNames={stageNames} picked={picked} onPick={setStageId} />
      <AlertRules alerts={alerts} problem={alertsProblem} onCreate={create} onDelete={remove} />
    </div>
  );
}
