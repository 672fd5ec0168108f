import { describe, expect, it } from 'vitest';
import { findParameterReferences, substituteParameters } from './parameters';

describe('parameters', () => {
  const config = { topics: ['${A}/x', 'plain'], nested: { url: 'mqtt://${HOST}:${PORT}' }, n: 5, flag: true };

  it('finds every reference with its JSON Pointer', () => {
    expect(findParameterReferences(config)).toEqual([
      { name: 'A', path: '/topics/0' },
      { name: 'HOST', path: '/nested/url' },
      { name: 'PORT', path: '/nested/url' },
    ]);
  });

  it('escapes pointer tokens', () => {
    expect(findParameterReferences({ 'a/b': { '~c': '${X}' } })).toEqual([{ name: 'X', path: '/a~1b/~0c' }]);
  });

  it('substitutes known names, leaves unknown ones and non-strings alone, and does not mutate', () => {
    const result = substituteParameters(config, { A: 'sensors', HOST: 'broker' });
    expect(result).toEqual({ topics: ['sensors/x', 'plain'], nested: { url: 'mqtt://broker:${PORT}' }, n: 5, flag: true });
    expect(config.topics[0]).toBe('${A}/x');
  });

  it('does not treat a name that breaks the naming rule as a reference', () => {
    expect(findParameterReferences('${1A} ${a-b}')).toEqual([]);
  });
});
