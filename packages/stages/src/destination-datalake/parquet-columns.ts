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
