import Type, { type Static, type TSchema } from 'typebox';

export type StageCategory = 'origin' | 'processor' | 'destination';

/**
 * How a stage's outputs are shaped, declared as data so that the validator and the canvas
 * derive handles the same way without knowing any stage by name:
 * - `none`: a destination;
 * - `single`: one unnamed output;
 * - `lanes`: named outputs read from the config (`from` and `default` are JSON Pointers
 *   into the config, `*` maps over an array).
 */
export type StageOutputs =
  | { kind: 'none' }
  | { kind: 'single' }
  | { kind: 'lanes'; from: string; default?: string };

/** A cross-field problem in one stage's config; `path` is relative to the config. */
export interface ConfigProblem {
  path: string;
  message: string;
}

export interface StageDefinition<S extends TSchema = TSchema> {
  type: string;
  category: StageCategory;
  label: string;
  description: string;
  /** Shown on the palette, the node and the panel header. */
  icon: string;
  outputs: StageOutputs;
  configSchema: S;
  /** Rules the schema cannot say (one field against another); runs after the schema passed. */
  lint?: (config: Static<S>) => ConfigProblem[];
  /** Complete example configs; the registry test checks that they validate. */
  examples: Array<Static<S>>;
}

/** Keeps the config typed from its schema; returns the definition unchanged. */
export function defineStage<S extends TSchema>(definition: StageDefinition<S>): StageDefinition<S> {
  return definition;
}

/** The set of stages a validator or a runtime knows. Passed in, never global. */
export interface StageCatalog {
  get(type: string): StageDefinition | undefined;
  all(): readonly StageDefinition[];
}

export function createCatalog(definitions: readonly StageDefinition[]): StageCatalog {
  const byType = new Map<string, StageDefinition>();
  for (const definition of definitions) {
    if (byType.has(definition.type)) throw new Error(`stage type ${definition.type} is defined twice`);
    byType.set(definition.type, definition);
  }
  return { get: (type) => byType.get(type), all: () => [...byType.values()] };
}

/** Schema keywords of Duto's own, beside standard JSON Schema. */
export const KEYWORD_EXPRESSION = 'x-expression';
export const KEYWORD_SECRET = 'x-secret';

export const SECRET_NAME_PATTERN = '^[A-Za-z0-9_.-]{1,100}$';

/** A JSONata expression or condition; the validator parses it and reports syntax errors at its path. */
export function Expression(options: { description: string; default?: string; examples?: string[] }) {
  return Type.String({ minLength: 1, maxLength: 20_000, [KEYWORD_EXPRESSION]: true, ...options });
}

/**
 * A password or token: a plain value (stored encrypted, never returned) or a reference
 * `{ "secret": "<name>" }` resolved on the server.
 */
export function Secret(options: { description: string }) {
  return Type.Union(
    [
      Type.String({ maxLength: 10_000 }),
      Type.Object({ secret: Type.String({ pattern: SECRET_NAME_PATTERN }) }, { additionalProperties: false }),
    ],
    { [KEYWORD_SECRET]: true, writeOnly: true, ...options },
  );
}

/** A path relative to the data-lake root. The syntax check here; the server also resolves symlinks. */
export function LakePath(options: { description: string; default?: string }) {
  return Type.String({ minLength: 1, maxLength: 1000, ...options });
}

/**
 * Whether a data-lake path stays inside the lake root as written: relative, no `..`
 * segment, no backslash or NUL. (Symlinks are the server's to check; it sees the disk.)
 */
export function lakePathProblem(path: string): string | undefined {
  if (path.includes('\0')) return 'must not contain a NUL character';
  if (path.includes('\\')) return 'must use / as separator';
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return 'must be relative to the data lake root';
  if (path.split('/').some((segment) => segment === '..')) return 'must not leave the data lake root (..)';
  return undefined;
}
