import { useCallback, useMemo, useRef, useState } from 'react';
import type { EdgeChange, NodeChange } from '@xyflow/react';
import type { DesignerCatalog } from '../catalog/stage-catalog';
import { useEditor, useEditorStore } from '../state/editor-context';
import { selectDocument } from '../state/editor-store';
import { moveStages, type Point } from '../state/document-ops';
import { issuesByStage } from '../validation/located-issue';
import { buildConnectionEdges, buildStageNodes, type EdgeCache, type NodeCache } from './flow-mapping';
import type { ConnectionFlowEdge, StageFlowNode } from './flow-types';

type Size = { width: number; height: number };

/**
 * Nodes and edges for React Flow, derived from the editor's document, and the handlers
 * that turn React Flow's changes back into editor actions: a finished drag is one
 * undoable move; a selection goes to the editor, which the side panel follows.
 */
export function useFlowElements(catalog: DesignerCatalog, readOnly: boolean) {
  const store = useEditorStore();
  const document = useEditor(selectDocument);
  const selection = useEditor((s) => s.selection);
  const issues = useEditor((s) => s.issues);
  const [dragged, setDragged] = useState<ReadonlyMap<string, Point>>(new Map());
  const [measured, setMeasured] = useState<ReadonlyMap<string, Size>>(new Map());
  const nodeCache = useRef<NodeCache>(new Map());
  const edgeCache = useRef<EdgeCache>(new Map());

  const stageIssues = useMemo(() => issuesByStage(issues), [issues]);
  const nodes = useMemo<StageFlowNode[]>(
    () => buildStageNodes({ document, catalog, selection, issues: stageIssues, readOnly, dragged, measured }, nodeCache.current),
    [document, catalog, selection, stageIssues, readOnly, dragged, measured],
  );
  const edges = useMemo<ConnectionFlowEdge[]>(
    () => buildConnectionEdges(document, selection, readOnly, edgeCache.current),
    [document, selection, readOnly],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<StageFlowNode>[]) => {
      const sizes = new Map<string, Size>();
      const moving = new Map<string, Point>();
      const finished = new Map<string, Point>();
      let selectedStages: Set<string> | undefined;
      for (const change of changes) {
        if (change.type === 'dimensions' && change.dimensions) sizes.set(change.id, change.dimensions);
        else if (change.type === 'position' && change.position) (change.dragging ? moving : finished).set(change.id, change.position);
        else if (change.type === 'select') {
          selectedStages ??= new Set(store.getState().selection.stages);
          if (change.selected) selectedStages.add(change.id);
          else selectedStages.delete(change.id);
        }
      }
      if (sizes.size > 0) setMeasured((current) => mergeSizes(current, sizes));
      if (moving.size > 0) setDragged((current) => new Map([...current, ...moving]));
      if (finished.size > 0) {
        store.getState().edit((doc) => moveStages(doc, finished));
        setDragged((current) => new Map([...current].filter(([id]) => !finished.has(id))));
      }
      if (selectedStages) store.getState().select({ ...store.getState().selection, stages: selectedStages });
    },
    [store],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<ConnectionFlowEdge>[]) => {
      let selectedEdges: Set<string> | undefined;
      for (const change of changes) {
        if (change.type !== 'select') continue;
        selectedEdges ??= new Set(store.getState().selection.edges);
        if (change.selected) selectedEdges.add(change.id);
        else selectedEdges.delete(change.id);
      }
      if (selectedEdges) store.getState().select({ ...store.getState().selection, edges: selectedEdges });
    },
    [store],
  );

  return { nodes, edges, onNodesChange, onEdgesChange };
}

function mergeSizes(current: ReadonlyMap<string, Size>, sizes: ReadonlyMap<string, Size>): ReadonlyMap<string, Size> {
  let changed = false;
  for (const [id, size] of sizes) {
    const known = current.get(id);
    if (known?.width !== size.width || known.height !== size.height) changed = true;
  }
  return changed ? new Map([...current, ...sizes]) : current;
}
