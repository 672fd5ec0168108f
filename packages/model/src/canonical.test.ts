import { describe, expect, it } from 'vitest';
import { canonicalPipelineJson } from './canonical';

const document = {
  edges: [{ to: 'b', lane: 'x', from: 'a' }],
  stages: [{ position: { y: 2, x: 1 }, config: { z: 1, a: { d: [{ y: 1, b: 2 }], c: null } }, type: 't', id: 'a', label: 'A' }],
  settings: { onRecordError: 'discard', batchSize: 10 },
  name: 'n',
  parameters: { Z: '1', A: '2' },
  format: 'duto.pipeline/v1',
  description: 'd',
};

describe('canonicalPipelineJson', () => {
  it('orders known keys as the contract shows them and sorts the rest', () => {
    const text = canonicalPipelineJson(document);
    const parsed = JSON.parse(text);
    expect(Object.keys(parsed)).toEqual(['format', 'name', 'description', 'parameters', 'settings', 'stages', 'edges']);
    expect(Object.keys(parsed.parameters)).toEqual(['A', 'Z']);
    expect(Object.keys(parsed.settings)).toEqual(['batchSize', 'onRecordError']);
    expect(Object.keys(parsed.stages[0])).toEqual(['id', 'type', 'label', 'config', 'position']);
    expect(Object.keys(parsed.stages[0].config)).toEqual(['a', 'z']);
    expect(Object.keys(parsed.stages[0].config.a.d[0])).toEqual(['b', 'y']);
    expect(Object.keys(parsed.stages[0].position)).toEqual(['x', 'y']);
    expect(Object.keys(parsed.edges[0])).toEqual(['from', 'to', 'lane']);
  });

  it('uses 2-space indentation and ends with a newline', () => {
    const text = canonicalPipelineJson(document);
    expect(text.split('\n')[1]).toBe('  "format": "duto.pipeline/v1",');
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('is byte-identical whatever the input key order, and a fixed point', () => {
    const reversed = JSON.parse(JSON.stringify(document), function (this: unknown, _key, value) {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
      return Object.fromEntries(Object.entries(value).reverse());
    });
    const text = canonicalPipelineJson(document);
    expect(canonicalPipelineJson(reversed)).toBe(text);
    expect(canonicalPipelineJson(JSON.parse(text))).toBe(text);
  });

  it('keeps a __proto__ key as a plain key', () => {
    const withProto = JSON.parse('{"format":"f","stages":[{"id":"a","config":{"__proto__":{"x":1}}}]}');
    expect(canonicalPipelineJson(withProto)).toContain('"__proto__": {');
  });
});
