import { describe, expect, it } from 'vitest';
import { createPipelineValidator } from './index';
import { testCatalog } from '../testing/test-catalog';
import { IssueCodes, type Issue } from '../issues';
import { LIMITS } from '../document';

const validate = createPipelineValidator(testCatalog);

type Doc = Record<string, any>;

function linear(): Doc {
  return {
    format: 'duto.pipeline/v1',
    name: 'linear',
    parameters: { TOPIC: 'sensors' },
    stages: [
      { id: 'in', type: 'origin.test', config: { topic: '${TOPIC}' } },
      { id: 'map', type: 'processor.test-map', config: { expression: 'a + 1' } },
      { id: 'out', type: 'destination.test', config: {} },
    ],
    edges: [
      { from: 'in', to: 'map' },
      { from: 'map', to: 'out' },
    ],
  };
}

function routed(): Doc {
  return {
    format: 'duto.pipeline/v1',
    name: 'routed',
    stages: [
      { id: 'in', type: 'origin.test', config: { topic: 't' } },
      { id: 'route', type: 'processor.test-router', config: { routes: [{ lane: 'hot', condition: 't > 30' }], defaultLane: 'other' } },
      { id: 'hot', type: 'destination.test', config: {} },
      { id: 'rest', type: 'destination.test', config: {} },
    ],
    edges: [
      { from: 'in', to: 'route' },
      { from: 'route', to: 'hot', lane: 'hot' },
      { from: 'route', to: 'rest', lane: 'other' },
    ],
  };
}

function issuesOf(document: unknown): Issue[] {
  const result = validate(document);
  return result.valid ? [] : result.issues;
}

function only(document: unknown): Pick<Issue, 'path' | 'code'> {
  const issues = issuesOf(document);
  expect(issues, JSON.stringify(issues)).toHaveLength(1);
  return { path: issues[0]!.path, code: issues[0]!.code };
}

