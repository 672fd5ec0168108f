import { stageLanes, type PipelineDocument, type StageNode } from '@duto/model';
import { stageLook, type DesignerCatalog } from '../catalog/stage-catalog';
import { edgeId } from '../state/edge-ids';
import type { Selection } from '../state/editor-store';
import type { LocatedIssue } from '../validation/located-issue';
import type { ConnectionFlowEdge, StageFlowNode } from './flow-types';

/**
 * The pipeline document as React Flow nodes and edges. The document is the one source
 * of truth; the canvas adds only what is transient (positions mid-drag, measured sizes).
 * A node object is reused when nothing it shows changed, so that React Flow re-renders
 * only the stages that did change (a 300-stage pipeline stays smooth while one moves).
 */

export interface NodeInputs {
  document: PipelineDocument;
  catalog: DesignerCatalog;
  selection: Selection;
  issues: ReadonlyMap<string, readonly LocatedIssue[]>;
  readOnly: boolean;
  /** Positions of stages being dragged, not yet in the document. */
  dragged: ReadonlyMap<string, { x: number; y: number }>;
  measured: ReadonlyMap<string, { width: number; height: number }>;
}

export type NodeCache = Map<string, StageFlowNode>;

const NO_ISSUES: readonly LocatedIssue[] = [];
const NO_LANES: readonly string[] = [];

/** Where a stage without a saved position goes: a grid, left to right, in document order. */
export function fallbackPosition(index: number): { x: number; y: number } {
  return { x: 80 + (index % 6) * 280, y: 80 + Math.floor(index / 6) * 160 };
}

export function buildStageNodes(inputs: NodeInputs, cache: NodeCache): StageFlowNode[] {
  const { document, catalog, selection, issues, readOnly, dragged, measured } = inputs;
  const usedLanes = lanesUsedByEdges(document);
  const nodes = document.stages.map((stage, index) => {
    const definition = catalog.catalog.get(stage.type);
    const lanes = definition ? stageLanes(definition, stage.config) : undefined;
    const used = usedLanes.get(stage.id);
    const staleLanes = used ? [...used].filter((lane) => !lanes?.includes(lane)) : NO_LANES;
    const candidate: StageFlowNode = {
      id: stage.id,
      type: 'stage',
      position: dragged.get(stage.id) ?? stage.position ?? fallbackPosition(index),
      selected: selection.stages.has(stage.id),
      draggable: !readOnly,
      connectable: !readOnly,
      data: {
        stage,
        look: stageLook(catalog.entry(stage.type), stage.type),
        lanes,
        staleLanes,
        issues: issues.get(stage.id) ?? NO_ISSUES,
        readOnly,
      },
    };
    const size = measured.get(stage.id);
    if (size) candidate.measured = size;
    const previous = cache.get(stage.id);
    if (!previous) return candidate;
    if (sameData(previous, candidate)) {
      // Same content, only placement changed: the node component keeps its props and skips rendering.
      candidate.data = previous.data;
      return samePlacement(previous, candidate) ? previous : candidate;
    }
    return candidate;
  });
  cache.clear();
  for (const node of nodes) cache.set(node.id, node);
  return nodes;
}

function samePlacement(a: StageFlowNode, b: StageFlowNode): boolean {
  return (
    a.position.x === b.position.x &&
    a.position.y === b.position.y &&
    a.selected === b.selected &&
    a.draggable === b.draggable &&
    a.measured?.width === b.measured?.width &&
    a.measured?.height === b.measured?.height
  );
}

function sameData(a: StageFlowNode, b: StageFlowNode): boolean {
  return (
    a.data.stage === b.data.stage &&
    a.data.readOnly === b.data.readOnly &&
    a.data.look.label === b.data.look.label &&
    sameList(a.data.lanes, b.data.lanes) &&
    sameList(a.data.staleLanes, b.data.staleLanes) &&
    sameList(
      a.data.issues.map((i) => i.message + i.path),
      b.data.issues.map((i) => i.message + i.path),
    )
  );
}

function sameList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a.length !== b.length) return false;
  return a.every((item, i) => item === b[i]);
}

function lanesUsedByEdges(document: PipelineDocument): Map<string, Set<string>> {
  const used = new Map<string, Set<string>>();
  for (const edge of document.edges) {
    if (edge.lane === undefined) continue;
    const lanes = used.get(edge.from) ?? new Set<string>();
    lanes.add(edge.lane);
    used.set(edge.from, lanes);
  }
  return used;
}

export type EdgeCache = Map<string, ConnectionFlowEdge>;

export function buildConnectionEdges(document: PipelineDocument, selection: Selection, readOnly: boolean, cache: EdgeCache): ConnectionFlowEdge[] {
  const edges = document.edges.map((edge) => {
    const id = edgeId(edge);
    const selected = selection.edges.has(id);
    const previous = cache.get(id);
    if (previous && previous.selected === selected && previous.deletable === !readOnly) return previous;
    const flowEdge: ConnectionFlowEdge = {
      id,
      type: 'connection',
      source: edge.from,
      target: edge.to,
      sourceHandle: edge.lane ?? null,
      targetHandle: null,
      selected,
      deletable: !readOnly,
      data: edge.lane === undefined ? {} : { lane: edge.lane },
    };
    return flowEdge;
  });
  cache.clear();
  for (const edge of edges) cache.set(edge.id, edge);
  return edges;
}

/** A new stage as the palette makes it: defaults of its config filled in. */
export function newStage(id: string, type: string, config: Record<string, unknown>, position: { x: number; y: number }): StageNode {
  return { id, type, config, position: { x: Math.round(position.x), y: Math.round(position.y) } };
}
