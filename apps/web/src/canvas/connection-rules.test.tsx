import { describe, expect, it } from 'vitest';
import type { PipelineDocument } from '@duto/model';
import { connectionProblem, type StageFacts } from './connection-rules';

const document: PipelineDocument = {
  format: 'duto.pipeline/v1',
  name: 'rules',
  stages: [
    { id: 'gen', type: 'origin', config: {} },
    { id: 'map', type: 'processor', config: {} },
    { id: 'route', type: 'router', config: {} },
    { id: 'sink', type: 'destination', config: {} },
  ],
  edges: [
    { from: 'gen', to: 'map' },
    { from: 'map', to: 'route' },
    { from: 'route', to: 'sink', lane: 'hot' },
  ],
};

const categories: Record<string, 'origin' | 'processor' | 'destination'> = { gen: 'origin', map: 'processor', route: 'processor', sink: 'destination' };
const facts: StageFacts = {
  categoryOf: (id) => categories[id],
  lanesOf: (id) => (id === 'route' ? ['hot', 'cold'] : undefined),
};
const problem = (source: string, target: string, sourceHandle: string | null = null) => connectionProblem(document, facts, { source, target, sourceHandle });

describe('connection rules', () => {
  it('accepts a connection that keeps the graph valid', () => {
    expect(problem('map', 'sink')).toBeUndefined();
    expect(problem('route', 'sink', 'cold')).toBeUndefined();
  });

  it('refuses an input on an origin and an output from a destination', () => {
    expect(problem('map', 'gen')).toMatch(/origin takes no input/);
    expect(problem('sink', 'map')).toMatch(/destination has no output/);
  });

  it('refuses a cycle, a self-loop and a duplicate', () => {
    expect(problem('route', 'map', 'cold')).toMatch(/cycle/);
    expect(problem('map', 'map')).toMatch(/itself/);
    expect(problem('gen', 'map')).toMatch(/already connected/);
    expect(problem('route', 'sink', 'hot')).toMatch(/already connected/);
  });

  it('asks for one of the lanes of a stage with lanes, and none of another', () => {
    expect(problem('route', 'sink')).toMatch(/lanes/);
    expect(problem('route', 'sink', 'nope')).toMatch(/lanes/);
    expect(problem('map', 'sink', 'hot')).toMatch(/single output/);
  });

  it('refuses ends that are not stages of the pipeline', () => {
    expect(problem('ghost', 'sink')).toMatch(/stages of this pipeline/);
  });
});
