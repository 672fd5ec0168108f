import type { MetricsSnapshot, StageCatalog } from '@duto/model';
import { PipelineMetrics } from '@duto/engine';
import type { PipelineStore } from '../store/pipeline-store';
import type { RunStore } from '../store/run-store';
import type { Supervisor } from '../runner/supervisor';

/** The current snapshot of a pipeline, or undefined when no pipeline has that id. */
export type SnapshotReader = (pipelineId: string) => MetricsSnapshot | undefined;

/**
 * The last snapshot of the pipeline's last run with its current state, or all zeros for a
 * pipeline that never ran, so that every reader (REST, WebSocket, Prometheus) agrees.
 */
export function createSnapshotReader(store: PipelineStore, runs: RunStore, supervisor: Supervisor, catalog: StageCatalog): SnapshotReader {
  return (pipelineId) => {
    const pipeline = store.get(pipelineId);
    const status = runs.status(pipelineId);
    if (!pipeline || !status) return undefined;
    const last = supervisor.snapshot(pipelineId);
    if (last) return { ...last, state: status.state };
    const stages = pipeline.document.stages;
    const ofCategory = (category: string) => stages.filter((s) => catalog.get(s.type)?.category === category).map((s) => s.id);
    return new PipelineMetrics(stages.map((s) => s.id), ofCategory('origin'), ofCategory('destination')).snapshot(pipelineId, status.state);
  };
}
