import { setOwn } from './own-keys';
import { pointer, joinPointer } from './pointer';

/** `${NAME}`; NAME as the contract fixes it. */
const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

export interface ParameterReference {
  name: string;
  /** JSON Pointer, relative to the value that was searched. */
  path: string;
}

/** Every `${NAME}` in the strings of a value, wherever they are nested. */
export function findParameterReferences(value: unknown, path = ''): ParameterReference[] {
  const found: ParameterReference[] = [];
  walkStrings(value, path, (text, at) => {
    for (const match of text.matchAll(REFERENCE)) found.push({ name: match[1]!, path: at });
  });
  return found;
}

/** A copy of `value` with every `${NAME}` replaced; names absent from `values` stay as written. */
export function substituteParameters<T>(value: T, values: Readonly<Record<string, string>>): T {
  return mapStrings(value, (text) =>
    text.replace(REFERENCE, (whole, name: string) => (Object.hasOwn(values, name) ? values[name]! : whole)),
  ) as T;
}

function walkStrings(value: unknown, path: string, visit: (text: string, path: string) => void): void {
  if (typeof value === 'string') visit(value, path);
  else if (Array.isArray(value)) value.forEach((item, i) => walkStrings(item, joinPointer(path, pointer(i)), visit));
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) walkStrings(item, joinPointer(path, pointer(key)), visit);
  }
}

function mapStrings(value: unknown, map: (text: string) => string): unknown {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, map));
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) setOwn(copy, key, mapStrings(item, map));
    return copy;
  }
  return value;
}
