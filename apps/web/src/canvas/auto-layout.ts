import dagre from '@dagrejs/dagre';
import type { PipelineDocument } from '@duto/model';
import { STAGE_NODE_HEIGHT, STAGE_NODE_WIDTH } from './flow-types';

type Size = { width: number; height: number };

/**
 * Places every stage left to right in the order records flow (dagre's layered layout):
 * origins in the first column, destinations in the last. Sizes are the drawn ones when
 * known, so lanes' taller nodes do not overlap.
 */
export function layoutLeftToRight(document: PipelineDocument, sizes: ReadonlyMap<string, Size>): Map<string, { x: number; y: number }> {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 90, marginx: 40, marginy: 40 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const stage of document.stages) {
    const size = sizes.get(stage.id) ?? { width: STAGE_NODE_WIDTH, height: STAGE_NODE_HEIGHT };
    graph.setNode(stage.id, { width: size.width, height: size.height });
  }
  for (const edge of document.edges) {
    if (graph.hasNode(edge.from) && graph.hasNode(edge.to)) graph.setEdge(edge.from, edge.to);
  }
  dagre.layout(graph);
  const positions = new Map<string, { x: number; y: number }>();
  for (const stage of document.stages) {
    const node = graph.node(stage.id);
    // dagre gives centres; React Flow places nodes by their top-left corner.
    positions.set(stage.id, { x: Math.round(node.x - node.width / 2), y: Math.round(node.y - node.height / 2) });
  }
  return positions;
}
