import type { PipelineDocument, StageCategory } from '@duto/model';
import { sameConnection } from '../state/edge-ids';

export interface ConnectionAttempt {
  source: string;
  target: string;
  sourceHandle?: string | null;
  targetHandle?: string | null;
}

export interface StageFacts {
  categoryOf: (stageId: string) => StageCategory | 'unknown' | undefined;
  /** The named output lanes of a stage, or undefined for a stage with one plain output. */
  lanesOf: (stageId: string) => readonly string[] | undefined;
}

/**
 * Why a connection may not be made, or undefined when it may: the graph rules of the
 * contract, checked while the user drags so that only valid connections snap.
 */
export function connectionProblem(document: PipelineDocument, facts: StageFacts, attempt: ConnectionAttempt): string | undefined {
  const { source, target } = attempt;
  if (source === target) return 'a stage cannot feed itself';
  const sourceCategory = facts.categoryOf(source);
  const targetCategory = facts.categoryOf(target);
  if (sourceCategory === undefined || targetCategory === undefined) return 'both ends must be stages of this pipeline';
  if (targetCategory === 'origin') return 'an origin takes no input';
  if (sourceCategory === 'destination') return 'a destination has no output';
  const lanes = facts.lanesOf(source);
  const lane = attempt.sourceHandle ?? undefined;
  if (lanes !== undefined && (lane === undefined || !lanes.includes(lane))) return 'connect one of the stage’s lanes';
  if (lanes === undefined && lane !== undefined) return 'this stage has a single output';
  const edge = lane === undefined ? { from: source, to: target } : { from: source, to: target, lane };
  if (document.edges.some((e) => sameConnection(e, edge))) return 'these stages are already connected this way';
  if (reaches(document, target, source)) return 'this connection would close a cycle';
  return undefined;
}

/** Whether `to` can be reached from `from` along the document's edges. */
function reaches(document: PipelineDocument, from: string, to: string): boolean {
  const outgoing = new Map<string, string[]>();
  for (const edge of document.edges) {
    const list = outgoing.get(edge.from) ?? [];
    list.push(edge.to);
    outgoing.set(edge.from, list);
  }
  const seen = new Set([from]);
  const queue = [from];
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (id === to) return true;
    for (const next of outgoing.get(id) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return false;
}
