import { createStore, type StoreApi } from 'zustand/vanilla';
import type { PipelineDocument } from '@duto/model';
import type { LocatedIssue } from '../validation/located-issue';
import { record, redo, startHistory, undo, type History } from './history';

export interface Selection {
  stages: ReadonlySet<string>;
  edges: ReadonlySet<string>;
}

export const NOTHING_SELECTED: Selection = { stages: new Set(), edges: new Set() };

export interface EditorState {
  pipelineId: string;
  history: History<PipelineDocument>;
  /** The newest version on the server as this editor knows it. */
  saved: { document: PipelineDocument; version: number };
  selection: Selection;
  issues: readonly LocatedIssue[];
  /** Where the problems came from: the browser's check of the draft, or the server. */
  issuesSource: 'draft' | 'server';
  /** The document the problems were found in: a stage edited since then may have fixed them. */
  issuesFor?: PipelineDocument;
  /** A request to bring a stage into view; the nonce repeats a request for the same stage. */
  focus?: { stageId?: string; fieldPath?: string; nonce: number };

  /** Applies an edit as one undoable step (edits with the same coalesce key in a row merge). */
  edit: (change: (document: PipelineDocument) => PipelineDocument, coalesceKey?: string) => void;
  undo: () => void;
  redo: () => void;
  select: (selection: Selection) => void;
  /** Replaces everything with a version from the server (open, reload). */
  load: (document: PipelineDocument, version: number) => void;
  markSaved: (document: PipelineDocument, version: number) => void;
  setIssues: (issues: readonly LocatedIssue[], source: 'draft' | 'server', checked: PipelineDocument) => void;
  /** Selects a stage (or, without one, the pipeline's settings) and asks the views to show it and the field. */
  focusOn: (target: { stageId?: string; fieldPath?: string }) => void;
}

export type EditorStore = StoreApi<EditorState>;

export function createEditorStore(pipelineId: string, document: PipelineDocument, version: number): EditorStore {
  return createStore<EditorState>()((set, get) => ({
    pipelineId,
    history: startHistory(document),
    saved: { document, version },
    selection: NOTHING_SELECTED,
    issues: [],
    issuesSource: 'draft',

    edit: (change, coalesceKey) => {
      const { history } = get();
      const next = change(history.present);
      if (next !== history.present) set({ history: record(history, next, coalesceKey) });
    },
    undo: () => set(({ history }) => ({ history: undo(history) })),
    redo: () => set(({ history }) => ({ history: redo(history) })),
    select: (selection) => set({ selection }),
    load: (loaded, loadedVersion) =>
      set({ history: startHistory(loaded), saved: { document: loaded, version: loadedVersion }, selection: NOTHING_SELECTED, issues: [] }),
    markSaved: (savedDocument, savedVersion) => set({ saved: { document: savedDocument, version: savedVersion } }),
    setIssues: (issues, issuesSource, issuesFor) => set({ issues, issuesSource, issuesFor }),
    focusOn: (target) =>
      set(({ focus }) => ({
        focus: { ...target, nonce: (focus?.nonce ?? 0) + 1 },
        selection: target.stageId === undefined ? NOTHING_SELECTED : { stages: new Set([target.stageId]), edges: new Set() },
      })),
  }));
}

export const selectDocument = (state: EditorState) => state.history.present;
export const selectDirty = (state: EditorState) => state.history.present !== state.saved.document;
