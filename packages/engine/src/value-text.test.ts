import { describe, expect, it } from 'vitest';
import { deletePath, setPath } from './field-path';
import { rememberText, valueJson, valueJsonLine } from './value-text';

function decoded(text: string): Record<string, unknown> {
  const value = JSON.parse(text) as Record<string, unknown>;
  rememberText(value, text);
  return value;
}

describe('the JSON text a value came as', () => {
  it('is written for an unchanged value, digits and spacing as they came', () => {
    const text = '{"id": 12345678901234567890, "t": 20.50}';
    expect(valueJson(decoded(text))).toBe(text);
    expect(valueJsonLine(decoded(text))).toBe(text);
  });

  it('is not used once a processor changed the value (field paths copy)', () => {
    const value = decoded('{"id": 1, "nested": {"a": 1}}');
    expect(valueJson(setPath(value, 'nested.a', 2))).toBe('{"id":1,"nested":{"a":2}}');
    expect(valueJson(deletePath(value, 'id'))).toBe('{"nested":{"a":1}}');
    expect(valueJson(value)).toBe('{"id": 1, "nested": {"a": 1}}');
  });

  it('is serialized anew for a JSON-lines file when it spans lines', () => {
    const value = decoded('{\n  "id": 1,\r\n  "s": "a\\nb"\n}');
    expect(valueJsonLine(value)).toBe('{"id":1,"s":"a\\nb"}');
    expect(valueJsonLine(decoded('{"s": "a\\nb"}'))).toBe('{"s": "a\\nb"}');
  });

  it('is not taken by a copy, nor seen by JSON or structured clone', () => {
    const value = decoded('{"id": 1}');
    expect(valueJson({ ...value })).toBe('{"id":1}');
    expect(valueJson(Object.assign({}, value, { more: 2 }))).toBe('{"id":1,"more":2}');
    expect(JSON.stringify(value)).toBe('{"id":1}');
    expect(Object.getOwnPropertySymbols(structuredClone(value))).toEqual([]);
  });

  it('is absent for a value never decoded from text', () => {
    expect(valueJson({ a: 1 })).toBe('{"a":1}');
  });
});
