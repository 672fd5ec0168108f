import { Ajv, type SchemaValidateFunction, type ErrorObject, type ValidateFunction } from 'ajv';
import jsonata from 'jsonata';
import { KEYWORD_EXPRESSION, KEYWORD_SECRET } from '../stage-definition';
import { joinPointer, pointer } from '../pointer';

export interface SchemaProblem {
  path: string;
  message: string;
  expression: boolean;
}

/**
 * One Ajv for documents and stage configs. `x-expression` parses a JSONata string and
 * fails with the parser's message and position; `x-secret` only marks a field.
 */
export function createAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, strictTypes: false, strictTuples: false });
  ajv.addKeyword({ keyword: KEYWORD_SECRET, schemaType: 'boolean' });
  ajv.addKeyword({
    keyword: KEYWORD_EXPRESSION,
    schemaType: 'boolean',
    type: 'string',
    errors: true,
    validate: checkExpression,
  });
  return ajv;
}

const checkExpression: SchemaValidateFunction = (enabled: boolean, text: string) => {
  if (!enabled) return true;
  const problem = jsonataSyntaxProblem(text);
  if (problem === undefined) return true;
  checkExpression.errors = [{ keyword: KEYWORD_EXPRESSION, message: problem, params: {} }];
  return false;
};

/** The JSONata parser's complaint about an expression, or undefined when it parses. */
export function jsonataSyntaxProblem(text: string): string | undefined {
  try {
    jsonata(text);
    return undefined;
  } catch (error) {
    const { message, position } = error as { message?: string; position?: number };
    const where = typeof position === 'number' ? ` (at character ${position})` : '';
    return `invalid JSONata expression: ${message ?? String(error)}${where}`;
  }
}

/**
 * Ajv's errors as `{ path, message }`, with the path pointing at the field the user must
 * fix (a missing property's own path, not its parent's) and without the noise of every
 * failed branch of an `anyOf`.
 */
export function schemaProblems(validate: ValidateFunction, basePath = ''): SchemaProblem[] {
  const errors = validate.errors ?? [];
  const unions = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    const insideUnion = unions.some((u) => error.schemaPath.startsWith(u.schemaPath + '/'));
    if (insideUnion) continue;
    const problem = describe(error);
    const path = joinPointer(basePath, problem.path);
    const key = path + '\n' + problem.message;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ path, message: problem.message, expression: error.keyword === KEYWORD_EXPRESSION });
  }
  return problems;
}

function describe(error: ErrorObject): { path: string; message: string } {
  const at = error.instancePath;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { path: joinPointer(at, pointer(String(params.missingProperty))), message: 'is required' };
    case 'additionalProperties':
      return {
        path: joinPointer(at, pointer(String(params.additionalProperty))),
        message: 'is not a known property here',
      };
    case 'enum':
      return { path: at, message: `must be one of: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
    case 'const':
      return { path: at, message: `must be ${JSON.stringify(params.allowedValue)}` };
    case 'anyOf':
    case 'oneOf': {
      const parent = error.parentSchema as Record<string, unknown> | undefined;
      if (parent?.[KEYWORD_SECRET]) return { path: at, message: 'must be a string or { "secret": "<name>" }' };
      const consts = unionConstants(parent);
      if (consts) return { path: at, message: `must be one of: ${consts}` };
      return { path: at, message: 'does not match any of the allowed forms' };
    }
    case 'pattern':
      return { path: at, message: `must match the pattern ${String(params.pattern)}` };
    default:
      return { path: at, message: error.message ?? 'is invalid' };
  }
}

function unionConstants(schema: Record<string, unknown> | undefined): string | undefined {
  const branches = (schema?.anyOf ?? schema?.oneOf) as Array<Record<string, unknown>> | undefined;
  if (!branches?.every((b) => 'const' in b)) return undefined;
  return branches.map((b) => JSON.stringify(b.const)).join(', ');
}
