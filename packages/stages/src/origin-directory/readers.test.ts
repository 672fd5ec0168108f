import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCsvRecord } from './csv-record';
import { START_OF_FILE, type FileItem } from './file-items';
import { jsonItems } from './json-items';
import { jsonlItems } from './jsonl-items';
import { readLines } from './line-reader';
import { temporaryLake } from './test-kit';

const lakes: Array<{ remove(): void }> = [];
afterEach(() => lakes.splice(0).forEach((lake) => lake.remove()));
function file(content: string | Buffer) {
  const lake = temporaryLake();
  lakes.push(lake);
  const path = `${lake.dir}/f`;
  writeFileSync(path, content);
  return path;
}
async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('parseCsvRecord', () => {
  it('splits RFC 4180 fields', () => {
    expect(parseCsvRecord('a,b,,"c,d","e ""q""",')).toEqual(['a', 'b', '', 'c,d', 'e "q"', '']);
    expect(parseCsvRecord('"multi\nline",x')).toEqual(['multi\nline', 'x']);
    expect(parseCsvRecord('in"side,x')).toEqual(['in"side', 'x']);
    expect(parseCsvRecord('')).toEqual(['']);
  });

  it('answers undefined while a quoted field is open, and refuses text after a closing quote', () => {
    expect(parseCsvRecord('a,"open')).toBeUndefined();
    expect(parseCsvRecord('a,"x""')).toBeUndefined();
    expect(() => parseCsvRecord('"a"b,c')).toThrow(/unexpected "b" after a closing quote at character 4/);
  });
});

describe('readLines', () => {
  it('counts lines and bytes exactly, takes \\r\\n, drops a BOM, keeps a last line without end of line', async () => {
    const path = file('\uFEFFfirst\r\nsecond\n\nlast');
    const lines = await all(readLines(path, START_OF_FILE));
    expect(lines.map(({ text, number, end }) => [text, number, end])).toEqual([
      ['first', 1, 10],
      ['second', 2, 17],
      ['', 3, 18],
      ['last', 4, 22],
    ]);
    const resumed = await all(readLines(path, { line: 2, byte: 17 }));
    expect(resumed.map(({ text, number }) => [text, number])).toEqual([
      ['', 3],
      ['last', 4],
    ]);
  });

  it('counts bytes of multi-byte characters across chunk boundaries', async () => {
    const line = 'ä'.repeat(200_000);
    const path = file(`${line}\n€\n`);
    const lines = await all(readLines(path, START_OF_FILE));
    expect(lines.map((l) => [l.text.length, l.end])).toEqual([
      [200_000, 400_001],
      [1, 400_005],
    ]);
  });

  it('cuts a line longer than the limit and goes on with the next one', async () => {
    const path = file(`${'x'.repeat(100)}\nshort\n`);
    const lines = await all(readLines(path, START_OF_FILE, 10));
    expect(lines.map(({ text, cut, end }) => [text, cut, end])).toEqual([
      ['x'.repeat(10), true, 101],
      ['short', false, 107],
    ]);
  });
});

describe('file readers', () => {
  it('reads a large JSON lines file as a stream, every line in order', async () => {
    const count = 200_000;
    const path = file(Array.from({ length: count }, (_, n) => JSON.stringify({ n, pad: 'p'.repeat(50) })).join('\n'));
    let expected = 0;
    const started = performance.now();
    for await (const item of jsonlItems(path, START_OF_FILE)) {
      if (item.kind !== 'record' || item.value.n !== expected || item.line !== expected + 1) throw new Error(`unexpected item ${JSON.stringify(item)}`);
      expected += 1;
    }
    expect(expected).toBe(count);
    console.log(`jsonl reader: ${Math.round(count / ((performance.now() - started) / 1000))} lines/s`);
  });

  it('refuses a json file above the size limit with one clear failure', async () => {
    const path = file(JSON.stringify([{ n: 1 }, { n: 2 }]));
    const items: FileItem[] = await all(jsonItems(path, START_OF_FILE, 10));
    expect(items).toEqual([
      { kind: 'failure', raw: '', reason: expect.stringMatching(/^file is 17 bytes; a json file is read whole and may be at most 10 bytes: write larger data as jsonl$/), line: undefined, next: { line: 0, byte: 17 } },
    ]);
  });
});
