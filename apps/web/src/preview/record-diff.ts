import type { PreviewStage } from '@duto/model';

/**
 * What a stage did to each record in a preview: which input record became which output
 * record, and the fields that changed on the way. The preview answers a stage's inputs
 * and outputs as two lists, so the pairs are worked out here.
 */

/** A record of the preview, with its value typed for reading fields. */
export interface PreviewRecord {
  value: Record<string, unknown>;
  attributes: Record<string, string>;
}
export type FieldChange = 'added' | 'removed' | 'changed';

export interface RecordPair {
  input?: PreviewRecord;
  output?: PreviewRecord;
  /** The lane the output went to, for a stage with lanes. */
  lane?: string;
  /** By dotted field path; empty unless both sides are there. */
  changes: ReadonlyMap<string, FieldChange>;
}

const NO_CHANGES: ReadonlyMap<string, FieldChange> = new Map();

/** Leaf fields as dotted paths: nested objects are walked; arrays, scalars and empty objects are leaves. */
export function flattenFields(value: Record<string, unknown>): Map<string, unknown> {
  const fields = new Map<string, unknown>();
  const walk = (node: Record<string, unknown>, prefix: string) => {
    for (const [key, child] of Object.entries(node)) {
      const path = prefix + key;
      if (isPlainObject(child) && Object.keys(child).length > 0) walk(child, `${path}.`);
      else fields.set(path, child);
    }
  };
  walk(value, '');
  return fields;
}

export function diffFields(before: Record<string, unknown>, after: Record<string, unknown>): Map<string, FieldChange> {
  const old = flattenFields(before);
  const changes = new Map<string, FieldChange>();
  for (const [path, value] of flattenFields(after)) {
    if (!old.has(path)) changes.set(path, 'added');
    else if (stableJson(old.get(path)) !== stableJson(value)) changes.set(path, 'changed');
    old.delete(path);
  }
  for (const path of old.keys()) changes.set(path, 'removed');
  return changes;
}

/**
 * Pairs a stage's inputs with its outputs. Records that went to the error lane are set
 * apart first. An output equal to an input is that input passed on unchanged (a filter,
 * a router); the rest are paired in order when as many remain on both sides (a stage that
 * maps each record), and otherwise stand alone: outputs made anew (an aggregate) and
 * inputs that went nowhere (filtered out, or a destination, which passes nothing on).
 */
export function pairRecords(previewed: PreviewStage): RecordPair[] {
  const stage = previewed as unknown as { input: PreviewRecord[]; output: Array<{ record: PreviewRecord; lane?: string }>; errors: Array<{ record: PreviewRecord }> };
  const inputKeys = stage.input.map(recordKey);
  const errored = new Set<number>();
  for (const error of stage.errors) {
    const key = recordKey(error.record);
    const index = inputKeys.findIndex((k, i) => k === key && !errored.has(i));
    if (index >= 0) errored.add(index);
  }
  const partnerOf = new Map<number, number>(); // input index → output index
  const unmatchedOutputs: number[] = [];
  stage.output.forEach((out, outputIndex) => {
    const key = recordKey(out.record);
    const inputIndex = inputKeys.findIndex((k, i) => k === key && !errored.has(i) && !partnerOf.has(i));
    if (inputIndex >= 0) partnerOf.set(inputIndex, outputIndex);
    else unmatchedOutputs.push(outputIndex);
  });
  const unmatchedInputs = stage.input.map((_, i) => i).filter((i) => !errored.has(i) && !partnerOf.has(i));
  const mapsOneToOne = unmatchedInputs.length === unmatchedOutputs.length;
  if (mapsOneToOne) unmatchedInputs.forEach((inputIndex, n) => partnerOf.set(inputIndex, unmatchedOutputs[n]!));

  const pairs: RecordPair[] = [];
  stage.input.forEach((input, inputIndex) => {
    if (errored.has(inputIndex)) return;
    const outputIndex = partnerOf.get(inputIndex);
    if (outputIndex === undefined) return pairs.push({ input, changes: NO_CHANGES });
    const out = stage.output[outputIndex]!;
    pairs.push({ input, output: out.record, ...laneOf(out), changes: diffFields(input.value, out.record.value) });
  });
  if (!mapsOneToOne) {
    for (const outputIndex of unmatchedOutputs) {
      const out = stage.output[outputIndex]!;
      pairs.push({ output: out.record, ...laneOf(out), changes: NO_CHANGES });
    }
  }
  return pairs;
}

/** Field paths in the order they first appear in the records, for table columns. */
export function fieldColumns(records: ReadonlyArray<PreviewRecord | undefined>): string[] {
  const columns = new Set<string>();
  for (const record of records) if (record) for (const path of flattenFields(record.value).keys()) columns.add(path);
  return [...columns];
}

function laneOf(out: { lane?: string }): { lane?: string } {
  return out.lane === undefined ? {} : { lane: out.lane };
}

function recordKey(record: PreviewRecord): string {
  return stableJson([record.value, record.attributes]);
}

/** JSON with object keys sorted, so that equal values compare equal whatever their key order. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (isPlainObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stableJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
