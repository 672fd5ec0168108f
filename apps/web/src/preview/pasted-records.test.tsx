import { describe, expect, it } from 'vitest';
import { parsePastedRecords } from './pasted-records';

describe('pasted preview records', () => {
  it('takes a JSON array of objects, one object, or one object per line', () => {
    expect(parsePastedRecords('[{"a":1},{"a":2}]')).toEqual({ records: [{ a: 1 }, { a: 2 }] });
    expect(parsePastedRecords(' {"a":1} ')).toEqual({ records: [{ a: 1 }] });
    expect(parsePastedRecords('{"a":1}\n\n{"a":2}\n')).toEqual({ records: [{ a: 1 }, { a: 2 }] });
  });

  it('says which item or line is wrong', () => {
    expect(parsePastedRecords('')).toEqual({ problem: expect.stringContaining('Paste one or more') });
    expect(parsePastedRecords('[]')).toEqual({ problem: expect.stringContaining('empty') });
    expect(parsePastedRecords('[{"a":1}, 2]')).toEqual({ problem: 'Item 2 is not a JSON object: each record\'s value must be one.' });
    expect(parsePastedRecords('{"a":1}\n{"a":')).toEqual({ problem: expect.stringMatching(/^Line 2 is not valid JSON/) });
    expect(parsePastedRecords('{"a":1}\n[1]')).toEqual({ problem: 'Line 2 is not a JSON object: each record\'s value must be one.' });
  });
});
