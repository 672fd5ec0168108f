import { KEYWORD_SECRET, escapeToken } from '@duto/model';

type Schema = Record<string, unknown>;

/**
 * The JSON Pointers (relative to the config) of the secret fields a stage config fills in:
 * the places whose schema is marked `x-secret`, followed through objects and arrays.
 */
export function secretFieldPointers(schema: unknown, config: unknown): string[] {
  const found = new Set<string>();
  walk(schema, config, '', found);
  return [...found];
}

function walk(schema: unknown, value: unknown, at: string, found: Set<string>): void {
  if (value === undefined || schema === null || typeof schema !== 'object') return;
  const s = schema as Schema;
  if (s[KEYWORD_SECRET] === true) {
    found.add(at);
    return;
  }
  for (const branch of [...asArray(s.anyOf), ...asArray(s.oneOf), ...asArray(s.allOf)]) walk(branch, value, at, found);
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    if (s.items !== undefined) value.forEach((item, i) => walk(s.items, item, `${at}/${i}`, found));
    return;
  }
  const properties = (s.properties ?? {}) as Record<string, unknown>;
  for (const [key, child] of Object.entries(properties)) {
    if (Object.hasOwn(value, key)) walk(child, (value as Record<string, unknown>)[key], `${at}/${escapeToken(key)}`, found);
  }
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
