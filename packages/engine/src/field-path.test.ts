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

  it('keeps an own __proto__ key of the input as a plain key when it sets another', () => {
    const value = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as Record<string, unknown>;
    const set = setPath(value, 'b', 2);
    expect(Object.keys(set)).toEqual(['__proto__', 'a', 'b']);
    expect(Object.getPrototypeOf(set)).toBe(Object.prototype);
    expect((set as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('writes __proto__ as a plain key', () => {
    const set = setPath({}, '__proto__.polluted', true);
    expect(Object.keys(set)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