describe('validatePipeline', () => {
  it('accepts valid documents and returns them typed', () => {
    for (const document of [linear(), routed()]) {
      const result = validate(document);
      expect(result.issues).toEqual([]);
      expect(result.valid).toBe(true);
    }
  });

  it('refuses what is not an object, and a wrong or missing format', () => {
    expect(only('text')).toEqual({ path: '', code: IssueCodes.format });
    expect(only([linear()])).toEqual({ path: '', code: IssueCodes.format });
    expect(only(null)).toEqual({ path: '', code: IssueCodes.format });
    expect(only({ ...linear(), format: 'duto.pipeline/v2' })).toEqual({ path: '/format', code: IssueCodes.format });
    const { format: _format, ...withoutFormat } = linear();
    expect(only(withoutFormat)).toEqual({ path: '/format', code: IssueCodes.format });
  });

  it('reports schema errors at the offending field', () => {
    const document = linear();
    delete document.name;
    document.stages[1].colour = 'red';
    document.stages[2].id = 'Not Valid';
    document.settings = { batchSize: 0, onRecordError: 'retry' };
    const paths = issuesOf(document).map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining(['/name', '/stages/1/colour', '/stages/2/id', '/settings/batchSize', '/settings/onRecordError']),
    );
    expect(issuesOf(document).every((i) => i.code === IssueCodes.schema)).toBe(true);
  });

  it('refuses unknown parameters names and non-string parameter values', () => {
    const document = linear();
    document.parameters = { 'bad-name': 'x', OK: 3 };
    expect(issuesOf(document).map((i) => i.path).sort()).toEqual(['/parameters/OK', '/parameters/bad-name']);
  });

  it('reports an unknown stage type at its type', () => {
    const document = linear();
    document.stages[1].type = 'processor.nope';
    const issues = issuesOf(document);
    expect(issues[0]).toMatchObject({ path: '/stages/1/type', code: IssueCodes.unknownStageType, stageId: 'map' });
  });

  it('checks each config against its stage schema: missing field, wrong type, enum, secret', () => {
    const document = linear();
    document.stages[0].config = { qos: 5, password: 42, extra: true };
    const issues = issuesOf(document);
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ['/stages/0/config/topic', IssueCodes.config],
      ['/stages/0/config/extra', IssueCodes.config],
      ['/stages/0/config/qos', IssueCodes.config],
      ['/stages/0/config/password', IssueCodes.config],
    ]);
    expect(issues.find((i) => i.path.endsWith('/qos'))!.message).toBe('must be one of: 0, 1, 2');
    expect(issues.find((i) => i.path.endsWith('/password'))!.message).toContain('secret');
    expect(issues.every((i) => i.stageId === 'in')).toBe(true);
  });

  it('accepts a secret as a reference', () => {
    const document = linear();
    document.stages[0].config.password = { secret: 'mqtt-password' };
    expect(issuesOf(document)).toEqual([]);
  });

  it('reports a JSONata syntax error at the expression, with the parser position', () => {
    const document = linear();
    document.stages[1].config.expression = 'temperature * (9 / 5';
    const issue = issuesOf(document)[0]!;
    expect(issue).toMatchObject({ path: '/stages/1/config/expression', code: IssueCodes.expression });
    expect(issue.message).toMatch(/JSONata.*character/);
  });

  it('parses expressions with parameters replaced by their defaults', () => {
    const document = linear();
    document.parameters = { LIMIT: '30' };
    document.stages[0].config.topic = 't';
    document.stages[1].config.expression = 'temperature > ${LIMIT}';
    expect(issuesOf(document)).toEqual([]);
    document.parameters = { LIMIT: '(' };
    expect(only(document)).toEqual({ path: '/stages/1/config/expression', code: IssueCodes.expression });
  });

  it('reports an undeclared parameter where it is used', () => {
    const document = linear();
    document.stages[0].config.topic = 'a/${TOPIC}/${MISSING}';
    expect(only(document)).toEqual({ path: '/stages/0/config/topic', code: IssueCodes.parameter });
  });

  it('runs a stage\'s cross-field rules after its schema', () => {
    const document = linear();
    document.stages[1].config.expression = 'forbidden';
    expect(only(document)).toEqual({ path: '/stages/1/config/expression', code: IssueCodes.config });
  });

  it('reports duplicate stage ids', () => {
    const document = linear();
    document.stages.push({ id: 'map', type: 'destination.test', config: {} });
    document.edges.push({ from: 'map', to: 'map' });
    const duplicate = issuesOf(document).find((i) => i.code === IssueCodes.duplicateId)!;
    expect(duplicate.path).toBe('/stages/3/id');
  });

  it('reports edges to or from a missing stage', () => {
    const document = linear();
    document.edges.push({ from: 'map', to: 'ghost' }, { from: 'phantom', to: 'out' });
    const missing = issuesOf(document).filter((i) => i.code === IssueCodes.missingStage).map((i) => i.path);
    expect(missing).toEqual(['/edges/2/to', '/edges/3/from']);
  });

  it('refuses an input on an origin and an output on a destination', () => {
    const document = linear();
    document.stages.push({ id: 'in2', type: 'origin.test', config: { topic: 't' } });
    document.edges.push({ from: 'in2', to: 'in' });
    expect(issuesOf(document).find((i) => i.code === IssueCodes.originInput)!.path).toBe('/edges/2/to');
    const other = linear();
    other.stages.push({ id: 'map2', type: 'processor.test-map', config: { expression: 'x' } }, { id: 'out2', type: 'destination.test', config: {} });
    other.edges.push({ from: 'out', to: 'map2' }, { from: 'map2', to: 'out2' });
    expect(issuesOf(other).map((i) => [i.path, i.code])).toEqual([['/edges/2/from', IssueCodes.destinationOutput]]);
  });

  it('reports a cycle at the edge that closes it', () => {
    const document = linear();
    document.stages.splice(2, 0, { id: 'map2', type: 'processor.test-map', config: { expression: 'b' } });
    document.edges = [
      { from: 'in', to: 'map' },
      { from: 'map', to: 'map2' },
      { from: 'map2', to: 'map' },
      { from: 'map2', to: 'out' },
    ];
    const issue = issuesOf(document).find((i) => i.code === IssueCodes.cycle)!;
    expect(issue.path).toBe('/edges/2');
    expect(issue.message).toContain('map → map2 → map');
  });

  it('reports a self loop as a cycle', () => {
    const document = linear();
    document.edges.push({ from: 'map', to: 'map' });
    expect(issuesOf(document).map((i) => [i.path, i.code])).toEqual([['/edges/2', IssueCodes.cycle]]);
  });

  it('reports stages not reachable from an origin, and stages that lead nowhere', () => {
    const document = linear();
    document.stages.push({ id: 'lost', type: 'processor.test-map', config: { expression: 'c' } });
    document.edges.push({ from: 'lost', to: 'out' });
    expect(issuesOf(document).map((i) => [i.path, i.code])).toEqual([['/stages/3', IssueCodes.unreachable]]);
    const deadEnd = linear();
    deadEnd.edges.pop();
    expect(issuesOf(deadEnd).map((i) => [i.path, i.code])).toEqual([
      ['/stages/1', IssueCodes.deadEnd],
      ['/stages/2', IssueCodes.unreachable],
    ]);
  });

  it('needs an origin', () => {
    const document = linear();
    document.stages.shift();
    document.edges.shift();
    expect(issuesOf(document).map((i) => i.code)).toContain(IssueCodes.noOrigin);
  });

  it('checks lanes: required from a router, existing, and absent from single-output stages', () => {
    const missingLane = routed();
    delete missingLane.edges[1].lane;
    expect(only(missingLane)).toEqual({ path: '/edges/1/lane', code: IssueCodes.lane });
    const unknownLane = routed();
    unknownLane.edges[1].lane = 'cold';
    expect(only(unknownLane)).toEqual({ path: '/edges/1/lane', code: IssueCodes.lane });
    const laneOnSingle = routed();
    laneOnSingle.edges[0].lane = 'hot';
    expect(only(laneOnSingle)).toEqual({ path: '/edges/0/lane', code: IssueCodes.lane });
  });

  it('reports a duplicate edge', () => {
    const document = linear();
    document.edges.push({ from: 'in', to: 'map' });
    expect(only(document)).toEqual({ path: '/edges/2', code: IssueCodes.duplicateEdge });
  });

  it('bounds the size of a document and stays fast on a huge one', () => {
    const document = linear();
    document.stages = Array.from({ length: 10_000 }, (_, i) => ({ id: `s${i}`, type: 'origin.test', config: { topic: 't' } }));
    const started = performance.now();
    const issues = issuesOf(document);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(issues[0]).toMatchObject({ path: '/stages', code: IssueCodes.tooLarge });
    expect(issues[0]!.message).toContain(String(LIMITS.stages));
  });

  it('validates a long chain without deep recursion', () => {
    const count = LIMITS.stages;
    const document: Doc = {
      format: 'duto.pipeline/v1',
      name: 'chain',
      stages: [
        { id: 's0', type: 'origin.test', config: { topic: 't' } },
        ...Array.from({ length: count - 2 }, (_, i) => ({ id: `s${i + 1}`, type: 'processor.test-map', config: { expression: 'a' } })),
        { id: `s${count - 1}`, type: 'destination.test', config: {} },
      ],
      edges: Array.from({ length: count - 1 }, (_, i) => ({ from: `s${i}`, to: `s${i + 1}` })),
    };
    expect(issuesOf(document)).toEqual([]);
  });

  it('refuses a string longer than the limit', () => {
    const document = linear();
    document.description = 'x'.repeat(5 * 1024 * 1024);
    expect(only(document)).toEqual({ path: '/description', code: IssueCodes.tooLarge });
  });

  it('treats a __proto__ key as data, never as a prototype', () => {
    const document = JSON.parse(JSON.stringify(linear()).replace('"config":{}', '"config":{"__proto__":{"polluted":true}}'));
    const issues = issuesOf(document);
    expect(issues.map((i) => i.path)).toEqual(['/stages/2/config/__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
