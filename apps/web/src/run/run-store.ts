import { create } from 'zustand';
import type { MetricsSnapshot, PipelineStatus, RunState } from '@duto/model';

/**
 * Run state and the latest metrics of the open pipeline. Kept apart from the editor so
 * that a metrics tick re-renders only what shows a count, never the whole canvas.
 */
export interface RunStoreState {
  status?: PipelineStatus;
  metrics?: MetricsSnapshot;
  setStatus: (status: PipelineStatus) => void;
  setMetrics: (metrics: MetricsSnapshot) => void;
  reset: () => void;
}

export const useRunStore = create<RunStoreState>()((set) => ({
  setStatus: (status) => set({ status }),
  setMetrics: (metrics) => set({ metrics }),
  reset: () => set({ status: undefined, metrics: undefined }),
}));

/** Whether the pipeline is running or on its way in or out: the canvas is then read-only. */
export const isActiveState = (state: RunState | undefined) => state === 'STARTING' || state === 'RUNNING' || state === 'STOPPING';
