import { KEYWORD_EXPRESSION, KEYWORD_SECRET } from '@duto/model';

/** The part of JSON Schema the form reads. Anything else in a schema is ignored here. */
export interface JsonSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  default?: unknown;
  examples?: unknown[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  patternProperties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  writeOnly?: boolean;
}

/** How a field is edited; decided from the schema's shape alone, never from a stage's name. */
export type FieldKind =
  | { kind: 'secret' }
  | { kind: 'expression' }
  | { kind: 'enum'; options: readonly unknown[] }
  | { kind: 'boolean' }
  | { kind: 'number'; integer: boolean }
  | { kind: 'text' }
  | { kind: 'list'; items: JsonSchema }
  | { kind: 'object'; properties: Record<string, JsonSchema> }
  | { kind: 'map'; values: JsonSchema; keyPattern?: string }
  | { kind: 'json' };

const flag = (schema: JsonSchema, keyword: string) => (schema as Record<string, unknown>)[keyword] === true;

export function fieldKind(schema: JsonSchema): FieldKind {
  if (flag(schema, KEYWORD_SECRET)) return { kind: 'secret' };
  if (flag(schema, KEYWORD_EXPRESSION)) return { kind: 'expression' };
  if (schema.enum) return { kind: 'enum', options: schema.enum };
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches?.length && branches.every((b) => 'const' in b)) return { kind: 'enum', options: branches.map((b) => b.const) };
  switch (schema.type) {
    case 'boolean':
      return { kind: 'boolean' };
    case 'integer':
      return { kind: 'number', integer: true };
    case 'number':
      return { kind: 'number', integer: false };
    case 'string':
      return { kind: 'text' };
    case 'array':
      return schema.items ? { kind: 'list', items: schema.items } : { kind: 'json' };
    case 'object':
      return objectKind(schema);
    default:
      return { kind: 'json' };
  }
}

function objectKind(schema: JsonSchema): FieldKind {
  if (schema.properties && Object.keys(schema.properties).length > 0) return { kind: 'object', properties: schema.properties };
  const patterns = Object.entries(schema.patternProperties ?? {});
  if (patterns.length === 1) {
    const [keyPattern, values] = patterns[0]!;
    return { kind: 'map', values, keyPattern };
  }
  if (typeof schema.additionalProperties === 'object') return { kind: 'map', values: schema.additionalProperties };
  if (schema.properties) return { kind: 'object', properties: schema.properties };
  return { kind: 'json' };
}

/** "recordsPerSecond" → "Records per second"; a schema's own title wins. */
export function fieldLabel(key: string, schema: JsonSchema): string {
  if (schema.title) return schema.title;
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase()
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The value a new field or list item starts with: the schema's default, or for an object
 * the defaults of its properties. Required properties with no default stay unset, so the
 * validator asks for them by name.
 */
export function defaultValue(schema: JsonSchema): unknown {
  if (schema.default !== undefined) return structuredClone(schema.default);
  const kind = fieldKind(schema);
  if (kind.kind === 'object') {
    const value: Record<string, unknown> = {};
    for (const [key, property] of Object.entries(kind.properties)) {
      const initial = defaultValue(property);
      if (initial !== undefined) value[key] = initial;
    }
    return value;
  }
  return undefined;
}

/** A new item for a list: the item's default, or an empty value of its kind. */
export function newListItem(items: JsonSchema): unknown {
  const initial = defaultValue(items);
  if (initial !== undefined) return initial;
  const kind = fieldKind(items);
  if (kind.kind === 'enum') return kind.options[0];
  if (kind.kind === 'boolean') return false;
  if (kind.kind === 'number') return items.minimum ?? 0;
  if (kind.kind === 'list') return [];
  if (kind.kind === 'map') return {};
  return '';
}
