import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import { compileArithmetic, NEEDS_JSONATA } from './arithmetic';
import { compileExpression } from './expressions';

/** JSONata's own answer, or its error code. */
async function viaJsonata(text: string, value: Record<string, unknown>): Promise<unknown> {
  try {
    return await jsonata(text).evaluate(value);
  } catch (error) {
    return { error: (error as { code: string }).code };
  }
}

async function viaCompiled(text: string, value: Record<string, unknown>): Promise<unknown> {
  try {
    return await compileExpression(text).evaluate({ value, attributes: {} });
  } catch (error) {
    return { error: (error as { code: string }).code };
  }
}

const EXPRESSIONS = [
  'temperature * 9 / 5 + 32',
  'a - b - c',
  'a / b * c',
  'a % b + 1',
  '(a + b) * (c - 2.5)',
  'a.b * 2',
  '1e3 + a',
  'a*b',
  'a / b',
  '10 - a % 3',
];

const VALUES: Array<Record<string, unknown>> = [
  { temperature: 21.53, a: 7, b: 2, c: 0.1 },
  { temperature: -4, a: 0.1, b: 0.3, c: 3 },
  { a: 5, b: 0, c: 1 },
  { a: 1e308, b: 10, c: 1 },
  { a: 'x', b: 1, c: 1 },
  { a: [1, 2], b: 1, c: 1 },
  { a: { b: 4 }, b: 1, c: 2 },
  { a: [{ b: 1 }, { b: 2 }], b: 3, c: 3 },
  { a: null, b: 1, c: 1 },
  { a: true, b: 1, c: 1 },
  {},
];

describe('arithmetic without JSONata', () => {
  it('gives JSONata’s result or error for every expression and record', async () => {
    for (const text of EXPRESSIONS) {
      expect(compileArithmetic(text), text).toBeDefined();
      for (const value of VALUES) expect(await viaCompiled(text, value), `${text} on ${JSON.stringify(value)}`).toEqual(await viaJsonata(text, value));
    }
  });

  it('computes directly only on finite numbers, and leaves the rest to JSONata', () => {
    const fahrenheit = compileArithmetic('temperature * 9 / 5 + 32')!;
    expect(fahrenheit({ temperature: 20 })).toBe(68);
    expect(fahrenheit({ temperature: '20' })).toBe(NEEDS_JSONATA);
    expect(fahrenheit({})).toBe(NEEDS_JSONATA);
    expect(compileArithmetic('a / b')!({ a: 1, b: 0 })).toBe(NEEDS_JSONATA);
  });

  it('does not take what is not plain arithmetic', () => {
    for (const text of ['a', '42', '-a + 1', 'a * -1', '$sum(a) + 1', 'a & b', 'a and b', 'true + 1', 'a /* note */ + 1', 'a + ', '(a + 1', '01 + a', '1e400 * 0', 'a.b[0] + 1', '$attributes.x + 1']) {
      expect(compileArithmetic(text), text).toBeUndefined();
    }
  });
});
