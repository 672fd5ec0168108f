import { create } from 'zustand';
import type { PipelineDocument, PreviewResult } from '@duto/model';
import type { LocatedIssue } from '../validation/located-issue';

export interface PreviewOptions {
  /** Read records from the origin, or run the records the user pasted. */
  source: 'origin' | 'pasted';
  timeoutMs: number;
  maxRecords: number;
  pastedText: string;
  /** The origin to read, when the pipeline has several; unset: the first. */
  originId?: string;
}

export interface PreviewState {
  /** Preview mode is on: the panel shows, and the nodes show the preview's counts. */
  active: boolean;
  options: PreviewOptions;
  running?: AbortController;
  result?: PreviewResult;
  /** The draft the result was made from: an edit since then makes it stale. */
  ranOn?: PipelineDocument;
  /** Why the server refused the draft, by place in it. */
  problems?: readonly LocatedIssue[];
  failure?: string;
  setActive: (active: boolean) => void;
  setOptions: (options: Partial<PreviewOptions>) => void;
  reset: () => void;
}

const DEFAULT_PREVIEW_OPTIONS: PreviewOptions = { source: 'origin', timeoutMs: 5000, maxRecords: 20, pastedText: '' };

const EMPTY = { active: false, options: DEFAULT_PREVIEW_OPTIONS, running: undefined, result: undefined, ranOn: undefined, problems: undefined, failure: undefined };

/** Preview mode of the open pipeline. Module-wide like the run store: one designer is open at a time. */
export const usePreviewStore = create<PreviewState>()((set, get) => ({
  ...EMPTY,
  setActive: (active) => {
    if (!active) get().running?.abort();
    set({ active });
  },
  setOptions: (options) => set({ options: { ...get().options, ...options } }),
  reset: () => {
    get().running?.abort();
    set(EMPTY);
  },
}));

/** A stage's counts in the shown preview, while preview mode is on. */
export function selectPreviewCounts(stageId: string) {
  return (state: PreviewState) => {
    const stage = state.active ? state.result?.stages[stageId] : undefined;
    return stage && `${stage.input.length}:${stage.output.length}:${stage.errors.length}`;
  };
}
