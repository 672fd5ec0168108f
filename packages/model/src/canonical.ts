/**
 * The canonical text of a pipeline document: known objects keep the contract's key order,
 * everything else (configs, parameters) is sorted by key; 2-space indent, final newline.
 * Two exports of one pipeline are byte-identical, and diffs show only what changed.
 */
import { setOwn } from './own-keys';

const TOP_LEVEL_ORDER = ['format', 'name', 'description', 'parameters', 'settings', 'stages', 'edges'];
const STAGE_ORDER = ['id', 'type', 'label', 'config', 'position'];
const EDGE_ORDER = ['from', 'to', 'lane'];
const SETTINGS_ORDER = ['batchSize', 'batchWaitMs', 'onRecordError'];
const POSITION_ORDER = ['x', 'y'];

export function canonicalPipelineJson(document: unknown): string {
  return JSON.stringify(orderDocument(document), null, 2) + '\n';
}

function orderDocument(document: unknown): unknown {
  if (!isPlainObject(document)) return sortDeep(document);
  return orderKeys(document, TOP_LEVEL_ORDER, (key, value) => {
    if (key === 'stages' && Array.isArray(value)) return value.map(orderStage);
    if (key === 'edges' && Array.isArray(value)) {
      return value.map((edge) => (isPlainObject(edge) ? orderKeys(edge, EDGE_ORDER, sortEntry) : sortDeep(edge)));
    }
    if (key === 'settings' && isPlainObject(value)) return orderKeys(value, SETTINGS_ORDER, sortEntry);
    return sortDeep(value);
  });
}

function orderStage(stage: unknown): unknown {
  if (!isPlainObject(stage)) return sortDeep(stage);
  return orderKeys(stage, STAGE_ORDER, (key, value) =>
    key === 'position' && isPlainObject(value) ? orderKeys(value, POSITION_ORDER, sortEntry) : sortDeep(value),
  );
}

function sortEntry(_key: string, value: unknown): unknown {
  return sortDeep(value);
}

function orderKeys(
  object: Record<string, unknown>,
  order: readonly string[],
  mapValue: (key: string, value: unknown) => unknown,
): Record<string, unknown> {
  const rank = (key: string) => {
    const index = order.indexOf(key);
    return index === -1 ? order.length : index;
  };
  const keys = Object.keys(object).sort((a, b) => rank(a) - rank(b) || compareKeys(a, b));
  const result: Record<string, unknown> = {};
  for (const key of keys) {
    if (object[key] !== undefined) setOwn(result, key, mapValue(key, object[key]));
  }
  return result;
}

function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortDeep);
  if (!isPlainObject(value)) return value;
  return orderKeys(value, [], sortEntry);
}

/** Code-unit order, the same on every platform and locale. */
function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
