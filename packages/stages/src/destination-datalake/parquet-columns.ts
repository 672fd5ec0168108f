import type { BasicType } from 'hyparquet-writer';

export type ColumnType = Extract<BasicType, 'INT64' | 'DOUBLE' | 'BOOLEAN' | 'STRING' | 'JSON'>;
export type ColumnValue = bigint | number | boolean | string | object | null;

/**
 * What one field holds across the records of a file, to give its column a type: numbers
 * become INT64 when every one is a safe integer, else DOUBLE; booleans BOOLEAN; strings
 * STRING; objects and arrays JSON (text annotated as JSON). A field with values of several
 * kinds becomes STRING, each value as text, so that nothing is lost.
 */
export class ColumnProfile {
  private numbers = false;
  private integers = true;
  private booleans = false;
  private strings = false;
  private nested = false;

  observe(value: unknown): void {
    if (value === undefined || value === null) return;
    if (typeof value === 'number') {
      this.numbers = true;
      if (!Number.isSafeInteger(value)) this.integers = false;
    } else if (typeof value === 'boolean') this.booleans = true;
    else if (typeof value === 'string') this.strings = true;
    else this.nested = true;
  }

  type(): ColumnType {
    const kinds = [this.numbers, this.booleans, this.strings, this.nested].filter(Boolean).length;
    if (kinds !== 1) return 'STRING';
    if (this.numbers) return this.integers ? 'INT64' : 'DOUBLE';
    if (this.booleans) return 'BOOLEAN';
    if (this.nested) return 'JSON';
    return 'STRING';
  }
}

/**
 * The columns of one file: a profile per top-level field, in the order first seen. It
 * observes a record as its spool line will read back (JSON.stringify's view: toJSON
 * applied, non-finite numbers as null, undefined and functions left out), so that
 * profiling records as they are written types the columns exactly as reading the spool
 * back would.
 */
export class ColumnProfiles {
  private readonly profiles = new Map<string, ColumnProfile>();

  observeRecord(value: Record<string, unknown>): void {
    for (const key in value) {
      let profile = this.profiles.get(key);
      const field = jsonView(value[key], key);
      if (field === OMITTED) continue;
      if (!profile) this.profiles.set(key, (profile = new ColumnProfile()));
      profile.observe(field);
    }
  }

  columns(): Array<{ name: string; type: ColumnType }> {
    return [...this.profiles].map(([name, profile]) => ({ name, type: profile.type() }));
  }
}

const OMITTED = Symbol('left out of JSON');

function jsonView(value: unknown, key: string): unknown {
  let json = value;
  if (json !== null && typeof json === 'object' && typeof (json as { toJSON?: unknown }).toJSON === 'function') {
    json = (json as { toJSON(key: string): unknown }).toJSON(key);
  }
  if (json instanceof Number || json instanceof String || json instanceof Boolean) json = json.valueOf();
  if (json === undefined || typeof json === 'function' || typeof json === 'symbol') return OMITTED;
  return typeof json === 'number' && !Number.isFinite(json) ? null : json;
}

/** A field's value as its column stores it; null for a missing field. */
export function columnValue(type: ColumnType, value: unknown): ColumnValue {
  if (value === undefined || value === null) return null;
  switch (type) {
    case 'INT64':
      return BigInt(value as number);
    case 'DOUBLE':
    case 'BOOLEAN':
      return value as number | boolean;
    case 'JSON':
      return value as object;
    case 'STRING':
      return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}
