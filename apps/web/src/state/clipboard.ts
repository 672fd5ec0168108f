import type { Edge, PipelineDocument, StageNode } from '@duto/model';
import { newStageId } from './stage-ids';

/** What copy takes: the selected stages and the edges between them. */
export interface ClipboardContent {
  stages: StageNode[];
  edges: Edge[];
}

export function copySelection(document: PipelineDocument, selected: ReadonlySet<string>): ClipboardContent | undefined {
  const stages = document.stages.filter((s) => selected.has(s.id));
  if (stages.length === 0) return undefined;
  const edges = document.edges.filter((e) => selected.has(e.from) && selected.has(e.to));
  return { stages: structuredClone(stages), edges: structuredClone(edges) };
}

export const PASTE_OFFSET = 40;

/**
 * The clipboard's stages with new ids (from their types), moved by `offset`, and its
 * edges rewired to the new ids: ready to add to `document`.
 */
export function prepareStagesToPaste(document: PipelineDocument, content: ClipboardContent, offset: number): ClipboardContent {
  const taken = new Set(document.stages.map((s) => s.id));
  const renamed = new Map<string, string>();
  const stages = content.stages.map((stage) => {
    const id = newStageId(stage.type, taken);
    taken.add(id);
    renamed.set(stage.id, id);
    const position = stage.position ?? { x: 0, y: 0 };
    return { ...structuredClone(stage), id, position: { x: position.x + offset, y: position.y + offset } };
  });
  const edges = content.edges.map((edge) => ({ ...edge, from: renamed.get(edge.from)!, to: renamed.get(edge.to)! }));
  return { stages, edges };
}

/** Accepts text from the system clipboard only when it has the clipboard's shape. */
export function parseClipboardText(text: string): ClipboardContent | undefined {
  try {
    const value = JSON.parse(text) as { duto?: unknown; stages?: unknown; edges?: unknown };
    if (value.duto !== 'stages' || !Array.isArray(value.stages) || !Array.isArray(value.edges)) return undefined;
    const stages = value.stages.filter(isStage);
    if (stages.length === 0) return undefined;
    const ids = new Set(stages.map((s) => s.id));
    const edges = value.edges.filter(isEdge).filter((e) => ids.has(e.from) && ids.has(e.to));
    return { stages, edges };
  } catch {
    return undefined;
  }
}

export const clipboardText = (content: ClipboardContent) => JSON.stringify({ duto: 'stages', ...content }, null, 2);

function isStage(value: unknown): value is StageNode {
  if (value === null || typeof value !== 'object') return false;
  const stage = value as Partial<StageNode>;
  return typeof stage.id === 'string' && typeof stage.type === 'string' && stage.config !== null && typeof stage.config === 'object';
}

function isEdge(value: unknown): value is Edge {
  if (value === null || typeof value !== 'object') return false;
  const edge = value as Partial<Edge>;
  return typeof edge.from === 'string' && typeof edge.to === 'string' && (edge.lane === undefined || typeof edge.lane === 'string');
}
