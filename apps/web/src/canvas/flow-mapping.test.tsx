import { describe, expect, it } from 'vitest';
import type { PipelineDocument } from '@duto/model';
import { fixtureCatalog } from '../test-support/catalog-fixture';
import { moveStages, setStageConfig } from '../state/document-ops';
import { NOTHING_SELECTED } from '../state/editor-store';
import { buildConnectionEdges, buildStageNodes, type NodeInputs } from './flow-mapping';

const document: PipelineDocument = {
  format: 'duto.pipeline/v1',
  name: 'mapping',
  stages: [
    { id: 'gen', type: 'origin.generator', config: {}, position: { x: 10, y: 20 } },
    { id: 'route', type: 'processor.router', config: { routes: [{ lane: 'hot', condition: 'true' }], defaultLane: 'other' } },
    { id: 'sink', type: 'destination.trash', config: {}, position: { x: 600, y: 20 } },
    { id: 'odd', type: 'processor.unheard-of', config: { keep: 1 } },
  ],
  edges: [
    { from: 'gen', to: 'route' },
    { from: 'route', to: 'sink', lane: 'hot' },
    { from: 'route', to: 'sink', lane: 'gone' },
  ],
};

const inputs = (doc: PipelineDocument, extra: Partial<NodeInputs> = {}): NodeInputs => ({
  document: doc,
  catalog: fixtureCatalog,
  selection: NOTHING_SELECTED,
  issues: new Map(),
  readOnly: false,
  dragged: new Map(),
  measured: new Map(),
  ...extra,
});

describe('document to flow', () => {
  it('makes one node per stage with its look, lanes and saved or fallback position', () => {
    const nodes = buildStageNodes(inputs(document), new Map());
    expect(nodes.map((n) => n.id)).toEqual(['gen', 'route', 'sink', 'odd']);
    expect(nodes[0]!.position).toEqual({ x: 10, y: 20 });
    expect(nodes[1]!.position).toEqual({ x: 360, y: 80 });
    expect(nodes[0]!.data.look).toEqual({ label: 'Generator', icon: 'sparkles', category: 'origin' });
    expect(nodes[1]!.data.lanes).toEqual(['hot', 'other']);
    // An edge still uses a lane the config dropped: drawn as stale so the edge stays visible.
    expect(nodes[1]!.data.staleLanes).toEqual(['gone']);
    expect(nodes[3]!.data.look.category).toBe('unknown');
  });

  it('reuses the node objects of stages that did not change', () => {
    const cache = new Map();
    const first = buildStageNodes(inputs(document), cache);
    const moved = moveStages(document, new Map([['sink', { x: 700, y: 40 }]]));
    const second = buildStageNodes(inputs(moved), cache);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).toBe(first[1]);
    expect(second[2]).not.toBe(first[2]);
    expect(second[2]!.position).toEqual({ x: 700, y: 40 });

    const reconfigured = setStageConfig(moved, 'route', { routes: [{ lane: 'warm', condition: 'true' }], defaultLane: 'other' });
    const third = buildStageNodes(inputs(reconfigured), cache);
    expect(third[1]!.data.lanes).toEqual(['warm', 'other']);
    expect(third[1]!.data.staleLanes).toEqual(['hot', 'gone']);
    expect(third[0]).toBe(first[0]);
  });

  it('shows a drag in progress and the selection without touching the document', () => {
    const nodes = buildStageNodes(
      inputs(document, { dragged: new Map([['gen', { x: 99, y: 98 }]]), selection: { stages: new Set(['sink']), edges: new Set() } }),
      new Map(),
    );
    expect(nodes[0]!.position).toEqual({ x: 99, y: 98 });
    expect(nodes[2]!.selected).toBe(true);
    expect(document.stages[0]!.position).toEqual({ x: 10, y: 20 });
  });

  it('makes one edge per connection, with the lane as the source handle', () => {
    const edges = buildConnectionEdges(document, NOTHING_SELECTED, false, new Map());
    expect(edges.map((e) => [e.id, e.source, e.target, e.sourceHandle])).toEqual([
      ['gen→route', 'gen', 'route', null],
      ['route→sink:hot', 'route', 'sink', 'hot'],
      ['route→sink:gone', 'route', 'sink', 'gone'],
    ]);
    expect(edges[1]!.data).toEqual({ lane: 'hot' });
  });
});
