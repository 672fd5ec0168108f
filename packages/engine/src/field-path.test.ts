import { describe, expect, it } from 'vitest';
import { deletePath, getPath, hasPath, setPath } from './field-path';

describe('field paths', () => {
  it('reads, writes and deletes nested fields without touching the input', () => {
    const value = { a: { b: 1, c: [1] }, d: null };
    expect(getPath(value, 'a.b')).toBe(1);
    expect(getPath(value, 'a.x.y')).toBeUndefined();
    expect(hasPath(value, 'd')).toBe(true);
    expect(hasPath(value, 'a.x')).toBe(false);
    const set = setPath(value, 'a.e.f', 2);
    expect(set).toEqual({ a: { b: 1, c: [1], e: { f: 2 } }, d: null });
    expect(set.a).not.toBe(value.a);
    expect(deletePath(value, 'a.b')).toEqual({ a: { c: [1] }, d: null });
    expect(value).toEqual({ a: { b: 1, c: [1] }, d: null });
  });

  it('writes __proto__ as a plain key', () => {
    const set = setPath({}, '__proto__.polluted', true);
    expect(Object.keys(set)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
