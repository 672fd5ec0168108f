import { setFlagsFromString } from 'node:v8';
import jsonata from 'jsonata';
import type { DutoRecord } from '@duto/model';
import { compileArithmetic, NEEDS_JSONATA, RESERVED_WORDS } from './arithmetic';

// A regular expression runs inside one JSONata step, where the time limit cannot reach it:
// `/^(a+)+$/` on 40 characters would backtrack for hours. V8 then switches to its
// linear-time engine (patterns with back-references or look-around cannot switch).
setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');

/**
 * Limits on one evaluation, so that a hostile or careless expression (endless recursion,
 * a huge loop) fails its record instead of freezing the runner.
 */
export const EXPRESSION_LIMITS = { timeoutMs: 200, stackDepth: 300 } as const;

export interface CompiledExpression {
  /** Evaluates against a record: its value is the input, its attributes `$attributes`. */
  evaluate(record: DutoRecord): Promise<unknown>;
}

const SIMPLE_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/**
 * Compiles a JSONata expression. A plain field path (`sensorId`, `a.b`) skips JSONata:
 * it is the common case for keys and group-bys, and a direct read is much cheaper. So
 * does plain arithmetic over fields (`temperature * 9 / 5 + 32`) whenever its operands
 * are numbers (see arithmetic.ts).
 */
export function compileExpression(text: string, limits = EXPRESSION_LIMITS): CompiledExpression {
  const expression = jsonata(text, { timeout: limits.timeoutMs, stack: limits.stackDepth });
  const viaJsonata = (record: DutoRecord) => expression.evaluate(record.value, { attributes: record.attributes });
  const arithmetic = compileArithmetic(text);
  if (arithmetic) {
    return {
      evaluate: async (record) => {
        const direct = arithmetic(record.value);
        return direct === NEEDS_JSONATA ? viaJsonata(record) : direct;
      },
    };
  }
  if (!SIMPLE_PATH.test(text) || text.split('.').some((k) => RESERVED_WORDS.has(k))) return { evaluate: viaJsonata };
  const keys = text.split('.');
  return {
    evaluate: async (record) => {
      const direct = readSimplePath(record.value, keys);
      return direct === ARRAY_STEP ? viaJsonata(record) : direct;
    },
  };
}

const ARRAY_STEP = Symbol('array step');

/**
 * A path read with JSONata's result for objects (a missing step gives undefined); an
 * array on the way or at the end, which JSONata maps or flattens, is left to JSONata.
 */
function readSimplePath(value: unknown, keys: string[]): unknown {
  let current: unknown = value;
  for (const key of keys) {
    if (current === null || typeof current !== 'object') return undefined;
    if (Array.isArray(current)) return ARRAY_STEP;
    current = Object.hasOwn(current, key) ? (current as Record<string, unknown>)[key] : undefined;
  }
  return Array.isArray(current) ? ARRAY_STEP : current;
}

/** JSONata's idea of true for a condition: false, 0, '', null, undefined and [] are not. */
export function isTruthy(result: unknown): boolean {
  if (Array.isArray(result)) return result.some(isTruthy);
  return Boolean(result);
}

/** A readable reason from whatever an evaluation threw. */
export function failureReason(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error) {
    const { message, code, position } = error as { message: string; code?: string; position?: number };
    return [code, message].filter(Boolean).join(': ') + (typeof position === 'number' ? ` (at character ${position})` : '');
  }
  return String(error);
}
