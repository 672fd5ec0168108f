import type { PipelineDocument } from '@duto/model';

/** The graph of a pipeline as the executor walks it. */
export interface GraphPlan {
  /** Stage ids in topological order: every stage after all stages that feed it. */
  order: string[];
  /** Per stage, per lane ('' for a single output), the stages fed. */
  children: Map<string, Map<string, string[]>>;
}

export const SINGLE_OUTPUT = '';

/** Plans a validated document (the validator has ruled out cycles and dangling edges). */
export function planGraph(document: PipelineDocument): GraphPlan {
  const children = new Map<string, Map<string, string[]>>();
  const indegree = new Map<string, number>(document.stages.map((s) => [s.id, 0]));
  for (const edge of document.edges) {
    const lanes = children.get(edge.from) ?? new Map<string, string[]>();
    const lane = edge.lane ?? SINGLE_OUTPUT;
    lanes.set(lane, [...(lanes.get(lane) ?? []), edge.to]);
    children.set(edge.from, lanes);
    indegree.set(edge.to, (indegree.get(edge.to) ?? 0) + 1);
  }
  const ready = document.stages.filter((s) => indegree.get(s.id) === 0).map((s) => s.id);
  const order: string[] = [];
  while (ready.length > 0) {
    const id = ready.shift()!;
    order.push(id);
    for (const targets of children.get(id)?.values() ?? []) {
      for (const target of targets) {
        const left = indegree.get(target)! - 1;
        indegree.set(target, left);
        if (left === 0) ready.push(target);
      }
    }
  }
  return { order, children };
}
