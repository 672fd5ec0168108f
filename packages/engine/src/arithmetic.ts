/**
 * Plain arithmetic over field paths and number literals (`temperature * 9 / 5 + 32`),
 * evaluated directly instead of by JSONata, which costs several microseconds and a
 * dozen promises per record. It answers only where JSONata's arithmetic is JavaScript's:
 * every operand and every intermediate result a finite number. Anything else (a missing
 * field, a string, an array on the path, an overflow) answers NEEDS_JSONATA, and JSONata
 * then gives its own result or error, so the outcome is always JSONata's.
 */
export const NEEDS_JSONATA = Symbol('needs JSONata');

export type Arithmetic = (value: unknown) => number | typeof NEEDS_JSONATA;

type Node = (value: unknown) => number | undefined;

/** JSONata's number literal (no sign: a leading minus is left to JSONata). */
const NUMBER = /^(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[Ee][-+]?[0-9]+)?/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/;
/** Words JSONata reads as operators or literals, not field names. */
export const RESERVED_WORDS = new Set(['and', 'or', 'in', 'true', 'false', 'null']);

/**
 * The direct evaluation of `text` when it is arithmetic (+ - * / % and parentheses over
 * field paths and numbers, with at least one operator), else undefined.
 */
export function compileArithmetic(text: string): Arithmetic | undefined {
  const tokens = tokenize(text);
  if (!tokens || !tokens.some((t) => t.kind === 'operator')) return undefined;
  const parser = new Parser(tokens);
  const node = parser.expression();
  if (!node || !parser.done) return undefined;
  return (value) => node(value) ?? NEEDS_JSONATA;
}

type Token = { kind: 'number'; value: number } | { kind: 'path'; keys: string[] } | { kind: 'operator' | 'paren'; text: string };

function tokenize(text: string): Token[] | undefined {
  // A comment would read as operators here: left to JSONata.
  if (text.includes('/*')) return undefined;
  const tokens: Token[] = [];
  let rest = text.trimStart();
  while (rest.length > 0) {
    const number = NUMBER.exec(rest);
    const name = NAME.exec(rest);
    if (number) {
      const value = Number(number[0]);
      // JSONata refuses an operand out of range (1e400): left to it.
      if (!Number.isFinite(value)) return undefined;
      tokens.push({ kind: 'number', value });
      rest = rest.slice(number[0].length);
      // `1a`, `1.5.2`: not arithmetic as read here.
      if (/^[A-Za-z0-9_.]/.test(rest)) return undefined;
    } else if (name) {
      const keys = name[0].split('.');
      if (keys.some((key) => RESERVED_WORDS.has(key))) return undefined;
      tokens.push({ kind: 'path', keys });
      rest = rest.slice(name[0].length);
    } else if ('+-*/%'.includes(rest[0]!)) {
      tokens.push({ kind: 'operator', text: rest[0]! });
      rest = rest.slice(1);
    } else if (rest[0] === '(' || rest[0] === ')') {
      tokens.push({ kind: 'paren', text: rest[0] });
      rest = rest.slice(1);
    } else {
      return undefined;
    }
    rest = rest.trimStart();
  }
  return tokens;
}

/** Recursive descent with JSONata's precedence: * / % above + -, left to right. */
class Parser {
  private at = 0;

  constructor(private readonly tokens: Token[]) {}

  get done(): boolean {
    return this.at === this.tokens.length;
  }

  expression(): Node | undefined {
    return this.binary(() => this.term(), '+-');
  }

  private term(): Node | undefined {
    return this.binary(() => this.operand(), '*/%');
  }

  private binary(next: () => Node | undefined, operators: string): Node | undefined {
    let left = next();
    for (;;) {
      const token = this.tokens[this.at];
      if (!left || token?.kind !== 'operator' || !operators.includes(token.text)) return left;
      this.at += 1;
      const right = next();
      if (!right) return undefined;
      left = combine(left, right, token.text);
    }
  }

  private operand(): Node | undefined {
    const token = this.tokens[this.at++];
    if (token?.kind === 'number') {
      const { value } = token;
      return () => value;
    }
    if (token?.kind === 'path') return readNumber(token.keys);
    if (token?.kind === 'paren' && token.text === '(') {
      const inner = this.expression();
      const close = this.tokens[this.at++];
      return close?.kind === 'paren' && close.text === ')' ? inner : undefined;
    }
    return undefined;
  }
}

function combine(left: Node, right: Node, operator: string): Node {
  const apply = OPERATIONS[operator]!;
  return (value) => {
    const a = left(value);
    if (a === undefined) return undefined;
    const b = right(value);
    if (b === undefined) return undefined;
    const result = apply(a, b);
    return Number.isFinite(result) ? result : undefined;
  };
}

const OPERATIONS: Record<string, (a: number, b: number) => number> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
  '%': (a, b) => a % b,
};

/** A field read that answers only a finite number found through plain objects. */
function readNumber(keys: string[]): Node {
  return (value) => {
    let current = value;
    for (const key of keys) {
      if (current === null || typeof current !== 'object' || Array.isArray(current) || !Object.hasOwn(current, key)) return undefined;
      current = (current as Record<string, unknown>)[key];
    }
    return typeof current === 'number' && Number.isFinite(current) ? current : undefined;
  };
}
