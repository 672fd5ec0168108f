import { create } from 'zustand';
import type { PipelineStatus, RunState } from '@duto/model';

/**
 * Run state of the open pipeline, kept apart from the editor so that a state change
 * re-renders only what shows it. (The counts come from the live connection.)
 */
export interface RunStoreState {
  status?: PipelineStatus;
  setStatus: (status: PipelineStatus) => void;
  reset: () => void;
}

export const useRunStore = create<RunStoreState>()((set) => ({
  setStatus: (status) => set({ status }),
  reset: () => set({ status: undefined }),
}));

/** Whether the pipeline is running or on its way in or out: the canvas is then read-only. */
export const isActiveState = (state: RunState | undefined) => state === 'STARTING' || state === 'RUNNING' || state === 'STOPPING';
