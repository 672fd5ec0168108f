import type { PipelineDocument } from '../document';
import { IssueCodes, type Issue } from '../issues';
import { pointer } from '../pointer';
import type { StageCatalog, StageDefinition } from '../stage-definition';
import { stageLanes } from '../lanes';

/**
 * The graph rules: unique ids, edges between existing stages, origins without inputs,
 * destinations without outputs, lanes that exist, no cycle, every stage reachable from
 * an origin and leading somewhere. Linear in stages + edges, no recursion, so that a huge
 * document costs little.
 */
export function graphIssues(document: PipelineDocument, catalog: StageCatalog): Issue[] {
  const issues: Issue[] = [];
  const indexById = new Map<string, number>();
  document.stages.forEach((stage, i) => {
    const first = indexById.get(stage.id);
    if (first === undefined) indexById.set(stage.id, i);
    else {
      issues.push({
        path: pointer('stages', i, 'id'),
        message: `duplicate stage id "${stage.id}" (first used at /stages/${first})`,
        code: IssueCodes.duplicateId,
        stageId: stage.id,
      });
    }
  });

  const definitionOf = (id: string): StageDefinition | undefined => {
    const index = indexById.get(id);
    return index === undefined ? undefined : catalog.get(document.stages[index]!.type);
  };

  const outgoing = new Map<string, Array<{ to: string; edge: number }>>();
  const incoming = new Map<string, number>();
  const seenEdges = new Map<string, number>();
  document.edges.forEach((edge, i) => {
    let broken = false;
    for (const end of ['from', 'to'] as const) {
      if (!indexById.has(edge[end])) {
        issues.push({
          path: pointer('edges', i, end),
          message: `no stage has the id "${edge[end]}"`,
          code: IssueCodes.missingStage,
        });
        broken = true;
      }
    }
    if (broken) return;
    const source = definitionOf(edge.from);
    const target = definitionOf(edge.to);
    if (target?.category === 'origin') {
      issues.push({
        path: pointer('edges', i, 'to'),
        message: `"${edge.to}" is an origin and takes no input`,
        code: IssueCodes.originInput,
        stageId: edge.to,
      });
    }
    if (source?.category === 'destination') {
      issues.push({
        path: pointer('edges', i, 'from'),
        message: `"${edge.from}" is a destination and has no output`,
        code: IssueCodes.destinationOutput,
        stageId: edge.from,
      });
    }
    if (source) issues.push(...laneIssues(document, indexById.get(edge.from)!, source, i));
    const key = `${edge.from}\u0000${edge.to}\u0000${edge.lane ?? ''}`;
    const duplicateOf = seenEdges.get(key);
    if (duplicateOf !== undefined) {
      issues.push({
        path: pointer('edges', i),
        message: `the same connection as /edges/${duplicateOf}`,
        code: IssueCodes.duplicateEdge,
      });
      return;
    }
    seenEdges.set(key, i);
    const list = outgoing.get(edge.from) ?? [];
    list.push({ to: edge.to, edge: i });
    outgoing.set(edge.from, list);
    incoming.set(edge.to, (incoming.get(edge.to) ?? 0) + 1);
  });

  issues.push(...cycleIssues(document, outgoing));
  issues.push(...reachabilityIssues(document, catalog, outgoing));
  return issues;
}

function laneIssues(document: PipelineDocument, stageIndex: number, source: StageDefinition, edgeIndex: number): Issue[] {
  const edge = document.edges[edgeIndex]!;
  const lanes = stageLanes(source, document.stages[stageIndex]!.config);
  const path = pointer('edges', edgeIndex, 'lane');
  if (lanes === undefined) {
    if (edge.lane === undefined) return [];
    return [{ path, message: `"${edge.from}" has a single output; remove the lane`, code: IssueCodes.lane, stageId: edge.from }];
  }
  if (edge.lane === undefined) {
    return [{ path, message: `"${edge.from}" has named lanes; say which (${lanes.join(', ')})`, code: IssueCodes.lane, stageId: edge.from }];
  }
  if (!lanes.includes(edge.lane)) {
    return [{ path, message: `"${edge.from}" has no lane "${edge.lane}" (lanes: ${lanes.join(', ') || 'none'})`, code: IssueCodes.lane, stageId: edge.from }];
  }
  return [];
}

/** Iterative depth-first search; reports the edge that closes each cycle found. */
function cycleIssues(document: PipelineDocument, outgoing: Map<string, Array<{ to: string; edge: number }>>): Issue[] {
  const issues: Issue[] = [];
  const state = new Map<string, 'open' | 'done'>();
  for (const start of document.stages) {
    if (state.has(start.id)) continue;
    const stack: Array<{ id: string; next: number }> = [{ id: start.id, next: 0 }];
    state.set(start.id, 'open');
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const children = outgoing.get(frame.id) ?? [];
      if (frame.next >= children.length) {
        state.set(frame.id, 'done');
        stack.pop();
        continue;
      }
      const { to, edge } = children[frame.next++]!;
      const seen = state.get(to);
      if (seen === 'open') {
        const loop = stack.slice(stack.findIndex((f) => f.id === to)).map((f) => f.id);
        issues.push({
          path: pointer('edges', edge),
          message: `this connection closes a cycle: ${[...loop, to].join(' → ')}`,
          code: IssueCodes.cycle,
          stageId: frame.id,
        });
      } else if (seen === undefined) {
        state.set(to, 'open');
        stack.push({ id: to, next: 0 });
      }
    }
  }
  return issues;
}

function reachabilityIssues(
  document: PipelineDocument,
  catalog: StageCatalog,
  outgoing: Map<string, Array<{ to: string; edge: number }>>,
): Issue[] {
  const categoryOf = (type: string) => catalog.get(type)?.category;
  const origins = document.stages.filter((s) => categoryOf(s.type) === 'origin').map((s) => s.id);
  if (origins.length === 0 && document.stages.length > 0) {
    return [{ path: '/stages', message: 'a pipeline needs at least one origin', code: IssueCodes.noOrigin }];
  }
  const reached = new Set(origins);
  const queue = [...origins];
  while (queue.length > 0) {
    for (const { to } of outgoing.get(queue.pop()!) ?? []) {
      if (!reached.has(to)) {
        reached.add(to);
        queue.push(to);
      }
    }
  }
  const issues: Issue[] = [];
  const seenIds = new Set<string>();
  document.stages.forEach((stage, i) => {
    if (seenIds.has(stage.id)) return;
    seenIds.add(stage.id);
    const category = categoryOf(stage.type);
    if (category === undefined) return;
    if (!reached.has(stage.id)) {
      issues.push({
        path: pointer('stages', i),
        message: `"${stage.id}" is not reachable from any origin; connect its input`,
        code: IssueCodes.unreachable,
        stageId: stage.id,
      });
    }
    if (category !== 'destination' && (outgoing.get(stage.id)?.length ?? 0) === 0) {
      issues.push({
        path: pointer('stages', i),
        message: `"${stage.id}" leads nowhere; connect its output to a processor or destination`,
        code: IssueCodes.deadEnd,
        stageId: stage.id,
      });
    }
  });
  return issues;
}
