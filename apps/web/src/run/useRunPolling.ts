import { useEffect } from 'react';
import { api } from '../api/client';
import { isActiveState, useRunStore } from './run-store';

const STATUS_IDLE_MS = 3000;
const ACTIVE_MS = 1000;

/**
 * Polls the run state, and the metrics every second while the pipeline runs. The last
 * metrics stay after a stop, so the counts of a run do not vanish with it.
 */
export function useRunPolling(pipelineId: string, onProblem: (message: string | undefined) => void): void {
  const state = useRunStore((s) => s.status?.state);
  const active = isActiveState(state);

  useEffect(() => {
    useRunStore.getState().reset();
  }, [pipelineId]);

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      try {
        const status = await api.status(pipelineId);
        if (!live) return;
        useRunStore.getState().setStatus(status);
        if (isActiveState(status.state) || active) {
          const metrics = await api.metrics(pipelineId);
          if (live) useRunStore.getState().setMetrics(metrics);
        }
        onProblem(undefined);
      } catch (error) {
        if (live) onProblem(error instanceof Error ? error.message : String(error));
      }
      if (live) timer = setTimeout(() => void tick(), active ? ACTIVE_MS : STATUS_IDLE_MS);
    };
    void tick();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [pipelineId, active, onProblem]);
}
