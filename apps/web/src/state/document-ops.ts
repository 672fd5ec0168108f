import type { Edge, PipelineDocument, StageNode } from '@duto/model';
import { edgeId, sameConnection } from './edge-ids';

/**
 * Edits of a pipeline document, as pure functions: each returns a new document sharing
 * every untouched stage and edge with the old one, or the same document when nothing
 * changed (so that the history records no empty step and memoized nodes stay put).
 */

export type Point = { x: number; y: number };

export function addStages(document: PipelineDocument, stages: readonly StageNode[], edges: readonly Edge[] = []): PipelineDocument {
  if (stages.length === 0 && edges.length === 0) return document;
  return { ...document, stages: [...document.stages, ...stages], edges: [...document.edges, ...edges] };
}

export function addEdge(document: PipelineDocument, edge: Edge): PipelineDocument {
  if (document.edges.some((e) => sameConnection(e, edge))) return document;
  return { ...document, edges: [...document.edges, edge] };
}

/** Removes stages (with every edge that touches them) and edges by id. */
export function removeElements(document: PipelineDocument, stageIds: ReadonlySet<string>, edgeIds: ReadonlySet<string>): PipelineDocument {
  if (stageIds.size === 0 && edgeIds.size === 0) return document;
  const stages = document.stages.filter((s) => !stageIds.has(s.id));
  const edges = document.edges.filter((e) => !edgeIds.has(edgeId(e)) && !stageIds.has(e.from) && !stageIds.has(e.to));
  if (stages.length === document.stages.length && edges.length === document.edges.length) return document;
  return { ...document, stages, edges };
}

export function moveStages(document: PipelineDocument, positions: ReadonlyMap<string, Point>): PipelineDocument {
  let changed = false;
  const stages = document.stages.map((stage) => {
    const next = positions.get(stage.id);
    if (!next) return stage;
    const x = Math.round(next.x);
    const y = Math.round(next.y);
    if (stage.position?.x === x && stage.position.y === y) return stage;
    changed = true;
    return { ...stage, position: { x, y } };
  });
  return changed ? { ...document, stages } : document;
}

export function updateStage(document: PipelineDocument, id: string, update: (stage: StageNode) => StageNode): PipelineDocument {
  let changed = false;
  const stages = document.stages.map((stage) => {
    if (stage.id !== id) return stage;
    const next = update(stage);
    changed ||= next !== stage;
    return next;
  });
  return changed ? { ...document, stages } : document;
}

export function setStageConfig(document: PipelineDocument, id: string, config: Record<string, unknown>): PipelineDocument {
  return updateStage(document, id, (stage) => (stage.config === config ? stage : { ...stage, config }));
}

/** An empty label is no label: the node then shows the stage type's name. */
export function setStageLabel(document: PipelineDocument, id: string, label: string): PipelineDocument {
  return updateStage(document, id, (stage) => {
    if ((stage.label ?? '') === label) return stage;
    const { label: _old, ...rest } = stage;
    return label === '' ? rest : { ...rest, label };
  });
}

/** Gives a stage a new id and carries its edges along. */
export function renameStage(document: PipelineDocument, from: string, to: string): PipelineDocument {
  if (from === to) return document;
  return {
    ...document,
    stages: document.stages.map((s) => (s.id === from ? { ...s, id: to } : s)),
    edges: document.edges.map((e) => (e.from === from || e.to === from ? { ...e, from: e.from === from ? to : e.from, to: e.to === from ? to : e.to } : e)),
  };
}

/** Name, description, parameters and settings: the pipeline's own fields. */
export type PipelineFields = Pick<PipelineDocument, 'name' | 'description' | 'parameters' | 'settings'>;

export function setPipelineFields(document: PipelineDocument, fields: Partial<PipelineFields>): PipelineDocument {
  const next: PipelineDocument = { ...document };
  let changed = false;
  for (const key of ['name', 'description', 'parameters', 'settings'] as const) {
    if (!(key in fields) || fields[key] === document[key]) continue;
    changed = true;
    const value = fields[key];
    if (value === undefined) delete next[key];
    else Object.assign(next, { [key]: value });
  }
  return changed ? next : document;
}

export function stageIds(document: PipelineDocument): Set<string> {
  return new Set(document.stages.map((s) => s.id));
}
