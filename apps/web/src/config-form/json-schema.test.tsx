import { describe, expect, it } from 'vitest';
import { defaultValue, fieldKind, fieldLabel, newListItem } from './json-schema';

describe('reading a JSON Schema for the form', () => {
  it('chooses the widget from the shape of the schema', () => {
    expect(fieldKind({ type: 'string', 'x-expression': true } as never).kind).toBe('expression');
    expect(fieldKind({ anyOf: [{ type: 'string' }, { type: 'object' }], 'x-secret': true } as never).kind).toBe('secret');
    expect(fieldKind({ enum: [0, 1, 2] })).toEqual({ kind: 'enum', options: [0, 1, 2] });
    expect(fieldKind({ anyOf: [{ const: 'a' }, { const: 'b' }] })).toEqual({ kind: 'enum', options: ['a', 'b'] });
    expect(fieldKind({ type: 'integer' })).toEqual({ kind: 'number', integer: true });
    expect(fieldKind({ type: 'array', items: { type: 'string' } }).kind).toBe('list');
    expect(fieldKind({ type: 'object', patternProperties: { '^[A-Z]+$': { type: 'string' } } })).toEqual({
      kind: 'map',
      values: { type: 'string' },
      keyPattern: '^[A-Z]+$',
    });
    expect(fieldKind({ anyOf: [{ type: 'string' }, { type: 'number' }] }).kind).toBe('json');
  });

  it('fills defaults, nested ones too, and leaves required fields without a default unset', () => {
    expect(
      defaultValue({
        type: 'object',
        required: ['topic'],
        properties: { topic: { type: 'string' }, qos: { enum: [0, 1], default: 1 }, nested: { type: 'object', properties: { on: { type: 'boolean', default: true } } } },
      }),
    ).toEqual({ qos: 1, nested: { on: true } });
    expect(newListItem({ type: 'string' })).toBe('');
    expect(newListItem({ enum: ['count', 'sum'] })).toBe('count');
  });

  it('labels fields from their property names', () => {
    expect(fieldLabel('recordsPerSecond', {})).toBe('Records per second');
    expect(fieldLabel('on_record_error', {})).toBe('On record error');
    expect(fieldLabel('x', { title: 'Given title' })).toBe('Given title');
  });
});
