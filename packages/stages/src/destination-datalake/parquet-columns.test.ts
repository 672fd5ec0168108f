import { describe, expect, it } from 'vitest';
import { ColumnProfiles } from './parquet-columns';

describe('Parquet column profiles', () => {
  it('type records observed as they are spooled exactly as the spool read back', () => {
    const records: Array<Record<string, unknown>> = [
      { n: 1, at: new Date(0), ratio: Number.NaN, gone: undefined, f: () => 1, boxed: new Number(2), nested: { toJSON: () => 'flat' }, big: 3 },
      { n: 2, at: new Date(1), ratio: 4, gone: 'here', boxed: 5, nested: 'text', big: Number.POSITIVE_INFINITY, tags: ['a'] },
    ];
    const asWritten = new ColumnProfiles();
    const asRead = new ColumnProfiles();
    for (const record of records) {
      asWritten.observeRecord(record);
      asRead.observeRecord(JSON.parse(JSON.stringify(record)) as Record<string, unknown>);
    }
    expect(asWritten.columns()).toEqual(asRead.columns());
    expect(Object.fromEntries(asWritten.columns().map((c) => [c.name, c.type]))).toEqual({
      n: 'INT64',
      at: 'STRING',
      ratio: 'INT64',
      gone: 'STRING',
      boxed: 'INT64',
      nested: 'STRING',
      big: 'INT64',
      tags: 'JSON',
    });
  });
});
