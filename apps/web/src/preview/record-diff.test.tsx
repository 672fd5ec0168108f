import { describe, expect, it } from 'vitest';
import type { PreviewStage } from '@duto/model';
import { diffFields, fieldColumns, flattenFields, pairRecords } from './record-diff';

const rec = (value: Record<string, unknown>, attributes: Record<string, string> = {}) => ({ value, attributes });
const stage = (parts: Partial<PreviewStage>): PreviewStage => ({ stageId: 's', input: [], output: [], errors: [], ...parts });

describe('the field diff of a previewed record', () => {
  it('walks nested objects to dotted paths and keeps arrays and empty objects whole', () => {
    expect([...flattenFields({ a: 1, b: { c: 2, d: { e: 3 } }, list: [1, { x: 1 }], empty: {} })]).toEqual([
      ['a', 1],
      ['b.c', 2],
      ['b.d.e', 3],
      ['list', [1, { x: 1 }]],
      ['empty', {}],
    ]);
  });

  it('tells changed, added and removed fields apart, nested ones by their path', () => {
    const changes = diffFields(
      { temperature: 20, sensorId: 's1', meta: { unit: 'C', site: 'a' }, tags: [1, 2] },
      { temperature: 68, sensorId: 's1', meta: { unit: 'F', site: 'a' }, tags: [1, 2], temperatureF: 68 },
    );
    expect(Object.fromEntries(changes)).toEqual({ temperature: 'changed', 'meta.unit': 'changed', temperatureF: 'added' });
    expect(Object.fromEntries(diffFields({ a: 1, b: { c: 1 } }, { a: 1 }))).toEqual({ 'b.c': 'removed' });
  });

  it('sees no change where only the key order differs, and a change of type or of an array item', () => {
    expect(diffFields({ o: { a: 1, b: 2 } }, { o: { b: 2, a: 1 } }).size).toBe(0);
    expect(Object.fromEntries(diffFields({ t: 20, l: [1, 2] }, { t: '20', l: [2, 1] }))).toEqual({ t: 'changed', l: 'changed' });
    // A leaf that becomes an object: the leaf went, its fields came.
    expect(Object.fromEntries(diffFields({ a: 1 }, { a: { b: 1 } }))).toEqual({ a: 'removed', 'a.b': 'added' });
  });
});

describe('pairing a stage’s inputs with its outputs', () => {
  it('pairs a mapping stage’s records in order, leaving out the ones that went to the error lane', () => {
    const pairs = pairRecords(
      stage({
        input: [rec({ t: 1 }), rec({ t: 'n/a' }), rec({ t: 3 })],
        output: [{ record: rec({ t: 1, f: 33.8 }) }, { record: rec({ t: 3, f: 37.4 }) }],
        errors: [{ record: rec({ t: 'n/a' }), reason: 'not a number' }],
      }),
    );
    expect(pairs.map((p) => [p.input?.value.t, p.output?.value.f, Object.fromEntries(p.changes)])).toEqual([
      [1, 33.8, { f: 'added' }],
      [3, 37.4, { f: 'added' }],
    ]);
  });

  it('matches a filter’s passed records to their inputs and shows the dropped ones alone', () => {
    const pairs = pairRecords(stage({ input: [rec({ n: 1 }), rec({ n: 2 }), rec({ n: 3 })], output: [{ record: rec({ n: 3 }) }] }));
    expect(pairs.map((p) => [p.input?.value.n, p.output?.value.n, p.changes.size])).toEqual([
      [1, undefined, 0],
      [2, undefined, 0],
      [3, 3, 0],
    ]);
  });

  it('matches a router’s records whatever order its lanes came out in, with their lanes', () => {
    const pairs = pairRecords(
      stage({
        input: [rec({ n: 1 }), rec({ n: 2 })],
        output: [
          { record: rec({ n: 2 }), lane: 'even' },
          { record: rec({ n: 1 }), lane: 'odd' },
        ],
      }),
    );
    expect(pairs.map((p) => [p.input?.value.n, p.output?.value.n, p.lane, p.changes.size])).toEqual([
      [1, 1, 'odd', 0],
      [2, 2, 'even', 0],
    ]);
  });

  it('keeps records with the same value but other attributes apart', () => {
    const pairs = pairRecords(
      stage({
        input: [rec({ n: 1 }, { seq: '1' }), rec({ n: 1 }, { seq: '2' })],
        output: [{ record: rec({ n: 1 }, { seq: '2' }) }],
      }),
    );
    expect(pairs.map((p) => [p.input?.attributes.seq, p.output?.attributes.seq])).toEqual([
      ['1', undefined],
      ['2', '2'],
    ]);
  });

  it('shows records a stage made anew (an aggregate) without pairing them to inputs', () => {
    const pairs = pairRecords(
      stage({ input: [rec({ k: 'a', v: 1 }), rec({ k: 'a', v: 2 }), rec({ k: 'b', v: 5 })], output: [{ record: rec({ k: 'a', sum: 3 }) }, { record: rec({ k: 'b', sum: 5 }) }] }),
    );
    expect(pairs.map((p) => [p.input?.value.v, p.output?.value.sum])).toEqual([
      [1, undefined],
      [2, undefined],
      [5, undefined],
      [undefined, 3],
      [undefined, 5],
    ]);
    expect(pairs.every((p) => p.changes.size === 0)).toBe(true);
  });

  it('lists an origin’s records as outputs only', () => {
    const pairs = pairRecords(stage({ output: [{ record: rec({ n: 1 }) }, { record: rec({ n: 2 }) }] }));
    expect(pairs.map((p) => [p.input, p.output?.value.n])).toEqual([
      [undefined, 1],
      [undefined, 2],
    ]);
  });

  it('makes table columns from the fields in the order they first appear', () => {
    expect(fieldColumns([rec({ a: 1, b: { c: 2 } }), undefined, rec({ d: 1, a: 2 })])).toEqual(['a', 'b.c', 'd']);
  });
});
